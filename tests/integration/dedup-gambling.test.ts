/**
 * Deduplication across searches on real data: the five gambling-harms RIS exports (one topic, five
 * databases, CiteSource test data) imported one after another. Exact duplicates are linked
 * automatically, likely pairs wait, every removed record is counted, and decisions (merge, not
 * duplicate, undo) keep the counts right without deleting anything. Precision and recall of the
 * stored pairs against DOI ground truth are printed (records sharing a normalised DOI are
 * duplicates; pairs with a record lacking a DOI cannot be judged).
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../lib/db/client';
import { normalizeDoi } from '../../lib/domain/records/normalize';
import { decideReviewDuplicate, listReviewDuplicates } from '../../lib/services/duplicates';
import { fileSource, importSearch, listReviewSearches, type ImportResult } from '../../lib/services/import';
import { addMember, makeReview, makeUser } from '../helpers/factories';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

const DATA = path.resolve(import.meta.dirname, '../../../shared/data/ris');
const FILES = [
  ['crimjust_41', 'Criminal Justice Abstracts', 41],
  ['lens_49', 'Lens.org', 49],
  ['psycinfo_124', 'APA PsycInfo', 124],
  ['pubmed_176', 'PubMed', 176],
  ['scopus_255', 'Scopus', 255],
] as const;

let owner: { id: string };
let reviewer: { id: string; email: string };
let reviewId: string;
const results: ImportResult[] = [];

async function state() {
  const db = getDb();
  const [records, removed, linked, pairs] = await Promise.all([
    db.record.count({ where: { reviewId } }),
    db.record.count({ where: { reviewId, removedReason: 'duplicate' } }),
    db.record.findMany({ where: { reviewId, duplicateOfId: { not: null } }, select: { id: true, duplicateOfId: true } }),
    db.duplicatePair.findMany({ where: { reviewId } }),
  ]);
  return { records, removed, linked, pairs };
}

/** Invariants after any import or decision: counts derive from links, links follow merged pairs. */
async function expectConsistent() {
  const { removed, linked, pairs } = await state();
  expect(removed).toBe(linked.length);
  const merged = new Set(pairs.filter((p) => p.status === 'merged').flatMap((p) => [`${p.recordAId}|${p.recordBId}`, `${p.recordBId}|${p.recordAId}`]));
  for (const r of linked) expect(merged.has(`${r.id}|${r.duplicateOfId}`)).toBe(true);
  const listed = await listReviewSearches(owner.id, reviewId);
  expect(listed.totals.duplicatesRemoved).toBe(removed);
  expect(listed.searches.reduce((n, s) => n + s.duplicatesRemoved, 0)).toBe(removed);
  expect(listed.totals.afterDuplicatesRemoved).toBe(listed.totals.identified - removed);
}

beforeAll(async () => {
  owner = await makeUser('owner');
  reviewer = await makeUser('reviewer');
  reviewId = (await makeReview(owner.id, 'Gambling harms')).id;
  await addMember(owner.id, reviewId, reviewer.email, 'reviewer');
});

describe('five searches of one topic, imported one after another', () => {
  it('links exact duplicates automatically, queues likely ones, and keeps every search its own count', async () => {
    for (const [name, source, count] of FILES) {
      const result = await importSearch(owner.id, reviewId, {
        file: fileSource(`${name}.ris`, path.join(DATA, `citesource_gambling-harms_${name}.ris`)),
        fields: { source, sourceType: 'database', dateRun: '2022-12-07' },
      });
      expect(result.recordsImported).toBe(count);
      expect(result.identified).toBe(count);
      results.push(result);
      await expectConsistent();
    }
    const { records, removed, pairs } = await state();
    expect(records).toBe(645);
    // Later searches find more of their records already imported.
    expect(results[4].duplicates.againstEarlierImports.exact).toBeGreaterThan(100);
    expect(results[0].duplicates.againstEarlierImports.exact).toBe(0);
    expect(pairs.filter((p) => p.tier === 'exact').every((p) => p.status === 'merged')).toBe(true);
    expect(pairs.filter((p) => p.tier === 'likely').every((p) => p.status === 'pending')).toBe(true);
    expect(removed).toBe(results.reduce((n, r) => n + r.duplicates.duplicatesRemovedChange, 0));
    // Every search keeps its identified count; the duplicates removed are spread over them.
    const listed = await listReviewSearches(owner.id, reviewId);
    expect(listed.searches.map((s) => s.identified)).toEqual(FILES.map(([, , n]) => n));
    expect(listed.totals).toMatchObject({ identified: 645, identifiedFromDatabases: 645 });
  });

  it('reports precision and recall of the pairs against DOI ground truth', async () => {
    const db = getDb();
    const rows = await db.record.findMany({ where: { reviewId }, select: { id: true, doi: true, raw: true, duplicateOfId: true } });
    // The EBSCOhost file keeps DOIs in L3, which the RIS reader also uses: every DOI the record has.
    const doiOf = new Map(rows.filter((r) => r.doi).map((r) => [r.id, normalizeDoi(r.doi)!]));
    const byDoi = new Map<string, string[]>();
    for (const [id, doi] of doiOf) byDoi.set(doi, [...(byDoi.get(doi) ?? []), id]);
    const truth = new Set<string>();
    const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
    for (const ids of byDoi.values()) for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) truth.add(key(ids[i], ids[j]));

    const { pairs } = await state();
    let tp = 0;
    let fp = 0;
    let unjudged = 0;
    for (const p of pairs) {
      if (!doiOf.has(p.recordAId) || !doiOf.has(p.recordBId)) unjudged++;
      else if (truth.has(key(p.recordAId, p.recordBId))) tp++;
      else fp++;
    }
    // Recall on connections: a truth pair counts as found when the stored pairs connect its records.
    const parent = new Map<string, string>();
    const find = (x: string): string => {
      while (parent.has(x) && parent.get(x) !== x) x = parent.get(x)!;
      return x;
    };
    for (const p of pairs) {
      const [a, b] = [find(p.recordAId), find(p.recordBId)];
      if (a !== b) parent.set(a, b);
    }
    let connected = 0;
    for (const t of truth) {
      const [a, b] = t.split('|');
      if (find(a) === find(b)) connected++;
    }
    const expectedRemovals = [...byDoi.values()].reduce((n, ids) => n + ids.length - 1, 0);
    const exactRemoved = rows.filter((r) => r.duplicateOfId).length;
    const figures = {
      records: rows.length,
      withDoi: doiOf.size,
      distinctDois: byDoi.size,
      truthPairs: truth.size,
      storedPairs: pairs.length,
      exactPairs: pairs.filter((p) => p.tier === 'exact').length,
      likelyPairs: pairs.filter((p) => p.tier === 'likely').length,
      precision: +(tp / (tp + fp)).toFixed(3),
      pairwiseRecall: +(tp / truth.size).toFixed(3),
      connectedRecall: +(connected / truth.size).toFixed(3),
      unjudgedPairs: unjudged,
      duplicatesRemovedAutomatically: exactRemoved,
      duplicatesByDoi: expectedRemovals,
    };
    console.log('[dedup] gambling-harms, five RIS searches imported in turn:', JSON.stringify(figures));
    expect(figures.precision).toBeGreaterThan(0.97);
    expect(figures.connectedRecall).toBeGreaterThan(0.97);
  });
});

describe('decisions on pairs', () => {
  const pending = async (tier: 'exact' | 'likely', status = 'pending') =>
    (await listReviewDuplicates(owner.id, reviewId, { status, tier, limit: '500' })).items;

  it('lists pairs side by side with what matched', async () => {
    const page = await listReviewDuplicates(reviewer.id, reviewId, { status: 'merged', limit: '5' });
    expect(page.items).toHaveLength(5);
    expect(page.counts.merged).toBe(page.total);
    const pair = page.items[0];
    expect(pair.reasons.length).toBeGreaterThan(0);
    expect(pair.recordA.source).toBeTruthy();
    expect(pair.recordA.title).toBeTruthy();
    expect(pair.recordB.title).toBeTruthy();
  });

  it('undo of an exact merge restores the removed record; merging again removes it again; nothing is deleted', async () => {
    const before = await state();
    const pairs = await pending('exact', 'merged');
    const owning = pairs.find((p) => p.recordA.duplicateOfId === p.recordB.id || p.recordB.duplicateOfId === p.recordA.id)!;
    const removedId = owning.recordA.duplicateOfId === owning.recordB.id ? owning.recordA.id : owning.recordB.id;

    const undone = await decideReviewDuplicate(owner.id, reviewId, owning.id, { action: 'undo' });
    expect(undone.status).toBe('pending');
    const restored = await getDb().record.findUniqueOrThrow({ where: { id: removedId } });
    expect(restored).toMatchObject({ duplicateOfId: null, removedReason: null });
    expect((await state()).removed).toBe(before.removed - 1);
    await expectConsistent();

    const merged = await decideReviewDuplicate(owner.id, reviewId, owning.id, { action: 'merge' });
    expect(merged.status).toBe('merged');
    const after = await state();
    expect(after.removed).toBe(before.removed);
    expect(after.records).toBe(before.records);
    await expectConsistent();
  });

  it('not duplicate and its undo change the status only', async () => {
    const before = await state();
    const [pair] = await pending('likely');
    expect(pair).toBeDefined();
    expect((await decideReviewDuplicate(owner.id, reviewId, pair.id, { action: 'not_duplicate' })).status).toBe('not_duplicate');
    expect((await state()).removed).toBe(before.removed);
    await expect(decideReviewDuplicate(owner.id, reviewId, pair.id, { action: 'merge' })).rejects.toMatchObject({ code: 'conflict' });
    expect((await decideReviewDuplicate(owner.id, reviewId, pair.id, { action: 'undo' })).status).toBe('pending');
    await expect(decideReviewDuplicate(owner.id, reviewId, pair.id, { action: 'undo' })).rejects.toMatchObject({ code: 'conflict' });
    expect((await state()).removed).toBe(before.removed);
  });

  it('merging a likely pair keeps the chosen record, removes the other (never deletes it), and undo restores it', async () => {
    const before = await state();
    const lastEvent = await getDb().auditEvent.aggregate({ _max: { id: true } });
    const candidates = await pending('likely');
    const pair = candidates.find((p) => p.recordA.duplicateOfId === null && p.recordB.duplicateOfId === null)!;
    expect(pair).toBeDefined();
    const keep = pair.recordB.id;
    const merged = await decideReviewDuplicate(owner.id, reviewId, pair.id, { action: 'merge', keepRecordId: keep });
    expect(merged.status).toBe('merged');
    expect(merged.recordB).toMatchObject({ id: keep, duplicateOfId: null, removedReason: null });
    expect(merged.recordA).toMatchObject({ duplicateOfId: keep, removedReason: 'duplicate' });
    const mid = await state();
    expect(mid.records).toBe(before.records);
    expect(mid.removed).toBe(before.removed + 1);
    await expectConsistent();

    await expect(decideReviewDuplicate(owner.id, reviewId, pair.id, { action: 'merge' })).rejects.toMatchObject({ code: 'conflict' });
    const undone = await decideReviewDuplicate(owner.id, reviewId, pair.id, { action: 'undo' });
    expect(undone.recordA).toMatchObject({ duplicateOfId: null, removedReason: null });
    expect((await state()).removed).toBe(before.removed);
    await expectConsistent();

    const events = await getDb().auditEvent.findMany({ where: { reviewId, entityId: pair.id, id: { gt: lastEvent._max.id! } }, orderBy: { id: 'asc' } });
    expect(events.map((e) => e.action)).toEqual(['duplicate.merged', 'duplicate.undone']);
    expect(events[0].after).toMatchObject({ status: 'merged', links: [{ id: pair.recordA.id, duplicateOfId: keep }] });
  });

  it('refuses bad input, other reviews and roles below owner', async () => {
    const [pair] = await pending('likely');
    await expect(decideReviewDuplicate(reviewer.id, reviewId, pair.id, { action: 'merge' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(decideReviewDuplicate(owner.id, reviewId, pair.id, { action: 'merge', keepRecordId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'invalid' });
    await expect(decideReviewDuplicate(owner.id, reviewId, pair.id, { action: 'delete' })).rejects.toMatchObject({ name: 'ZodError' });
    const other = await makeReview(owner.id, 'Other review');
    await expect(decideReviewDuplicate(owner.id, other.id, pair.id, { action: 'merge' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(decideReviewDuplicate(owner.id, reviewId, 'not-a-uuid', { action: 'merge' })).rejects.toMatchObject({ code: 'not_found' });
  });
});
