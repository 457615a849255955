/**
 * The production server: Next.js's request handler on node:http, with the two requests a screen
 * makes per record (next record, decision) given straight to their App Router route handlers
 * (lib/server/direct-routes.ts, decision 013). Run by `npm start` and by the tests and benchmarks,
 * after `next build`; `next dev` does not use it.
 *
 *   node --import tsx scripts/server.ts [-p PORT] [-H HOST]     (defaults: $PORT or 3000, $HOSTNAME or all)
 */
import http from 'node:http';
import path from 'node:path';
import next from 'next';
import type { NextConfig } from 'next';
import { matchDirectRoute, serveDirect, type DirectRoute, type RouteHandler } from '../lib/server/direct-routes';

const ROOT = path.resolve(import.meta.dirname, '..');

function arg(flag: string): string | undefined {
  const i = process.argv.indexOf(flag);
  return i > 0 ? process.argv[i + 1] : undefined;
}
const port = Number(arg('-p') ?? process.env.PORT ?? 3000);
const hostname = arg('-H') ?? process.env.HOSTNAME;

(process.env as Record<string, string>).NODE_ENV = 'production';
// Set by `next start` for its own process; the app reads it to know it is the server
// (lib/db/client.ts: the embedded database's worker and maintenance run only there).
process.env.NEXT_RUNTIME ??= 'nodejs';

const routes: DirectRoute[] = [
  {
    method: 'GET',
    path: '/api/v1/reviews/:reviewId/screening/next',
    load: async () => (await import('../app/api/v1/reviews/[reviewId]/screening/next/route')).GET as RouteHandler,
  },
  {
    method: 'POST',
    path: '/api/v1/reviews/:reviewId/records/:recordId/decisions',
    load: async () => (await import('../app/api/v1/reviews/[reviewId]/records/[recordId]/decisions/route')).POST as RouteHandler,
  },
];

async function main() {
  const app = next({ dev: false, dir: ROOT, hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  // The headers next.config.js gives every path, so direct answers carry them too.
  const nextConfig = (await import('../next.config.js' as string)).default as NextConfig;
  const headerRules = (await nextConfig.headers?.()) ?? [];
  const everyPath = headerRules.filter((r) => r.source === '/:path*').flatMap((r) => r.headers);

  const server = http.createServer((req, res) => {
    const match = matchDirectRoute(routes, req.method, req.url);
    if (!match) return void handle(req, res);
    serveDirect(match, req, res, everyPath).catch((error: unknown) => {
      // Route handlers answer their own errors (lib/api/handler.ts); this is a failure around
      // them (a dropped connection while reading the body). Never a stack trace to the client.
      console.error(`[server] ${req.method} ${req.url?.split('?')[0]}:`, error);
      if (res.headersSent) return void res.destroy();
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'internal', message: 'Something went wrong on our side. It has been logged; please try again.' } }));
    });
  });
  server.listen(port, hostname, () => console.log(`Sieve is serving on http://${hostname ?? 'localhost'}:${port}`));
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5000).unref();
  };
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
