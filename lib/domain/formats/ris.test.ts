import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParseResult } from '../records/bib-record';
import { createRisParser, parseRis } from './ris';

const DATA = path.resolve(__dirname, '../../../../shared/data');
const read = (rel: string) => fs.readFileSync(path.join(DATA, rel), 'utf8');
const ris = (name: string) => parseRis(read(`ris/${name}`));

/** Record counts from shared/data/SOURCES.md. */
const COUNTS: Record<string, number> = {
  'asreview_embase.ris': 6,
  'asreview_scopus.ris': 6,
  'asreview_pubmed_zotero.ris': 6,
  'asreview_pubmed_endnote.txt': 6,
  'asreview_ovid_psycinfo.ris': 6,
  'asreview_proquest.ris': 6,
  'asreview_web_of_science.txt': 10,
  'asreview_ris_issue_992.txt': 19,
  'asreview_ris_issue_1099.txt': 7,
  'asreview_baseline_lens.ris': 100,
  'reflib_blue-light_endnote.ris': 102,
  'citesource_gambling-harms_pubmed_176.ris': 176,
  'citesource_gambling-harms_scopus_255.ris': 255,
  'citesource_gambling-harms_psycinfo_124.ris': 124,
  'citesource_gambling-harms_lens_49.ris': 49,
  'citesource_gambling-harms_crimjust_41.ris': 41,
  'citesource_WoS_79.ris': 79,
  'synthesisr_ASP_ris_example.ris': 4,
  'synthesisr_Ovid_ris_example.ris': 4,
  'synthesisr_Scopus_ris_example.ris': 3,
  'synthesisr_dimensions_citesource_issue_24.ris': 17,
  'synthesisr_scopus_extdata.ris': 92,
};

/** Deterministic PRNG so a failing chunk split can be reproduced. */
function rng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

function parseInChunks(text: string, seed: number, maxChunk = 200): ParseResult {
  const parser = createRisParser();
  const rand = rng(seed);
  const records = [];
  for (let i = 0; i < text.length; ) {
    const n = 1 + Math.floor(rand() * maxChunk);
    records.push(...parser.push(text.slice(i, i + n)));
    i += n;
  }
  records.push(...parser.end());
  return { format: 'ris', records, problems: parser.problems };
}

describe('every shared RIS file', () => {
  it('covers every file in shared/data/ris', () => {
    expect(fs.readdirSync(path.join(DATA, 'ris')).sort()).toEqual(Object.keys(COUNTS).sort());
  });

  it.each(Object.entries(COUNTS))('%s has %i records, no errors, same result in chunks', (name, count) => {
    const text = read(`ris/${name}`);
    const whole = parseRis(text);
    expect(whole.records).toHaveLength(count);
    expect(whole.problems.filter((p) => p.severity === 'error')).toEqual([]);
    for (const r of whole.records) {
      expect(r.raw.startsWith('TY  - ')).toBe(true);
      expect(r.raw).toMatch(/ER {2}-\s*$/);
    }
    expect(parseInChunks(text, count)).toEqual(whole);
    expect(parseInChunks(text, count + 1, 7)).toEqual(whole);
  });

  it('never calls an accession number from another database a PMID', () => {
    for (const name of [
      'citesource_gambling-harms_psycinfo_124.ris', // AN 2022-96522-001
      'synthesisr_dimensions_citesource_issue_24.ris', // AN pub.1143865007
      'asreview_ris_issue_992.txt', // AN rayyan-264552525
      'asreview_web_of_science.txt', // AN WOS:000444108200009
      'asreview_proquest.ris', // AN 2214991469; 51887
      'asreview_embase.ris',
    ]) {
      expect(ris(name).records.filter((r) => r.record.pmid), name).toEqual([]);
    }
  });
});

describe('hand-checked records', () => {
  it('EBSCOhost crimjust: DOI from L3, first AB kept, copyright AB dropped', () => {
    const { records } = ris('citesource_gambling-harms_crimjust_41.ris');
    const r = records[0].record;
    expect(r.doi).toBe('10.1080/16066359.2020.1867111');
    expect(r.abstract).toMatch(/^Within a neo-liberal economic orthodoxy, the gambling industry/);
    expect(r.abstract).toMatch(/\[ABSTRACT FROM AUTHOR\]$/);
    expect(r.title).toBe('Discourses of responsible gambling and gambling harm: observations from Victoria, Australia.');
    expect(r.journal).toBe('Addiction Research & Theory');
    expect(r.pages).toBe('212–222');
    expect(r.issn).toBe('1606-6359');
    expect(r.publicationDate).toBe('2021/06');
    expect(r.sourceDatabase).toBe('i3h (EBSCOhost)');
    expect(r.authors.map((a) => a.family)).toEqual(['Francis', 'Livingstone']);
    expect(records.every((x) => x.record.doi)).toBe(true);
    expect(records.some((x) => /is the property of/.test(x.record.abstract ?? ''))).toBe(false);
  });

  it('EBSCOhost ASP: English AB kept over the Chinese one and the copyright notice', () => {
    const r = ris('synthesisr_ASP_ris_example.ris').records[3].record;
    expect(r.abstract).toMatch(/^Rice production is distributed broadly in China/);
  });

  it('Ovid: numbering and "Link to" lines are outside records; DOI given as a URL; A1 authors', () => {
    const { records } = ris('asreview_ovid_psycinfo.ris');
    const first = records[0];
    expect(first.line).toBe(2);
    expect(first.raw).not.toMatch(/Link to the Ovid|NL {2}-/);
    expect(first.record.title).toBe(
      'The influence of self-criticism on depression symptoms among ambulatory patients with inflammatory bowel disease.',
    );
    expect(first.record.doi).toBe('10.1002/cpp.2398');
    expect(first.record.authors.map((a) => a.name)).toEqual([
      'Trindade, Ines A',
      'Irons, Chris',
      'Ferreira, Claudia',
      'Portela, Francisco',
      'Pinto-Gouveia, Jose',
    ]);
    expect(first.record.year).toBe(2019);
    expect(first.record.publicationDate).toBe('2019');
    expect(first.record.journal).toBe('Clinical Psychology & Psychotherapy');
    expect(first.record.abstract).toMatch(/^Considering that self-criticism is an important process/);
    // Ovid writes "SP - No" / "EP - Specified" when pages are unknown.
    expect(first.record.pages).toBeUndefined();
    expect(records[1].line).toBe(31);
  });

  it('Embase: BOM stripped, T1/N2/A1/Y1, DOI, two SN and two DB tags', () => {
    const first = ris('asreview_embase.ris').records[0];
    expect(first.line).toBe(1);
    expect(first.raw.startsWith('TY  - JOUR')).toBe(true);
    expect(first.record.title).toBe('Duplication cysts: Diagnosis, management, and the role of endoscopic ultrasound');
    expect(first.record.authors.map((a) => [a.family, a.given])).toEqual([
      ['Liu', 'R.'],
      ['Adler', 'D.G.'],
    ]);
    expect(first.record.abstract).toBeTruthy();
    expect(first.record).toMatchObject({ year: 2014, volume: '3', issue: '3', pages: '152–160', issn: '2226-7190' });
    expect(first.record.doi).toBe('10.4103/2303-9027.138783');
    expect(first.record.journal).toBe('Endoscopic Ultrasound');
    expect(first.record.sourceDatabase).toBe('Embase');
    expect(first.record.language).toBe('English');
    expect(first.record.keywords.slice(0, 2)).toEqual(['article', 'bronchogenic duplication cyst']);
  });

  it('Scopus: reference-list continuation lines stay out of the abstract; ISSN normalised', () => {
    const r = ris('asreview_scopus.ris').records[0].record;
    expect(r.title).toBe(
      'Stress and the brain-gut axis in functional and chronic-inflammatory gastrointestinal diseases: A transdisciplinary challenge',
    );
    expect(r.abstract).toMatch(/^The broad role of stress in the brain-gut axis/);
    expect(r.abstract).not.toMatch(/Agostini/);
    expect(r.issn).toBe('0306-4530');
    expect(r).toMatchObject({ journal: 'Psychoneuroendocrinology', journalAbbrev: 'Psychoneuroendocrinology', volume: '111', year: 2020 });
    expect(r.authors.map((a) => a.family)).toEqual(['Labanski', 'Langhorst', 'Engler', 'Elsenbruch']);
    expect(r.keywords).toHaveLength(9);
  });

  it('Web of Science: upper-case T2, year-less DA combined with PY, WOS accession is not a PMID', () => {
    const r = ris('asreview_web_of_science.txt').records[0].record;
    expect(r.title).toBe('Holding Yourself Captive: Perceptions of Custody During Interviews and Interrogations');
    expect(r.journal).toBe('JOURNAL OF APPLIED RESEARCH IN MEMORY AND COGNITION');
    expect(r.authors.map((a) => [a.family, a.given])).toEqual([
      ['Alceste', 'F'],
      ['Luke', 'TJ'],
      ['Kassin', 'SM'],
    ]);
    expect(r).toMatchObject({ year: 2018, publicationDate: '2018 SEP', volume: '7', issue: '3', pages: '387–397' });
    expect(r.doi).toBe('10.1016/j.jarmac.2018.03.001');
    expect(r.pmid).toBeUndefined();
    expect(r.keywords).toContain('PERSPECTIVE-TAKING');
  });

  it('EndNote PubMed export: AN is the PMID, pages expanded, KW continuation lines are keywords', () => {
    const r = ris('asreview_pubmed_endnote.txt').records[0].record;
    expect(r.pmid).toBe('21553931');
    expect(r.title).toBe(
      'Boswellia serrata: an overall assessment of in vitro, preclinical, pharmacokinetic and clinical data',
    );
    expect(r.pages).toBe('349–369');
    expect(r.publicationDate).toBe('2011 Jun');
    expect(r.journal).toBe('Clin Pharmacokinet');
    expect(r.doi).toBe('10.2165/11586800-000000000-00000');
    expect(r.keywords).toHaveLength(10);
    expect(r.keywords[1]).toBe('Anti-Inflammatory Agents/adverse effects/pharmacokinetics/*pharmacology');
    expect(r.authors.map((a) => a.name)).toEqual(['Abdel-Tawab, M.', 'Werz, O.', 'Schubert-Zsilavecz, M.']);
    expect(ris('reflib_blue-light_endnote.ris').records.every((x) => /^\d+$/.test(x.record.pmid ?? ''))).toBe(true);
  });

  it('Zotero PubMed export: T2 journal, J2 abbreviation, Zotero "undefined" date part, no AN so no PMID', () => {
    const { records } = ris('asreview_pubmed_zotero.ris');
    const r = records[0].record;
    expect(r.title).toMatch(/^The importance of cognitive flexibility and flexibility in coping with stress/);
    expect(r).toMatchObject({ journal: 'Przeglad gastroenterologiczny', journalAbbrev: 'Prz Gastroenterol', pages: '121–128' });
    expect(r.authors.map((a) => a.family)).toEqual(['Rudnik', 'Piotrowicz', 'Basinska', 'Rashedi']);
    expect(records[1].record.publicationDate).toBe('2019/10');
    expect(records.some((x) => x.record.pmid)).toBe(false);
  });

  it('Rayyan: one KW tag with keywords on continuation lines', () => {
    const r = ris('asreview_ris_issue_992.txt').records[0].record;
    expect(r.keywords.slice(0, 3)).toEqual(['Health Facility Administration', 'Joint Commission', 'Standards']);
    expect(r.keywords).toHaveLength(13);
    expect(r.pages).toBe('1–5');
  });

  it('Scopus N1 spilling over blank and untagged lines does not leak into other fields', () => {
    const { records } = ris('asreview_ris_issue_1099.txt');
    expect(records.every((r) => !/Export Date/.test(r.record.abstract ?? ''))).toBe(true);
  });
});

describe('cross-format twins: reflib blue-light MEDLINE vs EndNote RIS', () => {
  const medlinePath = path.resolve(__dirname, 'medline.ts');
  const hasMedline = fs.existsSync(medlinePath);
  it.runIf(hasMedline)('the 80 MEDLINE records agree with their RIS twins on title, DOI, year, first author', async () => {
    const { parseMedline } = (await import('./medline')) as {
      parseMedline: (t: string) => ParseResult;
    };
    const medline = parseMedline(read('pubmed-medline/reflib_blue-light.nbib'));
    const byPmid = new Map(ris('reflib_blue-light_endnote.ris').records.map((r) => [r.record.pmid, r.record]));
    const norm = (s?: string) => (s ?? '').normalize('NFKD').toLowerCase().replace(/[^a-z0-9]/g, '');
    expect(medline.records).toHaveLength(80);
    for (const { record: m } of medline.records) {
      const r = byPmid.get(m.pmid);
      expect(r, m.pmid).toBeDefined();
      expect(norm(r!.title), m.pmid).toBe(norm(m.title));
      expect(r!.doi, m.pmid).toBe(m.doi);
      expect(r!.year, m.pmid).toBe(m.year);
      expect(norm(r!.authors[0]?.family), m.pmid).toBe(norm(m.authors[0]?.family));
      expect(norm(r!.abstract), m.pmid).toBe(norm(m.abstract));
      // Documented difference: EndNote rewrites Cochrane article numbers "CD007917" as "Cd007917".
      expect(r!.pages?.toUpperCase(), m.pmid).toBe(m.pages?.toUpperCase());
    }
  });
});

describe('malformed input', () => {
  const two = 'TY  - JOUR\nTI  - First\nER  - \n\nTY  - JOUR\nTI  - Second\nAB  - Text\nER  - \n';

  it('truncated file: completed records kept, error "truncated" with the open record line', () => {
    const text = read('ris/synthesisr_scopus_extdata.ris');
    const cut = text.slice(0, text.indexOf('TY  - ', text.length / 2) + 200);
    const result = parseRis(cut);
    const truncated = result.problems.filter((p) => p.code === 'truncated');
    expect(truncated).toHaveLength(1);
    expect(truncated[0].severity).toBe('error');
    expect(truncated[0].line).toBe(cut.slice(0, cut.lastIndexOf('TY  - ')).split('\n').length);
    expect(result.records.length).toBe((cut.match(/^ER {2}-/gm) ?? []).length);
  });

  it('random junk and prose: not-a-bibliographic-file, no records, no throw', () => {
    const rand = rng(42);
    const junk = Array.from({ length: 5000 }, () => String.fromCharCode(Math.floor(rand() * 0xffff))).join('');
    for (const text of [junk, 'Dear reviewer,\nplease find attached.\n', '', '\n\n']) {
      const result = parseRis(text);
      expect(result.records).toEqual([]);
      expect(result.problems.map((p) => p.code)).toEqual(['not-a-bibliographic-file']);
    }
  });

  it('TY inside a record without ER: warning, previous record kept, new record started', () => {
    const result = parseRis('TY  - JOUR\nTI  - First\nTY  - JOUR\nTI  - Second\nER  - \n');
    expect(result.records.map((r) => r.record.title)).toEqual(['First', 'Second']);
    expect(result.records.map((r) => r.line)).toEqual([1, 3]);
    expect(result.problems).toMatchObject([{ code: 'missing-er', severity: 'warning', line: 3 }]);
  });

  it('record without title or abstract: warning with recordIndex and line', () => {
    const result = parseRis(`${two}TY  - JOUR\nAU  - Nobody\nER  - \n`);
    expect(result.records).toHaveLength(3);
    expect(result.problems).toMatchObject([{ code: 'no-title-or-abstract', severity: 'warning', recordIndex: 2, line: 9 }]);
  });

  it('tolerates "XX -" with one space, empty values, CR-only line ends, and CRLF split across chunks', () => {
    const odd = 'TY - JOUR\rTI -  Spaced title\rAB  -\rcontinued abstract\rKW  - a; b\rER  -\r';
    const r = parseRis(odd).records[0].record;
    expect(r).toMatchObject({ title: 'Spaced title', abstract: 'continued abstract', keywords: ['a', 'b'] });
    const crlf = two.replace(/\n/g, '\r\n');
    expect(parseInChunks(crlf, 3, 3)).toEqual(parseRis(crlf));
    expect(parseRis(crlf).records[1].raw).toBe('TY  - JOUR\r\nTI  - Second\r\nAB  - Text\r\nER  - ');
  });

  it('A2/A3 editors are not authors; T2 is the fullest journal name', () => {
    const r = parseRis('TY  - CHAP\nA1  - One, A\nA2  - Editor, E\nA3  - Series, S\nAU  - Two, B\nTI  - T\nJO  - J Short\nT2  - Journal Long Name\nER  - ')
      .records[0].record;
    expect(r.authors.map((a) => a.name)).toEqual(['One, A', 'Two, B']);
    expect(r.journal).toBe('Journal Long Name');
  });

  it('DOI fallbacks: L3, doi.org URL, a single "doi:" in N1; several DOIs in N1 or a publisher URL are not guessed', () => {
    const doi = (tags: string) => parseRis(`TY  - JOUR\nTI  - T\n${tags}\nER  - `).records[0].record.doi;
    expect(doi('DO  - https://doi.org/10.1000/ABC\nL3  - 10.9999/other')).toBe('10.1000/abc');
    expect(doi('L3  - 10.1080/16066359.2020.1867111')).toBe('10.1080/16066359.2020.1867111');
    expect(doi('UR  - http://dx.doi.org/10.1002/cpp.2398')).toBe('10.1002/cpp.2398');
    expect(doi('UR  - https://www.scopus.com/record.uri?eid=2&doi=10.1016%2fj.addbeh.2022.107538&partnerID=40')).toBe('10.1016/j.addbeh.2022.107538');
    expect(doi('N1  - Adv Biomed Res. 2018;7:53. doi: 10.4103/abr.abr_99_17. eCollection 2018.')).toBe('10.4103/abr.abr_99_17');
    expect(doi('N1  - Refs: doi: 10.1000/one; doi: 10.1000/two')).toBeUndefined();
    expect(doi('L2  - https://link.springer.com/article/10.1007/s11469-020-00459-x')).toBeUndefined();
  });

  it('copyright-only AB paragraphs are dropped, an abstract that merely starts with © is kept', () => {
    const ab = (tags: string) => parseRis(`TY  - JOUR\n${tags}\nER  - `).records[0].record.abstract;
    expect(ab('AB  - © 2020 Elsevier Ltd. All rights reserved.\nN2  - Real text.')).toBe('Real text.');
    const long = `© 2020 The Authors. ${'Background and methods of a long abstract. '.repeat(12)}`;
    expect(ab(`AB  - ${long}`)).toBe(long.trim());
  });

  it('AN digits without a PubMed source are not a PMID; with DB PubMed they are', () => {
    expect(parseRis('TY  - JOUR\nTI  - T\nAN  - 12345678\nER  - ').records[0].record.pmid).toBeUndefined();
    expect(parseRis('TY  - JOUR\nTI  - T\nAN  - 12345678\nDB  - PubMed\nER  - ').records[0].record.pmid).toBe('12345678');
    expect(parseRis('TY  - JOUR\nTI  - T\nAN  - 12345678\nDB  - Embase\nDB  - Medline\nER  - ').records[0].record.pmid).toBeUndefined();
  });
});

// Layouts met in real exports outside shared/data (a sweep of public repositories' test files),
// reduced here to the lines that matter.
describe('exports with a provider header, Ovid MEDLINE links, R-written files', () => {
  it('reads records behind a JSTOR-style header block repeated before each record', () => {
    const header = 'Provider: JSTOR http://www.jstor.org\r\nDatabase: JSTOR\r\nContent: text/plain; charset="UTF-8"\r\n\r\n\r\n';
    const text = `${header}TY  - JOUR\r\nTI  - First\r\nPY  - 2016\r\nER  - \r\n\r\n${header}TY  - JOUR\r\nTI  - Second\r\nER  - \r\n`;
    const result = parseRis(text);
    expect(result.records.map((r) => r.record.title)).toEqual(['First', 'Second']);
    expect(result.problems).toEqual([]);
  });

  it('takes the PMID of an Ovid MEDLINE record from its link, and never from an Embase link', () => {
    const link = (db: string) => `TY  - JOUR\nTI  - T\nDB  - ${db}\nL2  - http://ovidsp.ovid.com/ovidweb.cgi?T=JS&PAGE=reference&D=medp&NEWS=N&AN=38865135\nER  - \n`;
    expect(parseRis(link('Ovid MEDLINE(R) Epub Ahead of Print')).records[0].record.pmid).toBe('38865135');
    expect(parseRis(link('Embase')).records[0].record.pmid).toBeUndefined();
  });

  it('reads "NA" as no value, and keeps the first of several links without its separator', () => {
    const { record } = parseRis('TY  - JOUR\nTI  - T\nAB  - NA\nIS  - NA\nUR  - https://doi.org/10.1/x; https://example.org/full.html\nER  - \n').records[0];
    expect(record.abstract).toBeUndefined();
    expect(record.issue).toBeUndefined();
    expect(record.url).toBe('https://doi.org/10.1/x');
  });
});
