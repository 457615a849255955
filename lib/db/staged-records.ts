/**
 * Records of an import under way. While the file is read they are written to StagedRecord in
 * batches, each its own short statement outside any transaction, so the database (on PGlite: the
 * one embedded connection) serves other requests between batches. The import's final transaction,
 * under the review's identification lock, moves them into Record with INSERT ... SELECT in chunks:
 * no JSON parsing or compression left to do, so the lock is held for seconds, not the whole import.
 *
 * A batch travels as ONE parameter holding a JSON array, which PostgreSQL unpacks with
 * json_to_recordset: one statement and no per-value escaping whatever its size (PostgreSQL's
 * 65,535-parameter limit never applies).
 */
import type { BibRecord } from '../domain/records/bib-record';
import { getDb, type Tx } from './client';

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

function rowJson(row: NewRecordRow): string {
  const r = row.record;
  return JSON.stringify({
    id: row.id, position: row.position, line: row.sourceLine, pmid: r.pmid, doi: r.doi, title: r.title ?? '',
    tv: r.titleVernacular, abstract: r.abstract ?? '', authors: r.authors ?? [], year: r.year, pd: r.publicationDate,
    journal: r.journal, ja: r.journalAbbrev, volume: r.volume, issue: r.issue, pages: r.pages, kw: r.keywords ?? [],
    mh: r.meshTerms ?? [], pt: r.publicationTypes ?? [], language: r.language, issn: r.issn, url: r.url,
    sdb: r.sourceDatabase, raw: row.raw,
  });
}

const insertSql = (batch: string) => `
INSERT INTO "StagedRecord" (${COLUMNS})
SELECT v.id, $1::uuid, $2::uuid, v.position, v.line, v.pmid, v.doi, v.title, v.tv, v.abstract, v.authors, v.year,
  v.pd, v.journal, v.ja, v.volume, v.issue, v.pages, v.kw, v.mh, v.pt, v.language, v.issn, v.url, v.sdb, v.raw
FROM json_to_recordset(${batch}) AS v(id uuid, position int, line int, pmid text, doi text, title text, tv text,
  abstract text, authors jsonb, year int, pd text, journal text, ja text, volume text, issue text, pages text,
  kw text[], mh text[], pt text[], language text, issn text, url text, sdb text, raw text)`;

/**
 * Rows per statement. A server takes 1,000 (~3 MB of PubMed records: 100 statements per 100,000
 * records). PGlite runs in this process: a 3 MB statement grows its WebAssembly memory (which never
 * shrinks) by ~40 MB and leaves several 3 MB strings per batch for the garbage collector; at 100
 * rows the embedded import peaks ~120 MB lower, in about the same time.
 */
const SERVER_BATCH_ROWS = 1000;
const EMBEDDED_BATCH_ROWS = 100;

/**
 * The batch goes as bytes to a PostgreSQL server: Prisma's raw-query layer then passes it as
 * base64 instead of escaping it into JSON a second time (3 s less per 100,000 records). PGlite
 * turns bytes into hex in JavaScript, which is far slower, so it gets the text.
 */
const AS_BYTES = insertSql(`convert_from($3::bytea, 'UTF8')::json`);
const AS_TEXT = insertSql(`$3::json`);

/**
 * Prisma's client and its driver adapters each keep their last 100 debug messages in memory for
 * error reports, even with DEBUG off, and the message of a raw statement holds its arguments: a
 * whole batch of records, in two or three copies. Left alone, a 100,000-record import keeps every
 * batch alive (over 1 GB). A hundred trivial statements push the batches out: after every ~8 MB of
 * batches (~25 MB held at most), and once staging ends, so nothing is held while deduplication
 * runs, the import's peak. That costs about a second per 100,000 records on a server, less on PGlite.
 */
const CHARS_BETWEEN_RELEASES = 8 << 20;
const DEBUG_HISTORY = 100;

/** A batch made ready to send (the serialising done before the previous batch has finished). */
export interface PreparedBatch {
  payload: string | Buffer;
  chars: number;
}

export interface StagedRecordWriter {
  /** Rows per batch that suit this database. */
  batchRows: number;
  /** Serialises rows for one statement; pure CPU, no database. */
  prepare(rows: NewRecordRow[]): PreparedBatch;
  /** Stages a prepared batch (its own statement, no transaction). */
  write(batch: PreparedBatch): Promise<void>;
  /** Lets go of the batches Prisma's debug history still holds (call when staging ends). */
  release(): Promise<void>;
}

/** A writer of one import's records into StagedRecord; also removes stale rows of dead imports. */
export async function createStagedRecordWriter(reviewId: string, searchId: string): Promise<StagedRecordWriter> {
  const db = getDb();
  await db.$executeRawUnsafe(`DELETE FROM "StagedRecord" WHERE "stagedAt" < now() - interval '${STALE_AFTER}'`);
  const [{ version }] = await db.$queryRawUnsafe<{ version: string }[]>(`SELECT version() AS version`);
  const isEmbedded = /PGlite/i.test(version);
  let charsSinceRelease = 0;
  const release = async () => {
    charsSinceRelease = 0;
    for (let i = 0; i < DEBUG_HISTORY; i++) await db.$executeRawUnsafe('SELECT 1');
  };
  return {
    batchRows: isEmbedded ? EMBEDDED_BATCH_ROWS : SERVER_BATCH_ROWS,
    prepare(rows) {
      const json = `[${rows.map(rowJson).join(',')}]`;
      return { payload: isEmbedded ? json : Buffer.from(json, 'utf8'), chars: json.length };
    },
    async write(batch) {
      await db.$executeRawUnsafe(isEmbedded ? AS_TEXT : AS_BYTES, reviewId, searchId, batch.payload);
      charsSinceRelease += batch.chars;
      if (charsSinceRelease >= CHARS_BETWEEN_RELEASES) await release();
    },
    async release() {
      if (charsSinceRelease > 0) await release();
    },
  };
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
