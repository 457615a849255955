/**
 * Reading a file as an import or a preview does: every record parsed and checked, the dedup
 * fields of each importable record handed to a deduplication session as they are read (or kept,
 * without one), and the importable records handed to the caller piece by piece (the import stages
 * them as reading goes on). This module writes nothing itself.
 */
import { randomUUID } from 'node:crypto';
import type { CsvMapping } from '../../domain/formats/csv';
import { completenessScore } from '../../domain/dedup';
import type { BibFormat, BibRecord } from '../../domain/records/bib-record';
import { getEnv } from '../../env';
import type { ByteSource } from './byte-source';
import { checkRecord, dedupCopy } from './check-record';
import type { DedupSession } from './dedup-session';
import { fileProblem, fileRejected, toImportProblem, type ImportProblem } from './file-problems';
import type { IncomingRecordForDedup } from './plan-duplicates';
import { readRecords, type TextEncoding } from './read-records';

export interface ScanOptions {
  csvMapping?: CsvMapping;
  expectedFormat?: BibFormat;
  /** Upload limit in bytes; SIEVE_MAX_UPLOAD_MB by default. */
  maxBytes?: number;
  onProgress?: (progress: ImportProgress) => void;
  /**
   * The importable records of each piece of the file as read, ready to store (the import writes
   * them while reading goes on); reading waits for the returned promise.
   */
  onImportable?: (rows: ImportableRecord[], problemRecordsSoFar: number) => void | Promise<void>;
  /** The format, as soon as it is known (before the first onImportable). */
  onFormat?: (format: BibFormat) => void | Promise<void>;
  /** Receives the dedup fields of the importable records as they are read; `items` then stays empty. */
  dedup?: DedupSession;
}

export interface ImportableRecord {
  id: string;
  /** 1-based number of the record in the file. */
  position: number;
  sourceLine: number;
  record: BibRecord;
  raw: string;
}

export interface ImportProgress {
  phase: 'reading' | 'deduplicating' | 'saving';
  bytesRead: number;
  totalBytes: number;
  records: number;
}

export interface RecordPreview {
  line: number;
  title?: string;
  authors: string[];
  year?: number;
  journal?: string;
  doi?: string;
  pmid?: string;
  hasAbstract: boolean;
}

export interface ScannedFile {
  fileName: string;
  fileSize: number;
  sha256: string;
  format: BibFormat;
  formatReason: string;
  encoding: TextEncoding;
  csv?: { header: string[]; mapping: CsvMapping; isSuggested: boolean };
  recordsRead: number;
  /** Records that can be imported. */
  importable: number;
  /** Their dedup fields, with the ids they will get (empty when a dedup session took them). */
  items: IncomingRecordForDedup[];
  /** Records that cannot be imported as they are (no title and no abstract). */
  problemRecords: ImportProblem[];
  /** Everything else worth telling: parser warnings, dropped identifiers, encoding fallback. */
  warnings: ImportProblem[];
  sample: RecordPreview[];
}

const SAMPLE_SIZE = 5;

export function maxUploadBytes(): number {
  return getEnv().SIEVE_MAX_UPLOAD_MB * 1024 * 1024;
}

export function assertWithinLimit(source: ByteSource, maxBytes = maxUploadBytes()): void {
  if (source.size > maxBytes) throw fileTooLarge(source.name, maxBytes, source.size);
}

/** The 413 error for a file over the limit (its size, when known: an upload is refused as soon as it passes the limit). */
export function fileTooLarge(fileName: string, maxBytes: number, size?: number) {
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1).replace(/\.0$/, '');
  return fileRejected(
    fileName,
    [fileProblem('file-too-large', `${fileName} is ${size === undefined ? 'over' : `${mb(size)} MB, over`} the upload limit of ${mb(maxBytes)} MB (SIEVE_MAX_UPLOAD_MB); export the search in several smaller files`)],
    'payload_too_large',
  );
}

export async function scanFile(source: ByteSource, options: ScanOptions = {}): Promise<ScannedFile> {
  assertWithinLimit(source, options.maxBytes);
  const items: IncomingRecordForDedup[] = [];
  const problemRecords: ImportProblem[] = [];
  const warnings: ImportProblem[] = [];
  const sample: RecordPreview[] = [];
  let recordsSeen = 0;
  let importable = 0;

  const outcome = await readRecords(
    source,
    {
      csvMapping: options.csvMapping,
      expectedFormat: options.expectedFormat,
      hash: true,
      onProgress: (bytesRead) => options.onProgress?.({ phase: 'reading', bytesRead, totalBytes: source.size, records: recordsSeen }),
      onFormat: options.onFormat,
    },
    async (records) => {
      const rows: ImportableRecord[] = [];
      const dedupItems: IncomingRecordForDedup[] = options.dedup ? [] : items;
      for (const parsed of records) {
        const position = ++recordsSeen;
        const checked = checkRecord(parsed, source.name);
        warnings.push(...checked.warnings.map(toImportProblem));
        if (checked.problem) {
          problemRecords.push(checked.problem);
          continue;
        }
        const id = randomUUID();
        if (options.onImportable) rows.push({ id, position, sourceLine: parsed.line, record: checked.record, raw: parsed.raw });
        importable++;
        dedupItems.push({ id, record: dedupCopy(checked.record), completeness: completenessScore(checked.record) });
        if (sample.length < SAMPLE_SIZE) sample.push(preview(checked.record, parsed.line));
      }
      options.dedup?.addIncoming(dedupItems);
      if (rows.length) await options.onImportable?.(rows, problemRecords.length);
    },
  );
  // The parsers cap their own no-title warnings at 50; checkRecord lists every such record instead.
  const parserWarnings = outcome.problems.filter((p) => p.code !== 'no-title-or-abstract').map(toImportProblem);
  return {
    fileName: source.name,
    fileSize: source.size,
    sha256: outcome.sha256!,
    format: outcome.format,
    formatReason: outcome.formatReason,
    encoding: outcome.encoding,
    csv: outcome.csv,
    recordsRead: outcome.recordsRead,
    importable,
    items,
    problemRecords,
    warnings: [...parserWarnings, ...warnings],
    sample,
  };
}

function preview(r: BibRecord, line: number): RecordPreview {
  return {
    line,
    ...(r.title ? { title: r.title } : {}),
    authors: r.authors.slice(0, 3).map((a) => a.name),
    ...(r.year ? { year: r.year } : {}),
    ...(r.journal ?? r.journalAbbrev ? { journal: r.journal ?? r.journalAbbrev } : {}),
    ...(r.doi ? { doi: r.doi } : {}),
    ...(r.pmid ? { pmid: r.pmid } : {}),
    hasAbstract: !!r.abstract,
  };
}
