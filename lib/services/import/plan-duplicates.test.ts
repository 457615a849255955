import { describe, expect, it } from 'vitest';
import type { BibRecord } from '../../domain/records/bib-record';
import { completenessScore } from '../../domain/dedup';
import { planDuplicates, type ExistingRecordForDedup, type IncomingRecordForDedup } from './plan-duplicates';

const TITLE = 'Ketamine rapidly restores dendritic spines in the prefrontal cortex of stressed mice';

function rec(over: Partial<BibRecord> = {}): BibRecord {
  return { title: TITLE, authors: [{ name: 'Smith, Ann', family: 'Smith', given: 'Ann' }], year: 2020, keywords: [], meshTerms: [], publicationTypes: [], ...over };
}
const complete = (over: Partial<BibRecord> = {}) => rec({ abstract: 'Background: a long abstract about ketamine and spines.', doi: '10.1/k', ...over });

const existing = (id: string, record: BibRecord, duplicateOfId: string | null = null, hasDecisions = false): ExistingRecordForDedup => ({ id, record, duplicateOfId, hasDecisions });
const incoming = (id: string, record: BibRecord): IncomingRecordForDedup => ({ id, record, completeness: completenessScore(record) });
const linkMap = (links: { id: string; duplicateOfId: string | null }[]) => Object.fromEntries(links.map((l) => [l.id, l.duplicateOfId]));

describe('planDuplicates', () => {
  it('links new exact duplicates within the file to the most complete one', () => {
    const plan = planDuplicates([incoming('n1', rec({ pmid: '1' })), incoming('n2', complete({ pmid: '1' })), incoming('n3', rec({ pmid: '1' }))], []);
    expect(linkMap(plan.links)).toEqual({ n1: 'n2', n3: 'n2' });
    expect(plan.pairs.every((p) => p.status === 'merged' && p.tier === 'exact')).toBe(true);
    expect(plan.counts).toMatchObject({ exact: 3, withinFile: { exact: 3, likely: 0 }, newRecordsRemoved: 2, duplicatesRemovedChange: 2 });
  });

  it('keeps an earlier record that has screening decisions, even when the new one is more complete', () => {
    const plan = planDuplicates([incoming('n', complete({ pmid: '7' }))], [existing('e', rec({ pmid: '7' }), null, true)]);
    expect(linkMap(plan.links)).toEqual({ n: 'e' });
    expect(plan.counts).toMatchObject({ againstEarlierImports: { exact: 1, likely: 0 }, duplicatesRemovedChange: 1 });
  });

  it('demotes an earlier unscreened survivor when the new record is more complete', () => {
    const plan = planDuplicates([incoming('n', complete({ pmid: '7' }))], [existing('e', rec({ pmid: '7' }))]);
    expect(linkMap(plan.links)).toEqual({ e: 'n' });
    expect(plan.counts).toMatchObject({ newRecordsRemoved: 0, duplicatesRemovedChange: 1 });
  });

  it('re-roots an earlier group where the new record joins it, so every link stays along a pair', () => {
    // a' was linked to a; the new record pairs with a' only (same PMID) and is the most complete.
    const a = existing('a', rec({ doi: '10.1/x' }));
    const a2 = existing('a2', rec({ doi: '10.1/x', pmid: '9' }), 'a');
    const plan = planDuplicates([incoming('n', complete({ pmid: '9', doi: undefined }))], [a, a2]);
    expect(linkMap(plan.links)).toEqual({ a2: 'n', a: 'a2' });
    expect(plan.counts.duplicatesRemovedChange).toBe(1);
  });

  it('never joins two groups that both hold screening decisions: that exact pair waits for a person', () => {
    const plan = planDuplicates([incoming('n', rec({ pmid: '5' }))], [existing('e1', rec({ pmid: '5' }), null, true), existing('e2', rec({ pmid: '5' }), null, true)]);
    expect(linkMap(plan.links)).toEqual({ n: 'e1' });
    const byPair = Object.fromEntries(plan.pairs.map((p) => [`${p.recordAId}-${p.recordBId}`, p.status]));
    expect(byPair).toEqual({ 'e1-n': 'merged', 'e2-n': 'pending' });
  });

  it('queues likely pairs, and drops a likely pair already settled by exact ones', () => {
    const similar = 'Ketamine rapidly restores dendritic spines in prefrontal cortex of stressed mice';
    const likelyOnly = planDuplicates([incoming('n', rec({ title: similar, journal: 'Nature', pages: '1–9' }))], [existing('e', rec({ journal: 'Nature', pages: '1–9' }))]);
    expect(likelyOnly.pairs).toEqual([expect.objectContaining({ tier: 'likely', status: 'pending' })]);
    expect(likelyOnly.links).toEqual([]);
    expect(likelyOnly.counts.likely).toBe(1);

    const settled = planDuplicates([incoming('n1', rec({ pmid: '3' })), incoming('n2', rec({ title: similar, pmid: '3' }))], []);
    expect(settled.pairs.map((p) => p.tier)).toEqual(['exact']);
  });

  it('leaves earlier groups the new file does not touch alone', () => {
    const plan = planDuplicates([incoming('n', rec({ title: 'Something else entirely about zebrafish fins', pmid: '8' }))], [existing('a', rec({ pmid: '1' })), existing('b', rec({ pmid: '1' }), 'a')]);
    expect(plan.links).toEqual([]);
    expect(plan.pairs).toEqual([]);
  });
});
