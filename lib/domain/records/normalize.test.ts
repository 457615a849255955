import { describe, expect, it } from 'vitest';
import { cleanText, expandPages, normalizeDoi, parseNlmCitation, splitPersonName, yearFrom } from './normalize';

describe('normalizeDoi', () => {
  it.each([
    ['10.1016/J.Cell.2020.01.001', '10.1016/j.cell.2020.01.001'],
    ['https://doi.org/10.1000/ABC', '10.1000/abc'],
    ['http://dx.doi.org/10.1000/abc.', '10.1000/abc'],
    ['doi: 10.1000/abc', '10.1000/abc'],
    ['10.1038/s41586-020-2012-7 [doi]', '10.1038/s41586-020-2012-7'],
    ['https://doi.org/10.1000%2Fabc', '10.1000/abc'],
  ])('%s -> %s', (input, expected) => expect(normalizeDoi(input)).toBe(expected));
  it('rejects text without a DOI', () => {
    expect(normalizeDoi('not a doi')).toBeUndefined();
    expect(normalizeDoi('')).toBeUndefined();
  });
});

describe('expandPages', () => {
  it.each([
    ['1194-205', '1194–1205'],
    ['1194-1205', '1194–1205'],
    ['12-8', '12–18'],
    ['e123', 'e123'],
    ['S1-S7', 'S1–S7'],
    ['S10-5', 'S10–S15'],
    ['101', '101'],
  ])('%s -> %s', (input, expected) => expect(expandPages(input)).toBe(expected));
});

describe('yearFrom', () => {
  it('reads years from real date forms', () => {
    expect(yearFrom('2013 Sep 12')).toBe(2013);
    expect(yearFrom('2021 Jan-Feb')).toBe(2021);
    expect(yearFrom('2014//')).toBe(2014);
    expect(yearFrom('1998 Dec-1999 Jan')).toBe(1998);
    expect(yearFrom('Winter')).toBeUndefined();
  });
});

describe('cleanText and splitPersonName', () => {
  it('collapses whitespace', () => expect(cleanText('  a \r\n   b ')).toBe('a b'));
  it('splits both name forms', () => {
    expect(splitPersonName('Smith, John A')).toEqual({ family: 'Smith', given: 'John A' });
    expect(splitPersonName('van der Berg JA')).toEqual({ family: 'van der Berg', given: 'JA' });
    expect(splitPersonName('WHO')).toEqual({ family: 'WHO' });
  });
});

describe('parseNlmCitation', () => {
  it.each([
    ['Lancet. 2022 Feb 5;399(10324):555-604. doi: 10.1016/S0140-6736(21)02724-0.', { journalAbbrev: 'Lancet', volume: '399', issue: '10324', pages: '555-604' }],
    ['Sci Rep. 2021 Jan 12;11(1):e1234.', { journalAbbrev: 'Sci Rep', volume: '11', issue: '1', pages: 'e1234' }],
    ['J Psychiatr Res. 2019;112:1-7.', { journalAbbrev: 'J Psychiatr Res', volume: '112', pages: '1-7' }],
    ['Eur J Sport Sci. 2022 Jan 31:1-13. Online ahead of print.', {}],
    ['', {}],
  ])('%s', (citation, expected) => {
    expect(parseNlmCitation(citation)).toEqual(expected);
  });
});
