/**
 * Records of an import under way. While the file is read they are written to StagedRecord in
 * batches, each its own short statement outside any transaction, so the database (on PGlite: the
 * one embedded connection) serves other requests between batches. The import's final transaction,
 * under the review's identification lock, moves them into Record with INSERT ... SELECT in chunks:
 * no parsing or compression left to do, so the lock is held for seconds, not the whole import.
 *
 * A batch is loaded with COPY ... FROM STDIN (PostgreSQL, through pg-copy-streams on a connection of
 * the app's pool) or COPY ... FROM '/dev/blob' (PGlite), as CSV (lib/db/copy-csv.ts): PostgreSQL's
 * bulk-load path, without the statement parsing, JSON unpacking and per-value parameters of an
 * INSERT, and without Prisma, whose debug history would otherwise keep the last batches alive
 * (decision 008).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { BibRecord } from '../domain/records/bib-record';
import { getDb, getDbDriver, type DbDriver, type Tx } from './client';
import { csvInt, csvJson, csvText, csvTextArray } from './copy-csv';

export interface NewRecordRow {
  id: string;
  /** 1-based number of the record in its file. */
  position: number;
  sourceLine: number;
  record: BibRecord;
  raw: string;
}

/** Staged rows older than this belong to an import that died with its process. */
const STALE_AFTER = '1 day';

const COLUMNS = `"id", "reviewId", "searchId", "position", "sourceLine", "pmid", "doi", "title", "titleVernacular",
  "abstract", "authors", "year", "publicationDate", "journal", "journalAbbrev", "volume", "issue", "pages", "keywords",
  "meshTerms", "publicationTypes", "language", "issn", "url", "sourceDatabase", "raw"`;

/** One CSV line in COLUMNS order (reviewId and searchId repeat: COPY has no constants). */
function rowCsv(row: NewRecordRow, ids: string): string {
  const r = row.record;
  return `${row.id},${ids},${row.position},${csvInt(row.sourceLine)},${csvText(r.pmid)},${csvText(r.doi)},${csvText(r.title ?? '')},${csvText(r.titleVernacular)},${csvText(r.abstract ?? '')},${csvJson(r.authors ?? [])},${csvInt(r.year)},${csvText(r.publicationDate)},${csvText(r.journal)},${csvText(r.journalAbbrev)},${csvText(r.volume)},${csvText(r.issue)},${csvText(r.pages)},${csvTextArray(r.keywords ?? [])},${csvTextArray(r.meshTerms ?? [])},${csvTextArray(r.publicationTypes ?? [])},${csvText(r.language)},${csvText(r.issn)},${csvText(r.url)},${csvText(r.sourceDatabase)},${csvText(row.raw)}\n`;
}

/**
 * Rows per COPY. A server takes 1,000 (~3 MB of PubMed records): fewer round trips gain little,
 * and each COPY is short, so an ACCESS EXCLUSIVE lock asked by another import's cleanup
 * (deleteStagedRecords) never waits long. PGlite reads the batch in this process: smaller batches
 * keep its WebAssembly memory (which never shrinks) and the garbage of each batch small.
 */
const SERVER_BATCH_ROWS = 1000;
const EMBEDDED_BATCH_ROWS = 250;

/** A batch made ready to send (the serialising done before the previous batch has finished). */
export interface PreparedBatch {
  csv: Buffer;
  rows: number;
}

export interface StagedRecordWriter {
  /** Rows per batch that suit this database. */
  batchRows: number;
  /** Serialises rows for one COPY; pure CPU, no database. */
  prepare(rows: NewRecordRow[]): PreparedBatch;
  /** Stages a prepared batch (its own statement, no transaction). */
  write(batch: PreparedBatch): Promise<void>;
}

/** A writer of one import's records into StagedRecord; also removes stale rows of dead imports. */
export async function createStagedRecordWriter(reviewId: string, searchId: string): Promise<StagedRecordWriter> {
  await getDb().$executeRawUnsafe(`DELETE FROM "StagedRecord" WHERE "stagedAt" < now() - interval '${STALE_AFTER}'`);
  const driver = getDbDriver();
  const ids = `${reviewId},${searchId}`;
  return {
    batchRows: driver.kind === 'pglite' ? EMBEDDED_BATCH_ROWS : SERVER_BATCH_ROWS,
    prepare(rows) {
      let csv = '';
      for (const row of rows) csv += rowCsv(row, ids);
      return { csv: Buffer.from(csv, 'utf8'), rows: rows.length };
    },
    write: (batch) => copyCsv(driver, batch.csv),
  };
}

async function copyCsv(driver: DbDriver, csv: Buffer): Promise<void> {
  if (driver.kind === 'pglite') {
    await driver.pglite.query(`COPY "StagedRecord" (${COLUMNS}) FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob: new Blob([csv as Uint8Array<ArrayBuffer>]) });
    return;
  }
  const client = await driver.pool.connect();
  let failure: Error | undefined;
  try {
    await pipeline(Readable.from([csv]), client.query(copyFrom(`COPY "StagedRecord" (${COLUMNS}) FROM STDIN WITH (FORMAT csv)`)));
  } catch (error) {
    failure = error as Error;
    throw error;
  } finally {
    client.release(failure); // a connection whose COPY failed midway is not handed out again
  }
}

/**
 * Moves an import's staged rows into Record inside the import's transaction, `chunk` positions at
 * a time (on PGlite the event loop runs between statements). Returns the rows moved.
 */
export async function moveStagedRecords(tx: Tx, searchId: string, options: { chunk: number; lastPosition: number; onMoved?: (moved: number) => void }): Promise<number> {
  let moved = 0;
  for (let from = 0; from < options.lastPosition; from += options.chunk) {
    moved += await tx.$executeRawUnsafe(
      `INSERT INTO "Record" (${COLUMNS})
       SELECT ${COLUMNS} FROM "StagedRecord" WHERE "searchId" = $1::uuid AND "position" > $2 AND "position" <= $3`,
      searchId,
      from,
      from + options.chunk,
    );
    options.onMoved?.(moved);
    // PGlite runs each statement synchronously on this thread and settles it as a microtask: without
    // this, timers and I/O of other requests would wait for the whole move.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return moved;
}

/**
 * Removes an import's staged rows (after its transaction, whether it committed or not). When they
 * are the only rows staged, TRUNCATE does it at once, under a lock that keeps another import from
 * staging rows meanwhile; otherwise a few thousand per statement (on PGlite one DELETE of 100,000
 * rows would hold the thread for seconds).
 */
export async function deleteStagedRecords(searchId: string): Promise<void> {
  const db = getDb();
  const truncated = await db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`LOCK TABLE "StagedRecord" IN ACCESS EXCLUSIVE MODE`);
    const [{ others }] = await tx.$queryRawUnsafe<{ others: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM "StagedRecord" WHERE "searchId" < $1::uuid OR "searchId" > $1::uuid) AS others`,
      searchId,
    );
    if (others) return false;
    await tx.$executeRawUnsafe(`TRUNCATE "StagedRecord"`);
    return true;
  });
  if (truncated) return;
  const chunk = 5000;
  for (;;) {
    const deleted = await db.$executeRawUnsafe(
      `DELETE FROM "StagedRecord" WHERE "id" IN (SELECT "id" FROM "StagedRecord" WHERE "searchId" = $1::uuid LIMIT ${chunk})`,
      searchId,
    );
    if (deleted < chunk) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
