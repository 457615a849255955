import NextAuth from 'next-auth';
import { getAuthOptions } from '@/lib/auth/options';

// next-auth v4 reads params synchronously; Next 16 passes them as a promise.
async function handler(request: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(request as never, { params: await ctx.params } as never, getAuthOptions());
}

export { handler as GET, handler as POST };
