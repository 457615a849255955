/**
 * A deduplication session gives the same plan in a worker thread as in this thread, records fed in
 * batches as an import reads them; and planning again with more earlier records (another import
 * committed meanwhile) gives what a fresh session with all of them gives.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { completenessScore } from '../../domain/dedup';
import { parseRis } from '../../domain/formats/ris';
import { dedupCopy } from './check-record';
import { LocalDedupSession, type DedupSession, type ExistingRecord, type ExistingState } from './dedup-session';
import { WorkerDedupSession } from './dedup-in-worker';
import type { IncomingRecordForDedup } from './plan-duplicates';

const DATA = path.resolve(import.meta.dirname, '../../../../shared/data/ris');
const read = (name: string) => parseRis(readFileSync(path.join(DATA, `citesource_gambling-harms_${name}.ris`), 'utf8')).records.map((p) => p.record);

const earlier: ExistingRecord[] = ['crimjust_41', 'lens_49', 'psycinfo_124', 'pubmed_176'].flatMap((name) => read(name).map((record, i) => ({ id: `${name}-${i}`, record })));
const incoming: IncomingRecordForDedup[] = read('scopus_255').map((record, i) => ({ id: `scopus-${i}`, record: dedupCopy(record), completeness: completenessScore(record) }));
// Some earlier records are linked to others and some have decisions, as in a review under way.
const states: ExistingState[] = earlier.map((e, i) => ({ id: e.id, duplicateOfId: i % 7 === 3 ? earlier[i - 1].id : null, hasDecisions: i % 5 === 0 }));

const sessions: DedupSession[] = [];
const open = (inWorker: boolean) => {
  const s = inWorker ? new WorkerDedupSession(256) : new LocalDedupSession();
  sessions.push(s);
  return s;
};
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.close();
});

function feed(session: DedupSession, existing: ExistingRecord[]) {
  for (let i = 0; i < existing.length; i += 100) session.addExisting(existing.slice(i, i + 100));
  for (let i = 0; i < incoming.length; i += 64) session.addIncoming(incoming.slice(i, i + 64));
}

describe('deduplication session', () => {
  it('a worker thread plans exactly as this thread does', async () => {
    const local = open(false);
    const worker = open(true);
    feed(local, earlier);
    feed(worker, earlier);
    const expected = await local.plan(states);
    expect(expected.counts.againstEarlierImports.exact).toBeGreaterThan(50);
    expect(expected.links.length).toBeGreaterThan(50);
    expect(await worker.plan(states)).toEqual(expected);
  });

  it('planning again after more earlier records arrived equals a fresh session with all of them', async () => {
    const firstStates = states.slice(0, 200);
    const session = open(true);
    feed(session, earlier.slice(0, 200));
    const before = await session.plan(firstStates);
    session.addExisting(earlier.slice(200));
    const after = await session.plan(states);

    const fresh = open(false);
    feed(fresh, earlier);
    expect(after).toEqual(await fresh.plan(states));
    expect(after.counts.againstEarlierImports.exact).toBeGreaterThan(before.counts.againstEarlierImports.exact);
  });

  it('only the links change when only the earlier records\' links and decisions changed', async () => {
    const session = open(false);
    feed(session, earlier);
    const first = await session.plan(states);
    const screened = states.map((s) => ({ ...s, hasDecisions: true }));
    const second = await session.plan(screened);
    expect(second.pairs.map((p) => [p.recordAId, p.recordBId])).toEqual(first.pairs.map((p) => [p.recordAId, p.recordBId]));
    // Earlier records with decisions are never demoted: no earlier record gets a new link.
    expect(second.links.filter((l) => !l.id.startsWith('scopus-'))).toEqual([]);
  });

  it('a worker reports a bad request at the next plan and can be closed twice', async () => {
    const session = open(true);
    feed(session, earlier.slice(0, 10));
    await expect(session.plan([...states.slice(0, 10), { id: 'never-loaded', duplicateOfId: null, hasDecisions: false }])).rejects.toThrow(/never-loaded was not loaded/);
    await session.close();
    await session.close();
    await expect(session.plan([])).rejects.toThrow(/closed/);
  });
});
