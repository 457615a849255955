/** Personal API tokens, stored as SHA-256 hashes only. */
import { getDb } from './client';

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

/** The user owning a live token with this hash; marks the token used (at most once a minute). */
export async function findUserIdByTokenHash(tokenHash: string): Promise<string | null> {
  const token = await getDb().apiToken.findUnique({ where: { tokenHash }, select: { id: true, userId: true, revokedAt: true, lastUsedAt: true } });
  if (!token || token.revokedAt) return null;
  const now = new Date();
  // Writing on every request would turn each API read into a write.
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > 60_000) {
    await getDb().apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
  }
  return token.userId;
}

export async function revokeApiToken(userId: string, tokenId: string): Promise<boolean> {
  const { count } = await getDb().apiToken.updateMany({ where: { id: tokenId, userId, revokedAt: null }, data: { revokedAt: new Date() } });
  return count > 0;
}
