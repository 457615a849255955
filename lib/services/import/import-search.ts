/**
 * Imports one search's export file, all or nothing, in ONE transaction under the review's
 * identification lock (lib/db/searches.ts):
 * 1. read the file once, streaming: decode, detect the format, parse, check each record; the
 *    importable records are inserted in batches while reading goes on (the database works while
 *    the next batch is parsed), and only their dedup fields stay in memory;
 * 2. refuse the file if it has a file-level problem (empty, binary, not an export, truncated...)
 *    or records without title and abstract the user did not choose to skip: the transaction
 *    rolls back, nothing is stored, and the error names the file and line;
 * 3. deduplicate against the review's other records (inside the lock, so an import running at the
 *    same moment is seen) and within the file; link duplicates, store the pairs;
 * 4. complete the search's counts and write the audit event.
 * Memory stays at one batch plus the dedup fields, whatever the file size.
 */
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../db/audit';
import { insertDuplicatePairs } from '../../db/duplicates';
import { applyDuplicateLinks, createRecordWriter, listDedupCandidates, type NewRecordRow, type RecordWriter } from '../../db/records';
import { completeSearch, getSearch, insertSearch, withIdentificationLock, type SearchSummary } from '../../db/searches';
import { invalid } from '../../errors';
import type { ImportFields } from '../../schemas/import';
import type { ByteSource } from './byte-source';
import { fileRejected, type ImportProblem } from './file-problems';
import { planDuplicates, type DuplicateCounts } from './plan-duplicates';
import { assertWithinLimit, scanFile, type ImportProgress, type ScannedFile } from './scan-file';

/** Rows per INSERT: about 3 MB of PubMed records per statement, 100 statements for 100,000 records. */
const BATCH_ROWS = 1000;

export interface ImportOptions {
  maxBytes?: number;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportResult extends SearchSummary {
  recordsRead: number;
  /** Records stored (the PRISMA "records identified" for this source). */
  recordsImported: number;
  duplicates: DuplicateCounts;
  /** Skipped records and warnings, with line numbers (also stored on the search). */
  problems: ImportProblem[];
}

export async function runImport(reviewId: string, actorId: string, source: ByteSource, fields: ImportFields, options: ImportOptions = {}): Promise<ImportResult> {
  assertWithinLimit(source, options.maxBytes);
  const searchId = randomUUID();
  return withIdentificationLock(reviewId, async (tx) => {
    let writer: RecordWriter | undefined;
    let bytesRead = 0;
    const progress = (p: ImportProgress) => {
      bytesRead = p.bytesRead;
      options.onProgress?.(p);
    };
    const rows = new BatchWriter(() => writer!, (saved) => progress({ phase: 'saving', bytesRead, totalBytes: source.size, records: saved }));
    let scan: ScannedFile;
    try {
      scan = await scanFile(source, {
        csvMapping: fields.csvMapping ? { fields: fields.csvMapping.fields, unmapped: [] } : undefined,
        expectedFormat: fields.format,
        maxBytes: options.maxBytes,
        onProgress: progress,
        onFormat: async (format) => {
          // The search row comes first (records refer to it); its totals are completed at the end.
          await insertSearch(tx, {
            id: searchId, reviewId, source: fields.source, sourceType: fields.sourceType, query: fields.query, dateRun: fields.dateRun,
            notes: fields.notes, fileName: source.name, fileSize: source.size, fileSha256: '', format, recordsImported: 0,
            problemsSkipped: 0, problems: [], createdById: actorId,
          });
          writer = await createRecordWriter(tx, reviewId, searchId);
        },
        // Once a record must be refused and the user did not choose to skip, the import will fail:
        // keep reading only to list every problem, without writing.
        onImportable: (batch, problemsSoFar) => (problemsSoFar > 0 && !fields.skipProblemRecords ? undefined : rows.add(batch)),
      });
      assertImportable(scan, fields.skipProblemRecords);
      await rows.finish();
    } finally {
      await rows.settle();
    }

    progress({ phase: 'deduplicating', bytesRead: source.size, totalBytes: source.size, records: scan.items.length });
    const recordsImported = scan.items.length;
    const plan = planDuplicates(scan.items, await listDedupCandidates(reviewId, tx, searchId));
    scan.items = []; // only the plan is needed from here on: let the dedup fields go
    await applyDuplicateLinks(tx, reviewId, plan.links);
    await insertDuplicatePairs(tx, reviewId, plan.pairs);
    const problems = [...scan.problemRecords, ...scan.warnings];
    await completeSearch(tx, searchId, { format: scan.format, fileSha256: scan.sha256, recordsImported, problemsSkipped: scan.problemRecords.length, problems });
    await recordAudit(
      {
        reviewId,
        actorId,
        action: 'search.imported',
        entityType: 'search',
        entityId: searchId,
        after: {
          source: fields.source,
          sourceType: fields.sourceType,
          fileName: scan.fileName,
          fileSha256: scan.sha256,
          format: scan.format,
          recordsRead: scan.recordsRead,
          recordsImported,
          problemsSkipped: scan.problemRecords.length,
          duplicates: plan.counts,
        },
      },
      tx,
    );
    const search = await getSearch(reviewId, searchId, tx);
    if (search.identified !== recordsImported) {
      throw new Error(`import of ${scan.fileName}: ${search.identified} records stored, ${recordsImported} expected`);
    }
    return { ...search, recordsRead: scan.recordsRead, recordsImported, duplicates: plan.counts, problems };
  });
}

/**
 * Gathers rows into batches and keeps one batch being written while the next is gathered, so
 * parsing and the database's work overlap. A failed write surfaces at the next add or at finish.
 */
class BatchWriter {
  private pending: NewRecordRow[] = [];
  private writing: Promise<void> = Promise.resolve();
  private saved = 0;

  constructor(
    private readonly writer: () => RecordWriter,
    private readonly onSaved: (saved: number) => void,
  ) {}

  async add(rows: NewRecordRow[]): Promise<void> {
    for (const row of rows) {
      this.pending.push(row);
      if (this.pending.length >= BATCH_ROWS) await this.flush();
    }
  }

  async finish(): Promise<void> {
    if (this.pending.length) await this.flush();
    await this.writing;
  }

  /** Waits for the write in flight, ignoring its outcome (used when the import already failed). */
  async settle(): Promise<void> {
    await this.writing.catch(() => {});
  }

  private async flush(): Promise<void> {
    const rows = this.pending.length;
    const batch = this.writer().prepare(this.pending);
    this.pending = [];
    await this.writing;
    this.writing = this.writer()
      .write(batch)
      .then(() => {
        this.saved += rows;
        this.onSaved(this.saved);
      });
    this.writing.catch(() => {}); // observed by the next flush or finish
  }
}

function assertImportable(scan: ScannedFile, skipProblemRecords: boolean): void {
  const bad = scan.problemRecords;
  if (bad.length === 0) return;
  const problems = [...bad, ...scan.warnings];
  const first = bad[0].line;
  if (scan.items.length === 0) {
    throw fileRejected(scan.fileName, [
      { severity: 'error', code: 'no-importable-records', line: first, message: `None of the ${scan.recordsRead} records has a title or an abstract, so there is nothing to screen` },
      ...problems,
    ]);
  }
  if (skipProblemRecords) return;
  const n = bad.length;
  throw invalid(
    `${scan.fileName}: ${n} of ${scan.recordsRead} records ${n === 1 ? 'has' : 'have'} neither a title nor an abstract (the first starts at line ${first}). ` +
      `Import again choosing to skip ${n === 1 ? 'it' : 'them'} (skipProblemRecords=true) to import the other ${scan.items.length}, or fix the file. Nothing was imported.`,
    { fileName: scan.fileName, problemRecords: n, recordsRead: scan.recordsRead, problems },
  );
}
