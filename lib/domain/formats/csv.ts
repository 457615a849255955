/**
 * CSV/TSV reader. Format source: RFC 4180 (Common Format and MIME Type for CSV Files), read with
 * csv-parse in its relaxed modes because real exports bend it (quotes inside unquoted fields,
 * ragged rows, CRLF inside quoted fields next to LF row ends).
 *
 * Column names differ between every tool (title/Title/TI/Article Title...), so the column ->
 * field mapping is explicit: suggestCsvMapping() proposes one from known aliases, the UI shows it
 * with the unmapped columns, and parseCsv() takes the confirmed mapping. When parseCsv() has to
 * suggest the mapping itself it says so in a 'csv-mapping-suggested' warning: never silently.
 *
 * Authors in one cell (see splitAuthors): ";" when present; otherwise " and " and "," are
 * separators only when every comma-separated piece is itself a multi-word name ("D. Pavlinac,
 * R. Langer and L. Lenhard"); "Smith, J." keeps its comma as family/given separator; anything
 * else stays one author rather than being guessed apart.
 */
import { Parser, type CsvError, type Info } from 'csv-parse';
import { parseAll, emptyRecord, type BibRecord, type ParseProblem, type ParseResult, type ParsedRecord, type StreamingParser } from '../records/bib-record';
import { cleanText, expandPages, normalizeDoi, parseNlmCitation, splitPersonName, yearFrom } from '../records/normalize';

/** Fields a column can map to: BibRecord fields plus start/end page halves of `pages`. */
export type CsvField =
  | 'title' | 'abstract' | 'authors' | 'year' | 'publicationDate' | 'journal' | 'journalAbbrev'
  | 'volume' | 'issue' | 'pages' | 'startPage' | 'endPage' | 'doi' | 'pmid' | 'keywords' | 'url'
  | 'language' | 'issn' | 'sourceDatabase' | 'citation';

export interface CsvMapping {
  /** Field -> column name exactly as written in the header. */
  fields: Partial<Record<CsvField, string>>;
  /** Header columns mapped to no field, in header order (label and id columns land here). */
  unmapped: string[];
}

/** Known header names after normalisation (lower case, letters and digits only), best first. */
const ALIASES: Record<CsvField, string[]> = {
  title: ['title', 'articletitle', 'documenttitle', 'primarytitle', 'ti', 't1'],
  abstract: ['abstract', 'abstractnote', 'abstracttext', 'ab', 'n2'],
  authors: ['authors', 'author', 'authorfullnames', 'authorsfullnames', 'au', 'af', 'a1', 'authornames'],
  year: ['year', 'publicationyear', 'pubyear', 'py', 'yr'],
  publicationDate: ['publicationdate', 'pubdate', 'date', 'datepublished', 'da', 'pd'],
  journal: ['journal', 'journaltitle', 'sourcetitle', 'publicationtitle', 'journalname', 'jo', 'jf', 'so', 't2', 'secondarytitle'],
  // PubMed's own CSV export names the abbreviated journal "Journal/Book".
  journalAbbrev: ['journalabbreviation', 'abbreviatedsourcetitle', 'journalabbrev', 'isoabbreviation', 'journalbook', 'ja', 'j2', 'j9', 'ji', 'ta'],
  volume: ['volume', 'vol', 'vl', 'vo'],
  issue: ['issue', 'issuenumber', 'is', 'ip'],
  pages: ['pages', 'pagerange', 'pp', 'pg'],
  startPage: ['pagestart', 'startpage', 'firstpage', 'sp', 'bp'],
  endPage: ['pageend', 'endpage', 'lastpage', 'ep'],
  doi: ['doi', 'do', 'di'],
  pmid: ['pmid', 'pubmedid', 'pubmed', 'pm'],
  keywords: ['keywords', 'keyword', 'authorkeywords', 'kw', 'de', 'manualtags'],
  url: ['url', 'link', 'ur'],
  language: ['language', 'languageoforiginaldocument', 'lang', 'la'],
  issn: ['issn', 'sn'],
  sourceDatabase: ['sourcedatabase', 'database', 'db'],
  // PubMed's CSV: "Lancet. 2022 Feb 5;399(10324):555-604. doi: ...", read for volume, issue and pages.
  citation: ['citation'],
};

const normaliseHeader = (h: string) => h.replace(/^\uFEFF/, '').toLowerCase().replace(/[^a-z0-9]/g, '');

export function suggestCsvMapping(header: string[]): CsvMapping {
  const norm = header.map(normaliseHeader);
  const used = new Set<number>();
  const fields: CsvMapping['fields'] = {};
  for (const field of Object.keys(ALIASES) as CsvField[]) {
    for (const alias of ALIASES[field]) {
      const i = norm.findIndex((n, j) => n === alias && !used.has(j));
      if (i >= 0) {
        fields[field] = header[i];
        used.add(i);
        break;
      }
    }
  }
  return { fields, unmapped: header.filter((_, i) => !used.has(i)) };
}

/** Delimiter with the most occurrences outside quotes in the header line; comma on ties or none. */
export function detectDelimiter(headerLine: string): ',' | '\t' | ';' {
  const counts = { ',': 0, '\t': 0, ';': 0 };
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
  }
  const best = (['\t', ';'] as const).find((d) => counts[d] > counts[','] && counts[d] >= counts[d === '\t' ? ';' : '\t']);
  return best ?? ',';
}

const looksLikeFullName = (s: string) => /\S\s+\S/.test(s.trim());

export function splitAuthors(cell: string): string[] {
  const text = cell.trim();
  if (!text) return [];
  if (text.includes(';')) return text.split(';').map((s) => s.trim()).filter(Boolean);
  const parts = text.split(/\s+and\s+/i);
  const pieces = parts.flatMap((p) => p.split(','));
  if (pieces.length > 1 && pieces.every(looksLikeFullName)) return pieces.map((s) => s.trim()).filter(Boolean);
  // "Smith, J. and Jones, K.": " and " separates, commas are family/given separators.
  if (parts.length > 1 && parts.every((p) => (p.match(/,/g) ?? []).length <= 1)) return parts.map((s) => s.trim());
  return [text];
}

function toAuthor(name: string) {
  // "Family, Given", MEDLINE "Family GI" and "Family G.H." keep the family first; otherwise the
  // name is "Given Family" (asreview CSVs: "E J Reimer", "D. Pavlinac"): last word is the family.
  const split = splitPersonName(name);
  if (name.includes(',') || split.given) return { name, family: split.family, ...(split.given ? { given: split.given } : {}) };
  const dotted = name.match(/^(.*\S)\s+((?:[A-Z]\.[\s-]?){1,4})$/); // Scopus "Liu R.", "Adler D.G."
  if (dotted) return { name, family: dotted[1], given: dotted[2].trim() };
  const words = name.split(/\s+/);
  if (words.length < 2) return { name, family: name };
  return { name, family: words[words.length - 1], given: words.slice(0, -1).join(' ') };
}

/**
 * PubMed's CSV closes its author list with a full stop ("Wang C, Hachen DS."). It is punctuation
 * only in such a list: several MEDLINE-style "Family Initials" names and no other full stop
 * (Scopus writes "Liu R., Adler D.G."; a single "Smith, J." is a family and a given name).
 */
function withoutClosingStop(cell: string): string {
  const t = cell.trim();
  const names = t.slice(0, -1).split(',').map((n) => n.trim());
  const pubmedList = names.length > 1 && names.every((n) => /^\S.*\s[A-Z]{1,4}$/.test(n));
  return pubmedList && t.endsWith('.') && t.indexOf('.') === t.length - 1 ? t.slice(0, -1) : t;
}

function rowToRecord(row: string[], index: Map<CsvField, number>): BibRecord {
  const get = (f: CsvField) => {
    const i = index.get(f);
    const v = i === undefined ? undefined : cleanText(row[i]);
    return v === 'NA' ? undefined : v; // R's missing value (write.csv)
  };
  const rec = emptyRecord();
  rec.title = get('title');
  rec.abstract = get('abstract');
  const authorsCell = index.has('authors') ? row[index.get('authors')!] : undefined;
  rec.authors = authorsCell ? splitAuthors(withoutClosingStop(authorsCell.replace(/\s+/g, ' '))).map(toAuthor) : [];
  rec.year = yearFrom(get('year')) ?? yearFrom(get('publicationDate'));
  rec.publicationDate = get('publicationDate');
  rec.journal = get('journal');
  const cited = parseNlmCitation(get('citation'));
  rec.journalAbbrev = get('journalAbbrev') ?? cited.journalAbbrev;
  rec.volume = get('volume') ?? cited.volume;
  rec.issue = get('issue') ?? cited.issue;
  const sp = get('startPage');
  const ep = get('endPage');
  rec.pages = expandPages(get('pages') ?? (sp && ep ? `${sp}-${ep}` : sp) ?? cited.pages);
  rec.doi = normalizeDoi(get('doi'));
  // Spreadsheet round trips turn PMIDs into floats ("10051933.0").
  rec.pmid = get('pmid')?.match(/^(?:pmid:?\s*)?(\d{1,9})(?:\.0+)?$/i)?.[1];
  const kw = index.has('keywords') ? row[index.get('keywords')!] : undefined;
  rec.keywords = kw ? [...new Set(kw.split(/[;\n]/).map((k) => cleanText(k)).filter((k): k is string => !!k))] : [];
  rec.url = get('url');
  rec.language = get('language');
  rec.issn = get('issn');
  rec.sourceDatabase = get('sourceDatabase');
  for (const key of Object.keys(rec) as (keyof BibRecord)[]) if (rec[key] === undefined) delete rec[key];
  return rec;
}

/** csv-parse's synchronous engine behind its stream; typed here because it is not in its .d.ts. */
interface CsvEngine {
  parse(buf: Buffer | undefined, end: boolean, push: (r: ParsedRow) => void, close: () => void): CsvError | undefined;
}
interface ParsedRow {
  record: string[];
  raw: string;
  info: Info;
}

export interface CsvStreamingParser extends StreamingParser {
  /** The mapping in use once the header row has been read (the given one or the suggestion). */
  readonly mapping: CsvMapping | undefined;
  /** The header row, once read. */
  readonly header: string[] | undefined;
}

export function createCsvParser(mapping?: CsvMapping): CsvStreamingParser {
  const problems: ParseProblem[] = [];
  let engine: CsvEngine | undefined;
  let head = ''; // text held back until the header line is complete
  let carry = ''; // a CR that ended the previous chunk
  let started = false;
  let header: string[] | undefined;
  let index: Map<CsvField, number> | undefined;
  let active = mapping;
  let lastLine = 0; // last line of the previous row, to give skipped rows a line number
  let count = 0;
  let unusable = false;
  const err = (code: string, message: string, line?: number) => problems.push({ severity: 'error', code, message, line });

  const onRow = (row: ParsedRow, out: ParsedRecord[]) => {
    const raw = row.raw.replace(/\n$/, '');
    const line = row.info.lines - (raw.match(/\n/g) ?? []).length;
    lastLine = row.info.lines;
    // Blank lines and rows of empty cells come through (so lastLine stays exact) but are skipped.
    if (row.record.every((c) => c.trim() === '')) return;
    if (!header) return setHeader(row.record, line);
    if (unusable || !index) return;
    if (row.record.length !== header.length) {
      problems.push({ severity: 'warning', code: 'column-count', line, message: `Row at line ${line} has ${row.record.length} columns where the header has ${header.length}` });
    }
    const record = rowToRecord(row.record, index);
    const recordIndex = count++;
    if (!record.title && !record.abstract) {
      problems.push({ severity: 'warning', code: 'no-title-or-abstract', line, recordIndex, message: `Row at line ${line} has neither a title nor an abstract` });
    }
    out.push({ record, line, raw });
  };

  const setHeader = (cols: string[], line: number) => {
    header = cols.map((c) => c.trim());
    if (!active) {
      active = suggestCsvMapping(header);
      const shown = Object.entries(active.fields).map(([f, c]) => `${f} <- "${c}"`).join(', ');
      problems.push({
        severity: 'warning',
        code: 'csv-mapping-suggested',
        line,
        message: `Columns were matched by name: ${shown || 'none'}; not used: ${active.unmapped.map((c) => `"${c}"`).join(', ') || 'none'}. Check this mapping.`,
      });
    }
    index = new Map();
    for (const [field, col] of Object.entries(active.fields) as [CsvField, string][]) {
      const i = header.indexOf(col.replace(/^\uFEFF/, '').trim());
      if (i >= 0) index.set(field, i);
      else problems.push({ severity: 'warning', code: 'mapping-column-missing', line, message: `Column "${col}" mapped to ${field} is not in the header` });
    }
    if (!index.has('title') && !index.has('abstract')) {
      unusable = true;
      err('no-title-or-abstract-column', `No column is mapped to title or abstract (columns: ${header.map((c) => `"${c}"`).join(', ')})`, line);
    }
  };

  const feed = (text: string, end: boolean): ParsedRecord[] => {
    const out: ParsedRecord[] = [];
    if (!engine) {
      // Wait for the complete header line to choose the delimiter.
      head += text;
      const nl = head.indexOf('\n');
      if (nl < 0 && !end) return out;
      const delimiter = detectDelimiter(nl < 0 ? head : head.slice(0, nl));
      const parser = new Parser({
        delimiter,
        info: true,
        raw: true,
        relax_quotes: true,
        relax_column_count: true,
        skip_records_with_error: true,
        on_skip: (e) => {
          if (e) onError(e);
          return undefined;
        },
      });
      engine = (parser as unknown as { api?: CsvEngine }).api;
      if (!engine) throw new Error('csv-parse no longer exposes Parser.api; update lib/domain/formats/csv.ts');
      text = head;
      head = '';
    }
    const e = engine.parse(text ? Buffer.from(text) : undefined, end, (r) => onRow(r, out), () => {});
    if (e) onError(e);
    return out;
  };

  const onError = (e: CsvError) => {
    const line = lastLine + 1;
    if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
      err('csv-unclosed-quote', `A quote opened in the row starting at line ${line} is never closed, so the rest of the file could not be read`, line);
    } else {
      problems.push({ severity: 'warning', code: 'csv-row-error', line, message: `Skipped the row starting at line ${line}: ${e.message}` });
    }
  };

  // csv-parse miscounts lines when rows end with CRLF, so line ends become LF before parsing; a CR
  // ending a chunk is held back in case its LF starts the next chunk.
  const normalise = (chunk: string, end: boolean) => {
    let text = carry + chunk;
    carry = '';
    if (!end && text.endsWith('\r')) {
      carry = '\r';
      text = text.slice(0, -1);
    }
    return text.replace(/\r\n?/g, '\n');
  };

  return {
    problems,
    get mapping() {
      return active;
    },
    get header() {
      return header;
    },
    push(chunk: string): ParsedRecord[] {
      if (!started && chunk) {
        started = true;
        chunk = chunk.replace(/^\uFEFF/, '');
      }
      return feed(normalise(chunk, false), false);
    },
    end(): ParsedRecord[] {
      const out = feed(normalise('', true), true);
      if (!header) err('not-a-bibliographic-file', 'The file has no header row: nothing to read');
      return out;
    },
  };
}

/** Reads only the header row (for the mapping screen); the first 64 KiB always hold it in practice. */
export function readCsvHeader(text: string): string[] {
  const p = createCsvParser({ fields: {}, unmapped: [] });
  p.push(text.slice(0, 65536));
  if (!p.header) p.end();
  return p.header ?? [];
}

export function parseCsv(text: string, mapping?: CsvMapping): ParseResult {
  return parseAll('csv', createCsvParser(mapping), text);
}
