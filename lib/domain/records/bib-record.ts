/**
 * The one normalised shape every importer produces (MEDLINE, PubMed XML, RIS, CSV) and that
 * deduplication, screening and PRISMA counting consume. Field choice follows the screening and
 * dedup needs listed in shared/notes/domain.md (NLM MEDLINE tags, ASySD's matching fields).
 * Pure data: no database ids here; the import service attaches review/search ids.
 */
export type BibFormat = 'medline' | 'pubmed-xml' | 'ris' | 'csv';

export interface BibAuthor {
  /** Display form as given, e.g. "Smith, John A" (FAU) or "Smith JA" (AU), or a collective name. */
  name: string;
  /** Family name when it can be told apart; used by dedup. */
  family?: string;
  /** Given names or initials. */
  given?: string;
  /** True for a collective/group author (MEDLINE CN, XML CollectiveName). */
  isCollective?: boolean;
}

/**
 * A stored record's bibliographic fields as the database gives them back (null where absent), the
 * part every view of a record shares: the screening screen, exports.
 */
export interface StoredBibFields {
  title: string;
  abstract: string;
  authors: BibAuthor[];
  year: number | null;
  publicationDate: string | null;
  journal: string | null;
  journalAbbrev: string | null;
  volume: string | null;
  issue: string | null;
  pages: string | null;
  pmid: string | null;
  doi: string | null;
  url: string | null;
  keywords: string[];
  language: string | null;
}

/** Authors from the stored JSON column (an array of BibAuthor; anything else reads as none). */
export function authorsFromJson(value: unknown): BibAuthor[] {
  return Array.isArray(value) ? (value as BibAuthor[]) : [];
}

export interface BibRecord {
  pmid?: string;
  /** Lower case, no URL or `doi:` prefix, trimmed; see normalizeDoi(). */
  doi?: string;
  title?: string;
  /** Vernacular title (MEDLINE TT, XML VernacularTitle). */
  titleVernacular?: string;
  /**
   * Abstract text. Structured abstracts keep their labels inline, one section per paragraph:
   * "BACKGROUND: ...\n\nMETHODS: ..." so the UI can render sections and search sees every word.
   */
  abstract?: string;
  authors: BibAuthor[];
  /** Four-digit year, or undefined. */
  year?: number;
  /** Publication date as given by the source ("2013 Sep 12", "2021 Jan-Feb", "2019 Winter"). */
  publicationDate?: string;
  journal?: string;
  journalAbbrev?: string;
  volume?: string;
  issue?: string;
  /** Expanded page range with an en dash: "1194-205" becomes "1194–1205". */
  pages?: string;
  keywords: string[];
  /** MeSH headings as given, e.g. "*Ketamine/pharmacology". */
  meshTerms: string[];
  publicationTypes: string[];
  language?: string;
  issn?: string;
  url?: string;
  /** Source database named inside the file (RIS DB/DP), if any. */
  sourceDatabase?: string;
}

/** One record as read from a file, with where it was found and its raw text for the audit trail. */
export interface ParsedRecord {
  record: BibRecord;
  /** 1-based line of the record's first line (for XML: the line of its opening element; CSV: the data row's line). */
  line: number;
  /** The record exactly as it appeared in the file (MEDLINE/RIS block, XML element, CSV row). */
  raw: string;
}

export type ProblemSeverity = 'error' | 'warning';

/** Something wrong in the file. Parsers never throw on bad records: they return problems. */
export interface ParseProblem {
  /** 1-based line number in the file, when known. */
  line?: number;
  severity: ProblemSeverity;
  /** Short machine code, e.g. 'no-title-or-abstract', 'truncated', 'not-a-bibliographic-file'. */
  code: string;
  /** Human message naming what is wrong, e.g. "Record starting at line 412 has neither a title nor an abstract". */
  message: string;
  /** Index into `records` of the affected record, when the problem belongs to a parsed record. */
  recordIndex?: number;
}

export interface ParseResult {
  format: BibFormat;
  records: ParsedRecord[];
  /** File-level problems (severity 'error' means nothing usable) and per-record problems. */
  problems: ParseProblem[];
}

export function emptyRecord(): BibRecord {
  return { authors: [], keywords: [], meshTerms: [], publicationTypes: [] };
}

/**
 * Incremental parser: imports of 100k-record files feed decoded text chunk by chunk so the
 * server never holds every parsed record and the raw file at once (issue 3 memory target).
 * `parseX(text)` convenience functions wrap one of these.
 */
export interface StreamingParser {
  /** Feed the next chunk of decoded text (any split point, even mid-line); returns records completed so far. */
  push(chunk: string): ParsedRecord[];
  /** Signal end of input; returns the remaining records (and records a 'truncated' problem if input stopped mid-record where the format can tell). */
  end(): ParsedRecord[];
  /** Problems seen so far; per-record problems carry recordIndex counted across the whole stream. */
  readonly problems: ParseProblem[];
}

/** Runs a streaming parser over a whole text (tests, small files). concat, not push(...): a spread of 100k arguments overflows the stack. */
export function parseAll(format: BibFormat, parser: StreamingParser, text: string): ParseResult {
  const records = parser.push(text).concat(parser.end());
  return { format, records, problems: parser.problems };
}
