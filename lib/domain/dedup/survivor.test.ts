import { describe, expect, it } from 'vitest';
import { emptyRecord, type BibRecord } from '../records/bib-record';
import { completenessScore, pickSurvivor } from './survivor';

const rec = (r: Partial<BibRecord>): BibRecord => ({ ...emptyRecord(), title: 'T', ...r });
const names = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `Author${i}, A` }));

describe('completenessScore', () => {
  it('orders by abstract, DOI, PMID, authors, abstract length, fields - in that order', () => {
    const ladder = [
      rec({}),
      rec({ journal: 'J', volume: '1', pages: '1' }), // more fields
      rec({ authors: names(3) }), // more authors beats more fields
      rec({ pmid: '1' }), // PMID beats authors
      rec({ doi: '10.1000/x' }), // DOI beats PMID
      rec({ doi: '10.1000/x', pmid: '1', authors: names(30) }),
      rec({ abstract: 'Short.' }), // any abstract beats all of the above
      rec({ abstract: 'A much longer abstract than the other one.' }),
      rec({ abstract: 'Short.', authors: names(2) }), // authors beat abstract length
      rec({ abstract: 'Short.', pmid: '1' }),
      rec({ abstract: 'Short.', doi: '10.1000/x' }),
    ];
    const scores = ladder.map(completenessScore);
    for (let i = 1; i < scores.length; i++) expect(scores[i], `rung ${i}`).toBeGreaterThan(scores[i - 1]);
  });

  it('stays exact for extreme records (bands never overflow)', () => {
    const huge = rec({ abstract: 'x'.repeat(500_000), authors: names(5_000), doi: '10.1000/x', pmid: '1' });
    expect(Number.isSafeInteger(completenessScore(huge))).toBe(true);
    expect(completenessScore(huge)).toBeLessThan(completenessScore(rec({ abstract: 'a', doi: '10.1000/x', pmid: '1', authors: names(1) })) * 2);
  });
});

describe('pickSurvivor', () => {
  it('keeps the most complete record and lists the rest in input order', () => {
    const items = [
      { id: 'scopus', record: rec({ doi: '10.1000/x' }) },
      { id: 'pubmed', record: rec({ doi: '10.1000/x', pmid: '1', abstract: 'Text.' }) },
      { id: 'lens', record: rec({}) },
    ];
    expect(pickSurvivor(items)).toEqual({ survivorId: 'pubmed', duplicateIds: ['scopus', 'lens'] });
  });

  it('breaks ties by input order', () => {
    const r = rec({ abstract: 'Same.' });
    expect(pickSurvivor([{ id: 'b', record: r }, { id: 'a', record: r }]).survivorId).toBe('b');
  });

  it('rejects an empty group', () => {
    expect(() => pickSurvivor([])).toThrow();
  });
});
