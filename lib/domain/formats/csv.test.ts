import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCsvParser, detectDelimiter, parseCsv, readCsvHeader, splitAuthors, suggestCsvMapping } from './csv';

const DATA = path.resolve(__dirname, '../../../../shared/data');
const read = (name: string) => fs.readFileSync(path.join(DATA, 'labelled', name), 'utf8');

/** Row counts from shared/data/SOURCES.md and the mapping each header should get. */
const LABELLED = {
  'Nagtegaal_2019.csv': {
    rows: 2019,
    fields: { title: 'title', abstract: 'abstract' },
    unmapped: ['record_id', 'label_included', 'label_abstract_screening', 'duplicate_record_id'],
  },
  'Bannach-Brown_2019.csv': {
    rows: 1993,
    fields: { title: 'title', abstract: 'abstract', authors: 'authors', year: 'year' },
    unmapped: ['record_id', 'label_included'],
  },
  'Cohen_2006_ADHD.csv': {
    rows: 851,
    fields: { title: 'title', abstract: 'abstract', authors: 'authors', year: 'year', pmid: 'pubmedID' },
    unmapped: ['record_id', 'label_included', 'label_abstract_screening'],
  },
  'Kwok_2020_virus.csv': { rows: 2304, fields: { title: 'title', abstract: 'abstract' }, unmapped: ['id', 'included'] },
  'Kitchenham_2010.csv': {
    rows: 1704,
    fields: { title: 'title', abstract: 'abstract', year: 'year' },
    unmapped: ['record_id', 'label_included', 'duplicate_record_id'],
  },
};

function parseInChunks(text: string, seed: number) {
  const parser = createCsvParser();
  const records = [];
  for (let i = 0; i < text.length; ) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const n = 1 + (seed % 3000);
    records.push(...parser.push(text.slice(i, i + n)));
    i += n;
  }
  records.push(...parser.end());
  return { records, problems: parser.problems };
}

describe('labelled CSV datasets', () => {
  it('covers every file in shared/data/labelled', () => {
    expect(fs.readdirSync(path.join(DATA, 'labelled')).sort()).toEqual(Object.keys(LABELLED).sort());
  });

  it.each(Object.entries(LABELLED))('%s: header mapped, row count, no errors, chunked = whole', (name, expected) => {
    const text = read(name);
    const header = readCsvHeader(text);
    const mapping = suggestCsvMapping(header);
    expect(mapping.fields).toEqual(expected.fields);
    expect(mapping.unmapped).toEqual(expected.unmapped);

    const whole = parseCsv(text);
    expect(whole.format).toBe('csv');
    expect(whole.records).toHaveLength(expected.rows);
    expect(whole.problems.filter((p) => p.severity === 'error')).toEqual([]);
    // The automatic mapping is announced, never silent.
    expect(whole.problems.find((p) => p.code === 'csv-mapping-suggested')?.message).toContain('title <- "title"');
    expect(parseCsv(text, mapping).records).toEqual(whole.records);
    expect(parseInChunks(text, expected.rows)).toEqual({ records: whole.records, problems: whole.problems });
  });

  it('Cohen: PMID column "pubmedID", float years, ";"-separated given-first authors', () => {
    const first = parseCsv(read('Cohen_2006_ADHD.csv')).records[0];
    expect(first.line).toBe(2);
    expect(first.record).toMatchObject({
      pmid: '10051933',
      year: 1999,
      title: 'The effectiveness of clonidine as an analgesic in paediatric adenotonsillectomy.',
    });
    expect(first.record.authors.map((a) => a.family)).toEqual(['Reimer', 'Dunn', 'Montgomery', 'Sanderson', 'Scheepers', 'Merrick']);
    expect(first.record.authors[0]).toEqual({ name: 'E J Reimer', family: 'Reimer', given: 'E J' });
  });

  it('Bannach-Brown: "and"/comma author lists split only because every piece is a full name', () => {
    const { records } = parseCsv(read('Bannach-Brown_2019.csv'));
    expect(records[0].record.authors.map((a) => a.family)).toEqual(['Whistler', 'Lake']);
    expect(records[1].record.authors).toEqual([{ name: "G. B. Koval'skii", family: "Koval'skii", given: 'G. B.' }]);
    expect(records[2].record.authors.map((a) => a.family)).toEqual(['Pavlinac', 'Langer', 'Lenhard', 'Deftos']);
    expect(records[0].record.year).toBe(1972);
  });

  it('Kitchenham: multi-line quoted fields with CRLF inside; line numbers follow the file', () => {
    const { records } = parseCsv(read('Kitchenham_2010.csv'));
    const r32 = records.find((r) => r.raw.startsWith('32,'))!;
    const r33 = records.find((r) => r.raw.startsWith('33,'))!;
    expect(r32.line).toBe(33);
    expect(r33.line).toBe(35);
    expect(r32.record.title).toBe('A Survey on Software Estimation in the Norwegian Industry');
    expect(r32.record.abstract).toMatch(/^Abstract: We provide an overview of the estimation methods/);
  });
});

describe('suggestCsvMapping', () => {
  it('Zotero CSV export headers', () => {
    const header = ['Key', 'Item Type', 'Publication Year', 'Author', 'Title', 'Publication Title', 'ISSN', 'DOI', 'Url', 'Abstract Note', 'Date', 'Pages', 'Issue', 'Volume', 'Journal Abbreviation', 'Language', 'Manual Tags'];
    const m = suggestCsvMapping(header);
    expect(m.fields).toEqual({
      title: 'Title', abstract: 'Abstract Note', authors: 'Author', year: 'Publication Year', publicationDate: 'Date',
      journal: 'Publication Title', journalAbbrev: 'Journal Abbreviation', volume: 'Volume', issue: 'Issue', pages: 'Pages',
      doi: 'DOI', keywords: 'Manual Tags', url: 'Url', language: 'Language', issn: 'ISSN',
    });
    expect(m.unmapped).toEqual(['Key', 'Item Type']);
  });

  it('Scopus CSV export headers: "Authors" wins over "Author full names", which stays visible as unmapped', () => {
    const header = ['Authors', 'Author full names', 'Author(s) ID', 'Title', 'Year', 'Source title', 'Volume', 'Issue', 'Page start', 'Page end', 'DOI', 'Link', 'Abstract', 'Author Keywords', 'PubMed ID', 'Language of Original Document', 'Abbreviated Source Title', 'Source', 'EID'];
    const m = suggestCsvMapping(header);
    expect(m.fields).toMatchObject({ authors: 'Authors', title: 'Title', journal: 'Source title', startPage: 'Page start', endPage: 'Page end', pmid: 'PubMed ID', keywords: 'Author Keywords', journalAbbrev: 'Abbreviated Source Title', language: 'Language of Original Document', url: 'Link' });
    expect(m.unmapped).toEqual(['Author full names', 'Author(s) ID', 'Source', 'EID']);
  });

  it('Web of Science tab-delimited two-letter tags and Article Title / Author Full Names', () => {
    expect(suggestCsvMapping(['PT', 'AU', 'TI', 'SO', 'AB', 'PY', 'VL', 'IS', 'BP', 'EP', 'DI', 'PM']).fields).toEqual({
      title: 'TI', abstract: 'AB', authors: 'AU', year: 'PY', journal: 'SO', volume: 'VL', issue: 'IS', startPage: 'BP', endPage: 'EP', doi: 'DI', pmid: 'PM',
    });
    expect(suggestCsvMapping(['Article Title', 'Author Full Names', 'Source Title', ' DOI ', '\uFEFFPMID']).fields).toEqual({
      title: 'Article Title', authors: 'Author Full Names', journal: 'Source Title', doi: ' DOI ', pmid: '\uFEFFPMID',
    });
  });
});

describe('authors in one cell', () => {
  it.each([
    ['Smith, J.', ['Smith, J.']],
    ['Smith, J. and Jones, K.', ['Smith, J.', 'Jones, K.']],
    ['Smith J, Jones K', ['Smith J', 'Jones K']],
    ['Smith JA; Jones K; ', ['Smith JA', 'Jones K']],
    ['Smith, J., Jones, K.', ['Smith, J., Jones, K.']], // ambiguous: kept whole, not guessed
    ['World Health Organization', ['World Health Organization']],
    ['', []],
  ])('%j', (cell, expected) => expect(splitAuthors(cell)).toEqual(expected));

  it('Scopus "Liu R." keeps the family name first', () => {
    const { records } = parseCsv('title,authors\nT,"Liu R., Adler D.G."\n');
    expect(records[0].record.authors.map((a) => [a.family, a.given])).toEqual([['Liu', 'R.'], ['Adler', 'D.G.']]);
  });
});

describe('delimiters and fields', () => {
  it('detects tab, semicolon and comma from the header line, ignoring quoted delimiters', () => {
    expect(detectDelimiter('title\tabstract\tyear')).toBe('\t');
    expect(detectDelimiter('title;abstract;"a, b, c"')).toBe(';');
    expect(detectDelimiter('"a;b;c",title')).toBe(',');
    expect(detectDelimiter('title')).toBe(',');
  });

  it('reads TSV and semicolon files, pages from start/end columns, DOI URLs, keywords on ";"', () => {
    const tsv = parseCsv('TI\tAB\tBP\tEP\tDI\tDE\nA title\tText\t1194\t205\thttps://doi.org/10.1000/ABC\tx; y;x\n');
    expect(tsv.records[0].record).toMatchObject({ title: 'A title', abstract: 'Text', pages: '1194–1205', doi: '10.1000/abc', keywords: ['x', 'y'] });
    const semi = parseCsv('\uFEFFTitle;Year\r\n"Semi; colon";2001\r\n');
    expect(semi.records[0].record).toMatchObject({ title: 'Semi; colon', year: 2001 });
  });

  it('uses the confirmed mapping, warns about mapped columns missing from the header', () => {
    const mapping = { fields: { title: 'Name', abstract: 'Gone' }, unmapped: [] };
    const result = parseCsv('Name,Title\nreal title,not this\n', mapping);
    expect(result.records[0].record.title).toBe('real title');
    expect(result.problems.map((p) => p.code)).toEqual(['mapping-column-missing']);
  });
});

describe('malformed CSV', () => {
  it('unbalanced quote: rows before it kept, error with the line where the quote opened, no throw', () => {
    const text = 'title,abstract\nOne,first\n\n,\nTwo,"never closed\nThree,third\nFour,fourth\n';
    const result = parseCsv(text);
    expect(result.records.map((r) => r.record.title)).toEqual(['One']);
    expect(result.problems).toMatchObject([{ code: 'csv-mapping-suggested' }, { code: 'csv-unclosed-quote', severity: 'error', line: 5 }]);
    expect(parseInChunks(text, 1).problems).toEqual(result.problems);
  });

  it('ragged rows and empty rows: warning per ragged row with its line, blank lines skipped', () => {
    const result = parseCsv('title,abstract\n\nOne,a,extra\n,\nTwo\n');
    expect(result.records.map((r) => [r.record.title, r.line])).toEqual([['One', 3], ['Two', 5]]);
    expect(result.problems.filter((p) => p.code === 'column-count').map((p) => p.line)).toEqual([3, 5]);
  });

  it('empty input, header only, junk and a table without title/abstract columns', () => {
    expect(parseCsv('').problems.map((p) => p.code)).toEqual(['not-a-bibliographic-file']);
    expect(parseCsv('title,abstract\n').records).toEqual([]);
    const junk = parseCsv('\u0000\u0001garbage"\u0002,,;\n"x');
    expect(junk.records).toEqual([]);
    expect(junk.problems.some((p) => p.severity === 'error')).toBe(true);
    const noText = parseCsv('id,label\n1,0\n');
    expect(noText.records).toEqual([]);
    expect(noText.problems.map((p) => p.code)).toContain('no-title-or-abstract-column');
  });

  it('row with neither title nor abstract: warning with recordIndex', () => {
    const result = parseCsv('title,abstract,year\nA,,2000\n,,2001\n');
    expect(result.records).toHaveLength(2);
    expect(result.problems.find((p) => p.code === 'no-title-or-abstract')).toMatchObject({ line: 3, recordIndex: 1 });
  });
});

describe("PubMed's own CSV export", () => {
  const csv = [
    'PMID,Title,Authors,Citation,First Author,Journal/Book,Publication Year,Create Date,PMCID,NIHMS ID,DOI',
    '"35108106","A Longitudinal Study of Fitbit Usage","Wang C, Lizardo O, Hachen DS.","Cyberpsychol Behav Soc Netw. 2022 Mar;25(3):181-188. doi: 10.1089/cyber.2021.0047. Epub 2022 Feb 2.","Wang C","Cyberpsychol Behav Soc Netw","2022","2022/02/02","PMC8971973","","10.1089/cyber.2021.0047"',
    '"34957939","Wrist-worn devices","Hajj-Boutros G, Karelis AD.","Eur J Sport Sci. 2022 Jan 31:1-13. doi: 10.1080/17461391.2021.2023656. Online ahead of print.","Hajj-Boutros G","Eur J Sport Sci","2022","2021/12/27","","","10.1080/17461391.2021.2023656"',
  ].join('\r\n');

  it('maps the journal, and reads volume, issue and pages from the citation; authors lose the closing full stop', () => {
    const [a, b] = parseCsv(csv).records.map((r) => r.record);
    expect(a).toMatchObject({ pmid: '35108106', journalAbbrev: 'Cyberpsychol Behav Soc Netw', volume: '25', issue: '3', pages: '181–188', year: 2022, doi: '10.1089/cyber.2021.0047' });
    expect(a.authors.map((x) => x.name)).toEqual(['Wang C', 'Lizardo O', 'Hachen DS']);
    // Ahead of print: no volume, so nothing is taken from the citation's "2022 Jan 31:1-13".
    expect(b).toMatchObject({ journalAbbrev: 'Eur J Sport Sci' });
    expect([b.volume, b.issue, b.pages]).toEqual([undefined, undefined, undefined]);
    expect(b.authors.at(-1)).toMatchObject({ name: 'Karelis AD', family: 'Karelis', given: 'AD' });
  });

  it('reads R\'s "NA" as an empty cell', () => {
    const { record } = parseCsv('title,abstract,year\nKetamine,NA,NA\n').records[0];
    expect(record.title).toBe('Ketamine');
    expect(record.abstract).toBeUndefined();
    expect(record.year).toBeUndefined();
  });
});
