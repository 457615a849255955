import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BibRecord, ParseResult } from '../records/bib-record';
import { parseMedline } from './medline';
import { parsePubmedXml } from './pubmed-xml';

// Cross-format agreement: the same citation exported as MEDLINE text and as PubMed XML must give
// the same BibRecord, so dedup and screening see one article. Real files, never copied into the repo.
const DATA = path.resolve(__dirname, '../../../../shared/data');

// Documented differences between the two exports of one citation, and nothing else:
// 1. NLM's MEDLINE text is ASCII-transliterated: Greek letters spelled out ("C/EBPbeta" for
//    "C/EBPβ"), diacritics dropped ("Jose" for "José"), "×" written "x". Both sides are folded alike.
// 2. MEDLINE writes superscripts in parentheses ("1.5x10(-68)") where XML has markup
//    ("1.5×10<sup>-68</sup>", read as "1.5×10-68"), and pretty-printed XML adds indentation inside
//    mixed content ("(\n\t\t<i>FAM210A</i>" reads "( FAM210A"). So abstracts are compared without
//    whitespace and parentheses; titles, names and DOIs are compared exactly after folding.
const GREEK: Record<string, string> = { α: 'alpha', β: 'beta', γ: 'gamma', δ: 'delta', κ: 'kappa', μ: 'mu', '×': 'x' };
const fold = (s: string | undefined) =>
  s
    ?.replace(/[αβγδκμ×]/g, (c) => GREEK[c])
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
const squeeze = (s: string | undefined) => fold(s)?.replace(/[\s()]+/g, '');

describe('MEDLINE and XML readers agree on the same PMIDs', () => {
  const collect = (dir: string, parse: (t: string) => ParseResult) => {
    const map = new Map<string, BibRecord>();
    for (const f of fs.readdirSync(path.join(DATA, dir))) {
      for (const { record } of parse(fs.readFileSync(path.join(DATA, dir, f), 'utf8')).records) map.set(record.pmid!, record);
    }
    return map;
  };
  const medline = collect('pubmed-medline', parseMedline);
  const xml = collect('pubmed-xml', parsePubmedXml);
  const shared = [...medline.keys()].filter((pmid) => xml.has(pmid));

  it('finds the overlapping PMIDs (ncbiutils MEDLINE vs XML)', () => {
    expect(shared.sort()).toEqual(['151222', '24792780', '30158200', '33278872', '33279447', '35196497']);
  });

  it.each(shared)('PMID %s', (pmid) => {
    const m = medline.get(pmid)!;
    const x = xml.get(pmid)!;
    expect(fold(m.title)).toBe(fold(x.title));
    expect(fold(m.titleVernacular)).toBe(fold(x.titleVernacular));
    expect(m.doi).toBe(x.doi);
    expect(m.year).toBe(x.year);
    expect(m.authors.map((a) => fold(a.family ?? a.name))).toEqual(x.authors.map((a) => fold(a.family ?? a.name)));
    expect(m.authors.map((a) => a.isCollective ?? false)).toEqual(x.authors.map((a) => a.isCollective ?? false));
    expect(squeeze(m.abstract)).toBe(squeeze(x.abstract));
    expect(m.abstract?.split('\n\n').length).toBe(x.abstract?.split('\n\n').length);
    expect(m.keywords.map(fold)).toEqual(x.keywords.map(fold));
    for (const key of ['publicationDate', 'journal', 'journalAbbrev', 'volume', 'issue', 'pages', 'language', 'issn'] as const) {
      expect(m[key], key).toBe(x[key]);
    }
    expect(m.meshTerms).toEqual(x.meshTerms);
    expect(m.publicationTypes).toEqual(x.publicationTypes);
  });
});
