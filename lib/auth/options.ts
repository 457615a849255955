/**
 * next-auth v4 with the credentials provider and JWT sessions: a signed cookie that survives
 * restarts (the secret persists), with the user's id in it. Membership and role are NOT in the
 * token: every request reads them from the database, so removing a member takes effect at once.
 */
import type { NextAuthOptions } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { getAuthSecret } from '../env';
import { isAppError } from '../errors';
import { verifyCredentials } from '../services/accounts';

let cached: NextAuthOptions | undefined;

/** Built on first use, not at import, so `next build` needs no secret. */
export function getAuthOptions(): NextAuthOptions {
  cached ??= buildOptions();
  return cached;
}

const buildOptions = (): NextAuthOptions => ({
  secret: getAuthSecret(),
  session: { strategy: 'jwt', maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: '/sign-in' },
  providers: [
    Credentials({
      name: 'Email and password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, req) {
        if (!credentials?.email || !credentials.password) return null;
        const forwarded = (req?.headers?.['x-forwarded-for'] as string | undefined)?.split(',')[0]?.trim();
        try {
          const user = await verifyCredentials(credentials.email, credentials.password, forwarded);
          return user ? { id: user.id, email: user.email, name: user.name } : null;
        } catch (e) {
          // next-auth passes the thrown message to the sign-in page as ?error=...
          if (isAppError(e) && e.code === 'too_many_requests') throw new Error(e.message);
          throw e;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.uid = user.id;
      return token;
    },
    session({ session, token }) {
      if (session.user && typeof token.uid === 'string') (session.user as { id?: string }).id = token.uid;
      return session;
    },
  },
});
