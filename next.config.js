/** @type {import('next').NextConfig} */
const nextConfig = {
  // Packages with native or WASM parts, loaded by Node at run time instead of being bundled.
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', '@node-rs/argon2', 'pg', '@prisma/adapter-pg'],
  poweredByHeader: false,
  // Nothing is fetched from the internet at build or run time; keep production images lean.
  output: process.env.SIEVE_STANDALONE === '1' ? 'standalone' : undefined,
  // Type errors fail CI's own `npm run typecheck` step; checking again inside every build only costs time.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'X-Frame-Options', value: 'SAMEORIGIN' },
        ],
      },
    ];
  },
};

export default nextConfig;
