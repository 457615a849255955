/** Personal API tokens, stored as SHA-256 hashes only. */
import { getDb } from './client';
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
 * The user owning a live token with this hash, read with the token in one query (every API call
 * starts here); marks the token used (at most once a minute).
 */
export async function findUserByTokenHash(tokenHash: string): Promise<UserSummary | null> {
  // A join written out: the relation include would be two queries.
  const rows = await getDb().$queryRaw<Array<UserSummary & { tokenId: string; lastUsedAt: Date | null }>>`
    SELECT t.id AS "tokenId", t."lastUsedAt", u.id, u.email, u.name, u."createdAt"
    FROM "ApiToken" t JOIN "User" u ON u.id = t."userId"
    WHERE t."tokenHash" = ${tokenHash} AND t."revokedAt" IS NULL`;
  const token = rows[0];
  if (!token) return null;
  const now = new Date();
  // Writing on every request would turn each API read into a write.
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > 60_000) {
    await getDb().apiToken.update({ where: { id: token.tokenId }, data: { lastUsedAt: now } });
  }
  return { id: token.id, email: token.email, name: token.name, createdAt: token.createdAt };
}

export async function revokeApiToken(userId: string, tokenId: string): Promise<boolean> {
  const { count } = await getDb().apiToken.updateMany({ where: { id: tokenId, userId, revokedAt: null }, data: { revokedAt: new Date() } });
  return count > 0;
}
