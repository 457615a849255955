/**
 * Which record survives: one with screening decisions, else the most complete. The same 80
 * articles arrive twice, first through EndNote RIS (102 records, AN = PMID), then as PubMed
 * MEDLINE, so every MEDLINE record is an exact (PMID) duplicate of an earlier one.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../lib/db/client';
import { toBibRecord } from '../../lib/db/records';
import { completenessScore } from '../../lib/domain/dedup';
import { decideReviewDuplicate } from '../../lib/services/duplicates';
import { fileSource, importSearch } from '../../lib/services/import';
import { makeReview, makeUser } from '../helpers/factories';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

const DATA = path.resolve(import.meta.dirname, '../../../shared/data');

let owner: { id: string };
let reviewId: string;
let screenedId: string;

beforeAll(async () => {
  owner = await makeUser('owner');
  reviewId = (await makeReview(owner.id)).id;
  const ris = await importSearch(owner.id, reviewId, { file: fileSource('blue-light.ris', path.join(DATA, 'ris/reflib_blue-light_endnote.ris')), fields: { source: 'Embase' } });
  expect(ris.recordsImported).toBe(102);
  const screened = await getDb().record.findFirstOrThrow({ where: { searchId: ris.id, pmid: '29657938' } });
  screenedId = screened.id;
  await getDb().decision.create({ data: { reviewId, recordId: screenedId, stage: 'title_abstract', reviewerId: owner.id, value: 'include', protocolVersion: 1 } });
  const nbib = await importSearch(owner.id, reviewId, { file: fileSource('blue-light.nbib', path.join(DATA, 'pubmed-medline/reflib_blue-light.nbib')), fields: { source: 'PubMed' } });
  expect(nbib.recordsImported).toBe(80);
  expect(nbib.duplicates.againstEarlierImports.exact).toBeGreaterThanOrEqual(80);
});

describe('survivor choice across imports', () => {
  it('a record with screening decisions survives; its twin is linked to it', async () => {
    const twins = await getDb().record.findMany({ where: { reviewId, pmid: '29657938' } });
    expect(twins).toHaveLength(2);
    const screened = twins.find((r) => r.id === screenedId)!;
    const twin = twins.find((r) => r.id !== screenedId)!;
    expect(screened).toMatchObject({ duplicateOfId: null, removedReason: null });
    expect(twin).toMatchObject({ duplicateOfId: screenedId, removedReason: 'duplicate' });
  });

  it('elsewhere the most complete record of each pair survives, and every PMID is screened once', async () => {
    const rows = await getDb().record.findMany({ where: { reviewId, pmid: { not: null } } });
    const byPmid = new Map<string, typeof rows>();
    for (const r of rows) byPmid.set(r.pmid!, [...(byPmid.get(r.pmid!) ?? []), r]);
    let groups = 0;
    for (const group of byPmid.values()) {
      const survivors = group.filter((r) => r.removedReason === null);
      expect(survivors).toHaveLength(1);
      if (group.length < 2 || group.some((r) => r.id === screenedId)) continue;
      groups++;
      const best = Math.max(...group.map((r) => completenessScore(toBibRecord(r))));
      expect(completenessScore(toBibRecord(survivors[0]))).toBe(best);
    }
    expect(groups).toBe(79);
    const removed = await getDb().record.count({ where: { reviewId, removedReason: 'duplicate' } });
    expect(removed).toBe(80);
  });

  it('a merge never removes a record with screening decisions', async () => {
    const pair = await getDb().duplicatePair.findFirstOrThrow({ where: { reviewId, OR: [{ recordAId: screenedId }, { recordBId: screenedId }] } });
    expect(pair.status).toBe('merged');
    const twinId = pair.recordAId === screenedId ? pair.recordBId : pair.recordAId;
    await decideReviewDuplicate(owner.id, reviewId, pair.id, { action: 'undo' });
    await expect(decideReviewDuplicate(owner.id, reviewId, pair.id, { action: 'merge', keepRecordId: twinId })).rejects.toMatchObject({ code: 'conflict' });
    const merged = await decideReviewDuplicate(owner.id, reviewId, pair.id, { action: 'merge' });
    const screenedSide = merged.recordA.id === screenedId ? merged.recordA : merged.recordB;
    expect(screenedSide).toMatchObject({ duplicateOfId: null, removedReason: null });
  });
});
