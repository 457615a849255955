import { describe, expect, it } from 'vitest';
import { emptyRecord, type BibRecord } from '../records/bib-record';
import { findDuplicates, type DedupItem } from './index';

const names = (...n: string[]) => n.map((name) => ({ name }));
const base: BibRecord = {
  ...emptyRecord(),
  title: 'The prevention paradox applies to some but not all gambling harms',
  authors: names('Browne, Matthew', 'Volberg, Rachel A', 'Rockloff, Matthew'),
  year: 2020,
  journal: 'Journal of Behavioral Addictions',
  volume: '9',
  pages: '371–382',
};
const item = (id: string, r: Partial<BibRecord> = {}): DedupItem => ({ id, record: { ...base, ...r } });
const other = (id: string, title: string): DedupItem => ({
  id,
  record: { ...emptyRecord(), title, authors: names('Someone, Else'), year: 2011 },
});

describe('findDuplicates', () => {
  it('returns nothing for no input or no duplicates', () => {
    expect(findDuplicates([])).toEqual({ pairs: [], groups: [] });
    expect(findDuplicates([item('a'), other('b', 'Loot boxes and problem gambling in adolescents')])).toEqual({ pairs: [], groups: [] });
  });

  it('groups exact pairs transitively and keeps the most complete record', () => {
    const result = findDuplicates([
      item('pubmed', { pmid: '33', abstract: 'Background. The prevention paradox ...' }),
      item('medline', { pmid: '33' }), // same PMID as pubmed
      item('scopus', { doi: '10.1556/2006.2020.00018' }),
      item('lens', { doi: '10.1556/2006.2020.00018', pmid: '33' }), // DOI of scopus, PMID of pubmed
      other('x', 'Loot boxes and problem gambling in adolescents'),
    ]);
    // pubmed is the only one with an abstract, which outranks lens's DOI + PMID.
    expect(result.groups).toEqual([{ survivorId: 'pubmed', duplicateIds: ['medline', 'scopus', 'lens'] }]);
    const exact = result.pairs.filter((p) => p.tier === 'exact').map((p) => `${p.a}-${p.b}`);
    expect(exact).toEqual(['pubmed-medline', 'pubmed-lens', 'medline-lens', 'scopus-lens']);
    // pubmed and scopus match only on fields: a likely pair, merged through lens, not on its own.
    expect(result.pairs.find((p) => p.a === 'pubmed' && p.b === 'scopus')?.tier).toBe('likely');
  });

  it('leaves likely pairs out of groups', () => {
    const result = findDuplicates([item('a'), item('b', { authors: names('Browne M', 'Volberg R', 'Rockloff M'), year: 2021 })]);
    expect(result.pairs).toHaveLength(1);
    expect(result.pairs[0]).toMatchObject({ a: 'a', b: 'b', tier: 'likely' });
    expect(result.groups).toEqual([]);
  });

  it('is deterministic: same input, same output; reordered input, same pairs', () => {
    const items = [
      item('a', { pmid: '1' }),
      item('b', { pmid: '1' }),
      item('c', { title: `${base.title}.`, year: 2021 }),
      item('d', { doi: '10.1000/x' }),
      item('e', { doi: '10.1000/x' }),
      other('f', 'Loot boxes and problem gambling in adolescents'),
    ];
    const first = findDuplicates(items);
    expect(findDuplicates(items)).toEqual(first);
    const reversed = findDuplicates([...items].reverse());
    const key = (p: { a: string; b: string; tier: string }) => `${[p.a, p.b].sort().join('-')}:${p.tier}`;
    expect(reversed.pairs.map(key).sort()).toEqual(first.pairs.map(key).sort());
    // Equally complete records: the earliest in input order survives.
    expect(first.groups.map((g) => g.survivorId)).toEqual(['a', 'd']);
    expect(reversed.groups.map((g) => g.survivorId)).toEqual(['e', 'b']);
  });

  it('incremental: compares new records with each other and with existing ones, never existing with existing', () => {
    const existing = [item('old1', { doi: '10.1000/x' }), item('old2', { doi: '10.1000/x' })];
    const result = findDuplicates([item('new1', { doi: '10.1000/x' }), item('new2')], { existing });
    const pairs = result.pairs.map((p) => `${p.a}-${p.b}:${p.tier}`);
    expect(pairs).toEqual(['old1-new1:exact', 'old1-new2:likely', 'old2-new1:exact', 'old2-new2:likely', 'new1-new2:likely']);
    expect(result.groups).toEqual([{ survivorId: 'old1', duplicateIds: ['old2', 'new1'] }]);
  });

  it('reports the scores of every field both records have', () => {
    const [pair] = findDuplicates([item('a', { doi: '10.1000/x' }), item('b', { doi: '10.1000/x', journal: 'J Behav Addict' })]).pairs;
    expect(pair.scores).toEqual({ title: 1, authors: 1, year: 1, journal: 1, pages: 1, doi: 1 });
  });
});
