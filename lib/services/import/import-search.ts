/**
 * Imports one search's export file, all or nothing. The slow work happens before the review's
 * identification lock is taken, and without holding a transaction (on PGlite, the one embedded
 * connection stays free for other requests between statements):
 * 1. read the file once, streaming: decode, detect the format, parse, check each record; the
 *    importable records are staged in batches while reading goes on (lib/db/staged-records.ts),
 *    and their dedup fields go to a deduplication session (a worker thread for big jobs) as read;
 * 2. refuse the file if it has a file-level problem (empty, binary, not an export, truncated...)
 *    or records without title and abstract the user did not choose to skip: nothing was stored
 *    but staged rows, which are removed, and the error names the file and line;
 * 3. find duplicate pairs within the file and against the review's earlier records;
 * Then ONE short transaction under the lock: read the earlier records' state again (another
 * import may have committed meanwhile: pairs are then found again, so the result is the same as
 * if the imports had run one after the other), plan links, create the search, move the staged
 * records into Record, link duplicates, store the pairs, write the audit event.
 * Memory stays at a batch or two plus the compact dedup fields, whatever the file size.
 */
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../db/audit';
import { insertDuplicatePairs } from '../../db/duplicates';
import { applyDuplicateLinks, listDedupCandidateStates } from '../../db/records';
import { getSearch, insertSearch, withIdentificationLock, type SearchSummary } from '../../db/searches';
import { createStagedRecordWriter, deleteStagedRecords, moveStagedRecords, type NewRecordRow, type StagedRecordWriter } from '../../db/staged-records';
import { invalid } from '../../errors';
import type { ImportFields } from '../../schemas/import';
import type { ByteSource } from './byte-source';
import { loadEarlierRecords, openDedupSession } from './dedup-against-review';
import { fileRejected, type ImportProblem } from './file-problems';
import type { DuplicateCounts } from './plan-duplicates';
import { assertWithinLimit, scanFile, type ImportProgress, type ScannedFile } from './scan-file';

/** Rows moved from staging per statement of the final transaction (progress is reported per statement). */
const MOVE_ROWS = 1000;

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
  const progress = (p: ImportProgress) => options.onProgress?.(p);
  const done = (phase: ImportProgress['phase'], records: number) => progress({ phase, bytesRead: source.size, totalBytes: source.size, records });

  const earlier = await listDedupCandidateStates(reviewId);
  const dedup = openDedupSession(source.size, earlier.length);
  const loaded = new Set<string>();
  const rows = new BatchWriter(await createStagedRecordWriter(reviewId, searchId));
  try {
    await loadEarlierRecords(dedup, earlier, loaded);
    const scan = await scanFile(source, {
      csvMapping: fields.csvMapping ? { fields: fields.csvMapping.fields, unmapped: [] } : undefined,
      expectedFormat: fields.format,
      maxBytes: options.maxBytes,
      onProgress: progress,
      dedup,
      // Once a record must be refused and the user did not choose to skip, the import will fail:
      // keep reading only to list every problem, without writing.
      onImportable: (batch, problemsSoFar) => (problemsSoFar > 0 && !fields.skipProblemRecords ? undefined : rows.add(batch)),
    });
    assertImportable(scan, fields.skipProblemRecords);
    await rows.finish();

    done('deduplicating', scan.importable);
    await dedup.plan(earlier); // finds the pairs now, outside the lock; the plan is made again under it

    return await withIdentificationLock(reviewId, async (tx) => {
      const current = await listDedupCandidateStates(reviewId, tx);
      await loadEarlierRecords(dedup, current, loaded, tx);
      const plan = await dedup.plan(current);
      await dedup.close(); // its memory is not needed while the records are moved
      const recordsImported = scan.importable;
      const problems = [...scan.problemRecords, ...scan.warnings];
      await insertSearch(tx, {
        id: searchId, reviewId, source: fields.source, sourceType: fields.sourceType, query: fields.query, dateRun: fields.dateRun,
        notes: fields.notes, fileName: source.name, fileSize: source.size, fileSha256: scan.sha256, format: scan.format, recordsImported,
        problemsSkipped: scan.problemRecords.length, problems, createdById: actorId,
      });
      done('saving', 0);
      await moveStagedRecords(tx, searchId, { chunk: MOVE_ROWS, lastPosition: scan.recordsRead, onMoved: (n) => done('saving', n) });
      await applyDuplicateLinks(tx, reviewId, plan.links);
      await insertDuplicatePairs(tx, reviewId, plan.pairs);
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
  } finally {
    await rows.settle();
    await dedup.close();
    await deleteStagedRecords(searchId).catch((e: unknown) => console.error(`[import] staged records of ${searchId} were not removed (removed after a day):`, e));
  }
}

/**
 * Gathers rows into batches and keeps one batch being written while the next is gathered, so
 * parsing and the database's work overlap. A failed write surfaces at the next add or at finish.
 */
class BatchWriter {
  private pending: NewRecordRow[] = [];
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly writer: StagedRecordWriter) {}

  async add(rows: NewRecordRow[]): Promise<void> {
    for (const row of rows) {
      this.pending.push(row);
      if (this.pending.length >= this.writer.batchRows) await this.flush();
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
    const batch = this.writer.prepare(this.pending);
    this.pending = [];
    await this.writing;
    this.writing = this.writer.write(batch);
    this.writing.catch(() => {}); // observed by the next flush or finish
  }
}

function assertImportable(scan: ScannedFile, skipProblemRecords: boolean): void {
  const bad = scan.problemRecords;
  if (bad.length === 0) return;
  const problems = [...bad, ...scan.warnings];
  const first = bad[0].line;
  if (scan.importable === 0) {
    throw fileRejected(scan.fileName, [
      { severity: 'error', code: 'no-importable-records', line: first, message: `None of the ${scan.recordsRead} records has a title or an abstract, so there is nothing to screen` },
      ...problems,
    ]);
  }
  if (skipProblemRecords) return;
  const n = bad.length;
  throw invalid(
    `${scan.fileName}: ${n} of ${scan.recordsRead} records ${n === 1 ? 'has' : 'have'} neither a title nor an abstract (the first starts at line ${first}). ` +
      `Import again choosing to skip ${n === 1 ? 'it' : 'them'} (skipProblemRecords=true) to import the other ${scan.importable}, or fix the file. Nothing was imported.`,
    { fileName: scan.fileName, problemRecords: n, recordsRead: scan.recordsRead, problems },
  );
}
