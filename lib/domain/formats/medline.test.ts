import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParseResult, StreamingParser } from '../records/bib-record';
import { createMedlineParser, parseMedline, structureAbstract } from './medline';

// Real exports, never copied into the repo (see shared/data/SOURCES.md).
const DATA = path.resolve(__dirname, '../../../../shared/data');
const read = (name: string) => fs.readFileSync(path.join(DATA, 'pubmed-medline', name), 'utf8');

// Record counts from SOURCES.md.
const COUNTS: Record<string, number> = {
  'biopython_pubmed_result1.txt': 1,
  'biopython_pubmed_result2.txt': 4,
  'biopython_pubmed_result3.txt': 1,
  'biopython_pubmed_result4.txt': 1,
  'reflib_blue-light.nbib': 80,
  'reflib-medline_language-LF.nbib': 40,
  'reflib-medline_cancer.nbib': 20,
  'ncbiutils_medlines.txt': 6,
  'nbib_pmc_medlars.txt': 5,
  'nbib_single.nbib': 1,
  'synthesisr_PubMed_example.txt': 3,
  'synthesisr_res_synth_methods.txt': 2,
};

/** Feeds `text` in pieces produced by `sizes` (cycled), collecting what push/end return. */
function feed(parser: StreamingParser, text: string, sizes: number[]): ParseResult {
  const records = [];
  for (let i = 0, k = 0; i < text.length; k++) {
    const n = sizes[k % sizes.length];
    records.push(...parser.push(text.slice(i, i + n)));
    i += n;
  }
  records.push(...parser.end());
  return { format: 'medline', records, problems: parser.problems };
}

/** Deterministic pseudo-random chunk sizes 1..max, so a failure reproduces. */
function randomSizes(seed: number, max: number, count = 997): number[] {
  let s = seed;
  return Array.from({ length: count }, () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return 1 + (s % max);
  });
}

const byPmid = (r: ParseResult, pmid: string) => {
  const found = r.records.find((x) => x.record.pmid === pmid);
  if (!found) throw new Error(`PMID ${pmid} not parsed`);
  return found;
};

describe('parseMedline on every real MEDLINE file', () => {
  it('covers every file in shared/data/pubmed-medline', () => {
    expect(fs.readdirSync(path.join(DATA, 'pubmed-medline')).sort()).toEqual(Object.keys(COUNTS).sort());
  });

  describe.each(Object.entries(COUNTS))('%s', (name, count) => {
    const text = read(name);
    const whole = parseMedline(text);

    it(`has ${count} records, each with a PMID, and no error`, () => {
      expect(whole.format).toBe('medline');
      expect(whole.records).toHaveLength(count);
      expect(whole.problems.filter((p) => p.severity === 'error')).toEqual([]);
      for (const { record } of whole.records) expect(record.pmid).toMatch(/^\d+$/);
    });

    it('points line and raw at the record as it appears in the file', () => {
      const lines = text.replace(/^\uFEFF/, '').split('\n');
      for (const { line, raw, record } of whole.records) {
        expect(lines[line - 1].replace(/\r$/, '')).toBe(raw.split(/\r?\n/)[0]);
        expect(raw).toContain(`PMID- ${record.pmid}`);
        expect(text).toContain(raw);
        expect(raw.trim()).toBe(raw);
      }
    });

    it.each([
      ['7-char', [7]],
      ['4096-char', [4096]],
      ['random 1-64', randomSizes(42, 64)],
      ['random 1-5000', randomSizes(7, 5000)],
    ])('gives the same result fed in %s chunks', (_label, sizes) => {
      expect(feed(createMedlineParser(), text, sizes)).toEqual(whole);
    });
  });
});

describe('hand-checked MEDLINE fields', () => {
  const ncbi = parseMedline(read('ncbiutils_medlines.txt'));
  const blue = parseMedline(read('reflib_blue-light.nbib'));

  it('splits an inline structured abstract into labelled paragraphs', () => {
    const ab = byPmid(ncbi, '24792780').record.abstract!;
    const paragraphs = ab.split('\n\n');
    expect(paragraphs.map((p) => p.slice(0, p.indexOf(':')))).toEqual([
      'INTRODUCTION',
      'OBJECTIVES',
      'METHODS',
      'RESULTS',
      'CONCLUSION',
    ]);
    expect(paragraphs[0]).toMatch(/^INTRODUCTION: Although clinical use of dexmedetomidine \(DEX\), an alpha2-/);
    // Multi-word labels and a lone trailing label after unlabelled text.
    expect(byPmid(blue, '29657938').record.abstract).toContain('.\n\nMATERIALS AND METHODS: Antibacterial activity');
    const bio = parseMedline(read('biopython_pubmed_result2.txt'));
    expect(byPmid(bio, '14630660').record.abstract!.split('\n\n')[1]).toMatch(/^AVAILABILITY: The Biopython distribution/);
  });

  it('leaves abstract undefined when a record has no AB, without a warning when it has a title', () => {
    const r = byPmid(blue, '26335456');
    expect(r.record.abstract).toBeUndefined();
    expect(r.record.title).toBe('Efficacy of blue light in treatment of acne.');
    expect(blue.problems).toEqual([]);
  });

  it('strips the translation brackets of a non-English title and keeps the vernacular TT', () => {
    const { record } = byPmid(blue, '20107751');
    expect(record.title).toBe('Physical treatment methods for acne. Light, laser, photodynamic therapy and peeling.');
    expect(record.titleVernacular).toBe(
      'Physikalische Therapieverfahren bei Akne. Licht, Laser, photodynamische Therapie und Peeling.',
    );
    expect(record.language).toBe('ger');
    expect(record.publicationTypes).toContain('English Abstract');
    expect(byPmid(blue, '16200418').record.title).toBe('Light, laser and PDT therapy for acne.');
  });

  it('keeps a collective author (CN) in its place after the FAU authors', () => {
    const { authors } = byPmid(ncbi, '30158200').record;
    expect(authors).toHaveLength(10);
    expect(authors[0]).toEqual({ name: 'Trajanoska, Katerina', family: 'Trajanoska', given: 'Katerina' });
    expect(authors[9]).toEqual({ name: 'GEFOS/GENOMOS consortium and the 23andMe research team', isCollective: true });
    const task = byPmid(blue, '18688101').record.authors;
    expect(task.map((a) => a.isCollective ?? false)).toEqual([false, true]);
    expect(task[1].name).toBe('IADVL Task Force');
  });

  it('reads a CRLF file with a BOM exactly like the same file without the BOM', () => {
    const text = read('reflib_blue-light.nbib');
    expect(text).toContain('\r\n');
    const withBom = parseMedline('\uFEFF' + text);
    expect(withBom).toEqual(blue);
    const first = withBom.records[0];
    expect(first.line).toBe(1);
    expect(first.raw.startsWith('PMID- 29657938\r\nOWN - NLM\r\n')).toBe(true);
    for (const { record } of withBom.records) {
      const { abstract, ...rest } = record;
      expect(JSON.stringify(rest)).not.toMatch(/\\[rn]|\uFEFF/);
      // Paragraph breaks between abstract sections are the only line breaks left.
      for (const paragraph of abstract?.split('\n\n') ?? []) expect(paragraph).not.toMatch(/[\r\n]|^ | $/);
    }
  });

  it('joins a multi-line title and UTF-8 text with single spaces', () => {
    expect(byPmid(ncbi, '35196497').record.title).toBe(
      'SENP2 suppresses browning of white adipose tissues by de-conjugating SUMO from C/EBPbeta.',
    );
    expect(byPmid(blue, '20098847').record.titleVernacular).toBe(
      'Estudo clínico, prospectivo, aberto, randomizado e comparativo para avaliar a segurança e a eficácia da luz azul versus peróxido de benzoíla 5% no tratamento da acne inflamatória graus II e III.',
    );
  });

  it('maps journal, date, pages, ids and indexing fields', () => {
    const { record } = byPmid(ncbi, '35196497');
    expect(record).toMatchObject({
      pmid: '35196497',
      doi: '10.1016/j.celrep.2022.110408', // from LID ... [doi]
      year: 2022,
      publicationDate: '2022 Feb 22',
      journal: 'Cell reports',
      journalAbbrev: 'Cell Rep',
      volume: '38',
      issue: '8',
      pages: '110408',
      language: 'eng',
      issn: '2211-1247',
      publicationTypes: ['Journal Article', "Research Support, Non-U.S. Gov't"],
    });
    expect(record.meshTerms.slice(0, 2)).toEqual(['*Adipocytes, Beige/metabolism', 'Adipogenesis']);
    expect(record.keywords[0]).toBe('C/EBPbeta'); // "OT - *C/EBPbeta": the major-topic star goes
    expect(record.authors[0]).toEqual({ name: 'Lee, Ji Seon', family: 'Lee', given: 'Ji Seon' });
    expect(byPmid(blue, '16200418').record.pages).toBe('1027–1032'); // "PG - 1027-32"
    expect(byPmid(ncbi, '151222').record).toMatchObject({ publicationDate: '1978 Jul-Sep', year: 1978 });
  });

  it('takes the DOI from AID when no LID carries one', () => {
    const bio = parseMedline(read('biopython_pubmed_result2.txt'));
    const r = byPmid(bio, '14871861');
    expect(r.raw).not.toMatch(/^LID/m);
    expect(r.record.doi).toBe('10.1093/bioinformatics/bth078');
    expect(r.record.pages).toBe('1453–1454');
  });

  it('reads PMC MEDLARS records (PMC line first, empty AB line)', () => {
    const pmc = parseMedline(read('nbib_pmc_medlars.txt'));
    const r = byPmid(pmc, '30042925');
    expect(r.raw.startsWith('PMC - PMC6055010')).toBe(true);
    expect(r.record.abstract).toBeUndefined();
    expect(r.record.title).toBeTruthy();
  });

  it('warns about a record with neither title nor abstract and about a stray line', () => {
    expect(ncbi.problems).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'unexpected-line', line: 139 }),
      expect.objectContaining({ severity: 'warning', code: 'no-title-or-abstract', line: 141, recordIndex: 1 }),
    ]);
    const r = ncbi.records[1].record;
    expect(r).toMatchObject({ pmid: '33279447', titleVernacular: 'Pere Barcelo.' });
    expect(r.title).toBeUndefined();
  });
});

describe('MEDLINE edge cases', () => {
  it('falls back to AU names when a record has no FAU and splits initials off', () => {
    const r = parseMedline('PMID- 1\nTI  - T.\nAU  - Smith JA\nCN  - Group X\nAU  - van Dyke R\n').records[0];
    expect(r.record.authors).toEqual([
      { name: 'Smith JA', family: 'Smith', given: 'JA' },
      { name: 'Group X', isCollective: true },
      { name: 'van Dyke R', family: 'van Dyke', given: 'R' },
    ]);
  });

  it('starts a new record at a second PMID even without a blank line', () => {
    const res = parseMedline('PMID- 1\nTI  - One.\nPMID- 2\nTI  - Two.');
    expect(res.records.map((r) => [r.record.pmid, r.record.title, r.line])).toEqual([
      ['1', 'One.', 1],
      ['2', 'Two.', 3],
    ]);
  });

  it('only strips brackets that wrap the whole title', () => {
    const titles = parseMedline('PMID- 1\nTI  - [A] and [B].\n\nPMID- 2\nTI  - [Whole [nested] title]\n').records;
    expect(titles.map((r) => r.record.title)).toEqual(['[A] and [B].', 'Whole [nested] title']);
  });

  it('does not treat statistics or mid-sentence capitals as section labels', () => {
    expect(structureAbstract('We found an effect. OR: 1.5 (CI: 1.1-2). In HIV: none.')).toBe(
      'We found an effect. OR: 1.5 (CI: 1.1-2). In HIV: none.',
    );
    expect(structureAbstract('AIM: x. DESIGN, SETTING, AND PARTICIPANTS: y.')).toBe(
      'AIM: x.\n\nDESIGN, SETTING, AND PARTICIPANTS: y.',
    );
  });
});

describe('malformed MEDLINE input never throws', () => {
  it('reports an empty file', () => {
    expect(parseMedline('')).toEqual({
      format: 'medline',
      records: [],
      problems: [expect.objectContaining({ severity: 'error', code: 'not-a-bibliographic-file', line: 1 })],
    });
    expect(parseMedline('\n\r\n  \n').problems[0].message).toMatch(/empty/);
  });

  it('reports binary junk and other formats as not a MEDLINE file', () => {
    let s = 1;
    const junk = Array.from({ length: 20000 }, () => String.fromCharCode((s = (s * 48271) % 2147483647) % 256)).join('');
    for (const text of [junk, fs.readFileSync(path.join(DATA, 'ris/asreview_embase.ris'), 'utf8')]) {
      const res = parseMedline(text);
      expect(res.records).toEqual([]);
      expect(res.problems).toEqual([
        expect.objectContaining({ severity: 'error', code: 'not-a-bibliographic-file', line: 1 }),
      ]);
      expect(res.problems[0].message).toMatch(/not a PubMed MEDLINE/);
    }
  });

  it('does not buffer an endless line of junk', () => {
    const res = parseMedline('x'.repeat(3 << 20));
    expect(res.problems[0].code).toBe('not-a-bibliographic-file');
  });

  it('keeps the complete records of a file cut in the middle of a record', () => {
    const text = read('reflib_blue-light.nbib');
    const whole = parseMedline(text);
    const cut = text.slice(0, Math.floor(text.length / 2));
    const res = parseMedline(cut);
    const last = res.records.length - 1;
    expect(last).toBeGreaterThan(30);
    expect(res.records.slice(0, last)).toEqual(whole.records.slice(0, last));
    expect(res.records[last].record.pmid).toBe(whole.records[last].record.pmid);
    expect(res.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('never throws on a real file cut at 40 arbitrary points and keeps every complete record', () => {
    const text = read('reflib-medline_language-LF.nbib');
    const whole = parseMedline(text).records;
    for (const size of randomSizes(5, text.length - 1, 40)) {
      const res = parseMedline(text.slice(0, size));
      const complete = res.records.slice(0, -1);
      expect(complete).toEqual(whole.slice(0, complete.length));
      expect(res.records.length).toBeGreaterThanOrEqual(text.slice(0, size).split('\nPMID- ').length - 1);
    }
  });

  it('warns with line numbers about stray lines inside a record and keeps them out of values', () => {
    const res = parseMedline('PMID- 1\nTI  - A title\n!!! junk\n      continued?\nAB  - Text.\n');
    expect(res.records[0].record).toMatchObject({ title: 'A title', abstract: 'Text.' });
    expect(res.problems.map((p) => [p.code, p.line])).toEqual([
      ['unexpected-line', 3],
      ['unexpected-line', 4],
    ]);
  });
});
