/**
 * API tokens: 32 random bytes, base64url, prefixed "sieve_" so secret scanners can spot leaks.
 * Only the SHA-256 is stored; a token is shown once, when created.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { UserSummary } from '../db/users';
import { findUserByTokenHash, insertApiToken, type ApiTokenSummary } from '../db/api-tokens';

export const TOKEN_PREFIX = 'sieve_';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createApiToken(userId: string, name: string): Promise<{ token: string; summary: ApiTokenSummary }> {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const summary = await insertApiToken({ userId, name, tokenHash: hashToken(token), prefix: token.slice(0, TOKEN_PREFIX.length + 6) });
  return { token, summary };
}

export async function userForToken(token: string): Promise<UserSummary | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  return findUserByTokenHash(hashToken(token));
}

export async function userIdForToken(token: string): Promise<string | null> {
  return (await userForToken(token))?.id ?? null;
}
