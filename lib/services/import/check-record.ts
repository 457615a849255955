/**
 * Record-level checks between parsing and storing, applied identically in both passes of an
 * import so the record checked is the record stored:
 * - no title and no abstract: nothing to screen, so a problem the user must choose to skip;
 * - a NUL character: binary data inside the file, which PostgreSQL text cannot hold: the file is
 *   refused rather than silently cleaned;
 * - identifiers that cannot be what they claim (a PMID that is not a number, a "DOI" hundreds of
 *   characters long) are dropped with a warning, so a damaged field never merges records.
 */
import type { BibAuthor, BibRecord, ParsedRecord, ParseProblem } from '../../domain/records/bib-record';
import { fileProblem, fileRejected, type ImportProblem } from './file-problems';

const MAX_DOI_LENGTH = 300;

export interface CheckedRecord {
  record: BibRecord;
  /** Set when the record cannot be imported as it is (the user may skip it). */
  problem?: ImportProblem;
  warnings: ParseProblem[];
}

export function checkRecord(parsed: ParsedRecord, fileName: string): CheckedRecord {
  const { record, line } = parsed;
  if (parsed.raw.includes('\u0000')) {
    throw fileRejected(fileName, [fileProblem('binary-content', `The record starting at line ${line} contains binary data (a NUL byte): the file looks damaged`, line)]);
  }
  const warnings: ParseProblem[] = [];
  if (record.pmid !== undefined && !/^\d{1,10}$/.test(record.pmid)) {
    warnings.push({ severity: 'warning', code: 'invalid-pmid', line, message: `Record starting at line ${line}: "${clip(record.pmid)}" is not a PubMed id; it was ignored` });
    delete record.pmid;
  }
  if (record.doi !== undefined && (record.doi.length > MAX_DOI_LENGTH || /\s/.test(record.doi))) {
    warnings.push({ severity: 'warning', code: 'invalid-doi', line, message: `Record starting at line ${line}: the DOI "${clip(record.doi)}" is not a plausible DOI; it was ignored` });
    delete record.doi;
  }
  if (!record.title && !record.abstract) {
    const who = record.pmid ? `Record PMID ${record.pmid} starting at line ${line}` : `Record starting at line ${line}`;
    const extra = record.titleVernacular ? ' (only a vernacular title)' : '';
    return { record, warnings, problem: { line, severity: 'error', code: 'no-title-or-abstract', message: `${who} has neither a title nor an abstract${extra}` } };
  }
  return { record, warnings };
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** Authors dedup compares (prepare-record keeps the first 10). */
const DEDUP_AUTHORS = 10;

/**
 * The fields deduplication reads (lib/domain/dedup/prepare-record.ts), copied out of the parser's
 * buffers: a slice of a big chunk would otherwise keep the whole chunk alive for as long as the
 * import runs. At 100,000 records every byte here counts, so absent fields are left out and an
 * author's display name is dropped when the family name is known (dedup compares family and
 * initial only).
 */
export function dedupCopy(r: BibRecord): BibRecord {
  const copy: BibRecord = { authors: r.authors.slice(0, DEDUP_AUTHORS).map(detachAuthor), keywords: [], meshTerms: [], publicationTypes: [] };
  for (const key of ['pmid', 'doi', 'title', 'abstract', 'journal', 'journalAbbrev', 'volume', 'pages'] as const) {
    if (r[key]) copy[key] = detach(r[key]);
  }
  if (!r.title && r.titleVernacular) copy.titleVernacular = detach(r.titleVernacular);
  if (r.year !== undefined) copy.year = r.year;
  return copy;
}

function detachAuthor(a: BibAuthor): BibAuthor {
  if (a.isCollective || !a.family) return { name: detach(a.name)!, ...(a.isCollective ? { isCollective: true } : {}) };
  return a.given ? { name: '', family: detach(a.family), given: detach(a.given) } : { name: '', family: detach(a.family) };
}

export function detach(s: string | undefined): string | undefined {
  return s === undefined ? undefined : Buffer.from(s, 'utf8').toString('utf8');
}
