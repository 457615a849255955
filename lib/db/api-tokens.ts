/** Personal API tokens, stored as SHA-256 hashes only. */
import { getDb, getSql } from './client';
import { Prisma } from './generated/client';
import type { UserSummary } from './users';

export interface ApiTokenSummary {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

const summary = { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true } as const;

export async function insertApiToken(input: { userId: string; name: string; tokenHash: string; prefix: string }): Promise<ApiTokenSummary> {
  return getDb().apiToken.create({ data: input, select: summary });
}

export async function listApiTokens(userId: string): Promise<ApiTokenSummary[]> {
  return getDb().apiToken.findMany({ where: { userId, revokedAt: null }, select: summary, orderBy: { createdAt: 'desc' } });
}

/**
 * Tokens verified in the last few seconds (decision 009): a screener's client sends two requests
 * a decision, and looking the token up each time was one database round trip in three. Safe
 * because the app is one process (decision 001) and tokens are revoked only through it
 * (revokeApiToken forgets the user's entries at once); a token deleted behind the app's back
 * stops working within VERIFIED_MS.
 */
const VERIFIED_MS = 10_000;
const VERIFIED_MAX = 10_000;
/**
 * On globalThis, not in this module: the built app has a copy of the module per route bundle, and
 * a revocation made from the account page must reach the cache the API routes read.
 * `revocations` is bumped by every revocation: a lookup that overlapped one is not remembered.
 */
const tokenCache = ((globalThis as unknown as { __sieveVerifiedTokens?: { verified: Map<string, { user: UserSummary; until: number }>; revocations: number } })
  .__sieveVerifiedTokens ??= { verified: new Map(), revocations: 0 });
const verified = tokenCache.verified;

/**
 * The user owning a live token with this hash, read with the token in one query (every API call
 * starts here); marks the token used (at most once a minute).
 */
export async function findUserByTokenHash(tokenHash: string): Promise<UserSummary | null> {
  const now = Date.now();
  const hit = verified.get(tokenHash);
  if (hit && hit.until > now) return hit.user;
  const generation = tokenCache.revocations;
  // A join written out: the relation include would be two queries. The thin path (lib/db/sql.ts).
  const rows = await getSql().query<UserSummary & { tokenId: string; lastUsedAt: Date | null }>(Prisma.sql`
    SELECT t.id AS "tokenId", t."lastUsedAt", u.id, u.email, u.name, u."createdAt"
    FROM "ApiToken" t JOIN "User" u ON u.id = t."userId"
    WHERE t."tokenHash" = ${tokenHash} AND t."revokedAt" IS NULL`);
  const token = rows[0];
  if (!token) {
    verified.delete(tokenHash);
    return null;
  }
  // Writing on every request would turn each API read into a write.
  if (!token.lastUsedAt || now - token.lastUsedAt.getTime() > 60_000) {
    await getDb().apiToken.update({ where: { id: token.tokenId }, data: { lastUsedAt: new Date(now) } });
  }
  const user = { id: token.id, email: token.email, name: token.name, createdAt: token.createdAt };
  if (generation === tokenCache.revocations) {
    if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value!);
    verified.set(tokenHash, { user, until: now + VERIFIED_MS });
  }
  return user;
}

export async function revokeApiToken(userId: string, tokenId: string): Promise<boolean> {
  tokenCache.revocations++;
  const { count } = await getDb().apiToken.updateMany({ where: { id: tokenId, userId, revokedAt: null }, data: { revokedAt: new Date() } });
  tokenCache.revocations++;
  verified.clear();
  return count > 0;
}
