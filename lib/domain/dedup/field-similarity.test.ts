import { describe, expect, it } from 'vitest';
import { emptyRecord, type BibRecord } from '../records/bib-record';
import {
  abstractSimilarity,
  authorSimilarity,
  isTitlePrefix,
  journalSimilarity,
  pagesSimilarity,
  titleNumbersConflict,
  titleSimilarity,
  yearGap,
} from './field-similarity';
import { prepareRecord } from './prepare-record';

const prep = (r: Partial<BibRecord>) => prepareRecord({ id: 'x', record: { ...emptyRecord(), ...r } }, 0, false);
const names = (...n: string[]) => n.map((name) => ({ name }));

describe('authorSimilarity', () => {
  it('treats full given names and initials alike', () => {
    const a = prep({ authors: names('Francis, Louise', 'Livingstone, Charles') });
    const b = prep({ authors: names('Francis L', 'Livingstone C') });
    const c = prep({ authors: [{ name: 'Francis, L.', family: 'Francis', given: 'L.' }, { name: 'Livingstone, C.' }] });
    expect(authorSimilarity(a, b)).toBe(1);
    expect(authorSimilarity(a, c)).toBe(1);
  });

  it('compares only as many authors as the shorter list has (truncated exports)', () => {
    const long = prep({ authors: names('Browne, M', 'Russell, A', 'Begg, S', 'Rockloff, M', 'Li, E') });
    const short = prep({ authors: names('Browne, Matthew', 'Russell, Alex') });
    expect(authorSimilarity(long, short)).toBe(1);
  });

  it('survives compound family names and reordered lists through family overlap', () => {
    const a = prep({ authors: names('du Preez, K', 'Paavonen, A', 'Bellringer, M') });
    const b = prep({ authors: names('Palmer du Preez, K', 'Paavonen, A', 'Bellringer, M') });
    expect(authorSimilarity(a, b)).toBe(1);
    const c = prep({ authors: names('Bunn, C', 'Sichali, J', 'Dube, A') });
    const d = prep({ authors: names('Sichali, J', 'Dube, A', 'Bunn, C') });
    expect(authorSimilarity(c, d)).toBe(1);
  });

  it('is low for different teams and undefined when a side has no authors', () => {
    const a = prep({ authors: names('Smith, J', 'Jones, A') });
    const b = prep({ authors: names('Wang, L', 'Chen, Y') });
    expect(authorSimilarity(a, b)!).toBeLessThan(0.75);
    expect(authorSimilarity(a, prep({}))).toBeUndefined();
  });
});

describe('journalSimilarity', () => {
  it('accepts an abbreviation on either side, and either name field', () => {
    const full = prep({ journal: 'Journal of Gambling Studies' });
    const abbr = prep({ journal: 'J Gambl Stud' });
    const both = prep({ journal: 'Something else', journalAbbrev: 'J. Gambl. Stud.' });
    expect(journalSimilarity(full, abbr)).toBe(1);
    expect(journalSimilarity(both, full)).toBe(1);
    expect(journalSimilarity(prep({ journal: 'The BMJ' }), prep({ journal: 'BMJ' }))).toBe(1);
  });

  it('is lower for different journals and undefined when missing', () => {
    expect(journalSimilarity(prep({ journal: 'Addiction' }), prep({ journal: 'Lancet' }))!).toBeLessThan(0.7);
    expect(journalSimilarity(prep({ journal: 'Addiction' }), prep({}))).toBeUndefined();
  });
});

describe('title helpers', () => {
  it('titleSimilarity is 1 for titles equal once spaces go, JW otherwise', () => {
    expect(titleSimilarity(prep({ title: 'Human-computer interaction' }), prep({ title: 'Humancomputer interaction' }))).toBe(1);
    expect(titleSimilarity(prep({ title: 'Gambling harm' }), prep({ title: 'Gambling harms' }))!).toBeGreaterThan(0.95);
    expect(titleSimilarity(prep({ title: 'Gambling harm' }), prep({}))).toBeUndefined();
  });

  it('isTitlePrefix needs a whole-word prefix of at least five words', () => {
    const short = prep({ title: 'Training physicians to provide high-value care' });
    const long = prep({ title: 'Training Physicians to Provide High-Value Care: A Systematic Review' });
    expect(isTitlePrefix(short, long)).toBe(true);
    expect(isTitlePrefix(long, short)).toBe(true);
    expect(isTitlePrefix(prep({ title: 'Gambling harm' }), prep({ title: 'Gambling harm in Finland' }))).toBe(false);
    expect(isTitlePrefix(prep({ title: 'One two three four five' }), prep({ title: 'One two three four fiveteen' }))).toBe(false);
  });

  it('titleNumbersConflict tells apart numbered parts', () => {
    const p1 = prep({ title: 'Canadian Contraception Consensus (Part 1 of 4)' });
    const p2 = prep({ title: 'Canadian Contraception Consensus (Part 2 of 4)' });
    expect(titleNumbersConflict(p1, p2)).toBe(true);
    expect(titleNumbersConflict(p1, prep({ title: 'Canadian contraception consensus part 01 of 4' }))).toBe(false);
    expect(titleNumbersConflict(p1, prep({ title: 'Canadian contraception consensus' }))).toBe(false);
  });
});

describe('pages, year, abstract', () => {
  it('pagesSimilarity compares first pages', () => {
    expect(pagesSimilarity(prep({ pages: '212–222' }), prep({ pages: '212' }))).toBe(1);
    expect(pagesSimilarity(prep({ pages: '212–222' }), prep({ pages: '891–907' }))).toBe(0);
    expect(pagesSimilarity(prep({ pages: '212' }), prep({}))).toBeUndefined();
  });

  it('yearGap is absolute', () => {
    expect(yearGap(prep({ year: 2019 }), prep({ year: 2021 }))).toBe(2);
    expect(yearGap(prep({ year: 2019 }), prep({}))).toBeUndefined();
  });

  it('abstractSimilarity tolerates truncation but not a different abstract', () => {
    const words = Array.from({ length: 60 }, (_, i) => `word${i}`);
    const full = prep({ abstract: words.join(' ') });
    const truncated = prep({ abstract: words.slice(0, 30).join(' ') + '...' });
    const other = prep({ abstract: Array.from({ length: 60 }, (_, i) => `other${i}`).join(' ') });
    expect(abstractSimilarity(full, truncated)).toBe(1);
    expect(abstractSimilarity(full, other)).toBe(0);
    // Short abstracts use Dice: 2 shared of 3 + 3 words.
    expect(abstractSimilarity(prep({ abstract: 'alpha beta gamma' }), prep({ abstract: 'alpha beta delta' }))).toBeCloseTo(2 / 3, 10);
    expect(abstractSimilarity(full, prep({}))).toBeUndefined();
  });
});
