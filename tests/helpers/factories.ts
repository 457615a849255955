/** Test and demo data builders, shared by integration tests, end-to-end tests and the demo seed. */
import { randomBytes } from 'node:crypto';
import { signUp } from '../../lib/services/accounts';
import { createApiToken } from '../../lib/services/api-tokens';
import { addReviewMember, createReview } from '../../lib/services/reviews';

export const DEFAULT_PASSWORD = 'correct horse battery staple';

export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomBytes(4).toString('hex')}@example.org`;
}

export async function makeUser(label = 'user', name = label) {
  const user = await signUp({ name, email: uniqueEmail(label), password: DEFAULT_PASSWORD });
  const { token } = await createApiToken(user.id, `${label} test token`);
  return { ...user, token };
}

export async function makeReview(ownerId: string, title = 'Ketamine and neuroplasticity') {
  return createReview(ownerId, { title, description: 'A test review' });
}

export async function addMember(ownerId: string, reviewId: string, email: string, role: 'owner' | 'reviewer' | 'viewer') {
  return addReviewMember(ownerId, reviewId, { email, role });
}

/**
 * Inserts a search with `count` simple records straight into the database (tests of screening do
 * not need the importer). Returns the record ids in import order.
 */
export async function makeRecords(reviewId: string, userId: string, count: number, label = 'Record'): Promise<string[]> {
  const { getDb } = await import('../../lib/db/client');
  const db = getDb();
  const search = await db.search.create({
    data: { reviewId, source: 'PubMed', sourceType: 'database', query: 'test', fileName: 'test.nbib', fileSize: 0, fileSha256: '0', format: 'medline', recordsImported: count, createdById: userId },
  });
  const ids: string[] = [];
  for (let start = 0; start < count; start += 1000) {
    const batch = Array.from({ length: Math.min(1000, count - start) }, (_, i) => ({
      id: crypto.randomUUID(),
      reviewId,
      searchId: search.id,
      position: start + i,
      title: `${label} ${start + i + 1}: ketamine and synaptic plasticity`,
      abstract: `Abstract of ${label.toLowerCase()} ${start + i + 1}.`,
      authors: [{ name: 'Doe, Jane', family: 'Doe', given: 'Jane' }],
      year: 2020,
    }));
    await db.record.createMany({ data: batch });
    ids.push(...batch.map((b) => b.id));
  }
  return ids;
}
