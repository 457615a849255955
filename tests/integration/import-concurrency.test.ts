/**
 * Two owners importing overlapping searches into one review at the same moment: both complete,
 * the duplicates between them are found (the second import deduplicates inside the review's
 * advisory lock, after the first committed), and the counts add up exactly as if they had been
 * imported one after the other.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../lib/db/client';
import { fileSource, importSearch } from '../../lib/services/import';
import { addMember, makeReview, makeUser } from '../helpers/factories';
import { dbKind, useTestDatabase } from '../helpers/db';

useTestDatabase();

const DATA = path.resolve(import.meta.dirname, '../../../shared/data/ris');
const FILES = [
  ['pubmed_176', 'PubMed', 176],
  ['scopus_255', 'Scopus', 255],
] as const;
const upload = (name: string) => fileSource(`${name}.ris`, path.join(DATA, `citesource_gambling-harms_${name}.ris`));

async function reviewState(reviewId: string) {
  const db = getDb();
  const [records, removed, linked, pairs, crossPairs] = await Promise.all([
    db.record.count({ where: { reviewId } }),
    db.record.count({ where: { reviewId, removedReason: 'duplicate' } }),
    db.record.count({ where: { reviewId, duplicateOfId: { not: null } } }),
    db.duplicatePair.count({ where: { reviewId } }),
    db.duplicatePair.count({ where: { reviewId, recordA: { search: { source: 'PubMed' } }, recordB: { search: { source: 'Scopus' } } } }),
  ]);
  const crossReversed = await db.duplicatePair.count({ where: { reviewId, recordA: { search: { source: 'Scopus' } }, recordB: { search: { source: 'PubMed' } } } });
  return { records, removed, linked, pairs, crossPairs: crossPairs + crossReversed };
}

describe('concurrent imports into one review', () => {
  // PGlite is one embedded connection that runs one transaction at a time, so two imports can
  // never overlap there; the advisory lock this test exercises only matters on PostgreSQL.
  it.skipIf(dbKind() === 'pglite')('both complete, find the duplicates between them, and the counts add up', async () => {
    const owner = await makeUser('owner');
    const coOwner = await makeUser('co-owner');
    const review = await makeReview(owner.id, 'Concurrent review');
    await addMember(owner.id, review.id, coOwner.email, 'owner');

    const [a, b] = await Promise.all([
      importSearch(owner.id, review.id, { file: upload(FILES[0][0]), fields: { source: FILES[0][1] } }),
      importSearch(coOwner.id, review.id, { file: upload(FILES[1][0]), fields: { source: FILES[1][1] } }),
    ]);
    expect(a.recordsImported).toBe(176);
    expect(b.recordsImported).toBe(255);
    // Exactly one of them ran second and saw the other's records.
    const [first, second] = a.duplicates.againstEarlierImports.exact > 0 ? [b, a] : [a, b];
    expect(first.duplicates.againstEarlierImports).toEqual({ exact: 0, likely: 0 });
    expect(second.duplicates.againstEarlierImports.exact).toBeGreaterThan(50);

    const concurrent = await reviewState(review.id);
    expect(concurrent.records).toBe(176 + 255);
    expect(concurrent.removed).toBe(concurrent.linked);
    expect(concurrent.removed).toBe(a.duplicates.duplicatesRemovedChange + b.duplicates.duplicatesRemovedChange);
    expect(concurrent.crossPairs).toBeGreaterThan(50);

    // The same two files one after the other, in the order the lock let them through.
    const sequentialReview = await makeReview(owner.id, 'Sequential review');
    const order = first === a ? FILES : ([FILES[1], FILES[0]] as const);
    for (const [name, source] of order) await importSearch(owner.id, sequentialReview.id, { file: upload(name), fields: { source } });
    const sequential = await reviewState(sequentialReview.id);
    expect(concurrent).toEqual(sequential);
  });
});
