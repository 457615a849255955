/** Who is calling: the signed-in browser user (session cookie) or an API token (Bearer). */
import { getServerSession } from 'next-auth';
import { getToken } from 'next-auth/jwt';
import { redirect } from 'next/navigation';
import { findUser, type UserSummary } from '../db/users';
import { AppError } from '../errors';
import { userForToken } from '../services/api-tokens';
import { getAuthSecret } from '../env';
import { getAuthOptions } from './options';

/** The signed-in user for pages and server actions, or null. Deleted users count as signed out. */
export async function getSessionUser(): Promise<UserSummary | null> {
  const session = await getServerSession(getAuthOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  return id ? findUser(id) : null;
}

/** For pages: the user, or a redirect to sign-in that comes back here. */
export async function requirePageUser(returnTo: string): Promise<UserSummary> {
  const user = await getSessionUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

/** For server actions. */
export async function requireActionUser(): Promise<UserSummary> {
  const user = await getSessionUser();
  if (!user) throw new AppError('unauthorized', 'Your session has ended. Sign in again.');
  return user;
}

/**
 * For the JSON API: `Authorization: Bearer <token>` when present (a bad token is refused even if
 * a session cookie exists), else the browser session, so the UI can call the same endpoints.
 */
export async function requireApiUser(request: Request): Promise<UserSummary> {
  const header = request.headers.get('authorization');
  if (header) {
    const m = header.match(/^Bearer\s+(\S+)$/i);
    const user = m ? await userForToken(m[1]) : null;
    if (!user) throw new AppError('unauthorized', 'The API token is missing, malformed, revoked or unknown. Create one under Account > API tokens.');
    return user;
  }
  const userId = await sessionUserIdFromRequest(request);
  const user = userId ? await findUser(userId) : null;
  if (!user) throw new AppError('unauthorized', 'Authentication required: send Authorization: Bearer <token>.');
  return user;
}

/**
 * Reads the next-auth session cookie straight from the request (no next/headers), so handlers
 * also work when called directly, as the integration tests do.
 */
async function sessionUserIdFromRequest(request: Request): Promise<string | null> {
  const cookieHeader = request.headers.get('cookie');
  if (!cookieHeader) return null;
  const cookies = new Map<string, string>();
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const raw = part.slice(eq + 1).trim();
    // Other apps on the host may set cookies that are not percent-encoded; they are not ours to judge.
    let value = raw;
    try {
      value = decodeURIComponent(raw);
    } catch {
      /* keep the raw value */
    }
    cookies.set(part.slice(0, eq).trim(), value);
  }
  const token = await getToken({ req: { headers: new Headers(), cookies } as never, secret: getAuthSecret() });
  return typeof token?.uid === 'string' ? token.uid : null;
}
