/**
 * Records as imported. Written in batches: each batch travels as ONE parameter holding a JSON
 * array, which PostgreSQL unpacks with json_to_recordset. A batch costs one statement and no
 * per-value escaping on our side whatever its size (PostgreSQL's 65,535-parameter limit never
 * applies). Never hard-deleted: duplicates point at a record they were paired with (the root of
 * those links is the survivor), with removedReason 'duplicate'.
 */
import type { BibAuthor, BibRecord } from '../domain/records/bib-record';
import { notFound } from '../errors';
import type { Prisma, RemovalReason } from './generated/client';
import { getDb, type Tx } from './client';

export interface NewRecordRow {
  id: string;
  /** 1-based number of the record in its file. */
  position: number;
  sourceLine: number;
  record: BibRecord;
  raw: string;
}

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
INSERT INTO "Record" ("id", "reviewId", "searchId", "position", "sourceLine", "pmid", "doi", "title", "titleVernacular",
  "abstract", "authors", "year", "publicationDate", "journal", "journalAbbrev", "volume", "issue", "pages", "keywords",
  "meshTerms", "publicationTypes", "language", "issn", "url", "sourceDatabase", "raw")
SELECT v.id, $1::uuid, $2::uuid, v.position, v.line, v.pmid, v.doi, v.title, v.tv, v.abstract, v.authors, v.year,
  v.pd, v.journal, v.ja, v.volume, v.issue, v.pages, v.kw, v.mh, v.pt, v.language, v.issn, v.url, v.sdb, v.raw
FROM json_to_recordset(${batch}) AS v(id uuid, position int, line int, pmid text, doi text, title text, tv text,
  abstract text, authors jsonb, year int, pd text, journal text, ja text, volume text, issue text, pages text,
  kw text[], mh text[], pt text[], language text, issn text, url text, sdb text, raw text)`;

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
 * whole batch of records. Left alone, a 100,000-record import keeps every batch alive (over 1 GB).
 * A hundred trivial statements push the batches out; done after every ~16 MB of batches, that
 * costs a few hundred milliseconds per 100,000 records.
 */
const CHARS_BETWEEN_RELEASES = 16 << 20;
const DEBUG_HISTORY = 100;

/** A batch made ready to send (the serialising done before the previous batch has finished). */
export interface PreparedBatch {
  payload: string | Buffer;
  chars: number;
}

export interface RecordWriter {
  /** Serialises rows for one statement; pure CPU, no database. */
  prepare(rows: NewRecordRow[]): PreparedBatch;
  /** Inserts a prepared batch. */
  write(batch: PreparedBatch): Promise<void>;
}

/** A writer of one search's records inside an import transaction. */
export async function createRecordWriter(tx: Tx, reviewId: string, searchId: string): Promise<RecordWriter> {
  const [{ version, lz4 }] = await tx.$queryRawUnsafe<{ version: string; lz4: boolean }[]>(
    `SELECT version() AS version, EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) AS lz4`,
  );
  const isEmbedded = /PGlite/i.test(version);
  // Long raw records are compressed as they are stored; lz4 (when the server has it) does that
  // several times faster than PostgreSQL's default pglz. For this transaction only.
  if (lz4) await tx.$executeRawUnsafe(`SET LOCAL default_toast_compression = 'lz4'`);
  let charsSinceRelease = 0;
  return {
    prepare(rows) {
      const json = `[${rows.map(rowJson).join(',')}]`;
      return { payload: isEmbedded ? json : Buffer.from(json, 'utf8'), chars: json.length };
    },
    async write(batch) {
      await tx.$executeRawUnsafe(isEmbedded ? AS_TEXT : AS_BYTES, reviewId, searchId, batch.payload);
      charsSinceRelease += batch.chars;
      if (charsSinceRelease < CHARS_BETWEEN_RELEASES) return;
      charsSinceRelease = 0;
      for (let i = 0; i < DEBUG_HISTORY; i++) await tx.$executeRawUnsafe('SELECT 1');
    },
  };
}

export interface DuplicateLink {
  id: string;
  /** The record this one duplicates, or null to restore it. */
  duplicateOfId: string | null;
}

/** Sets or clears duplicate links (removedReason follows: 'duplicate' when linked, none when not). */
export async function applyDuplicateLinks(tx: Tx, reviewId: string, links: DuplicateLink[]): Promise<void> {
  for (let i = 0; i < links.length; i += 5000) {
    const batch = links.slice(i, i + 5000);
    await tx.$executeRawUnsafe(
      `UPDATE "Record" AS r
         SET "duplicateOfId" = v.parent,
             "removedReason" = CASE WHEN v.parent IS NULL THEN NULL ELSE 'duplicate'::"RemovalReason" END
        FROM unnest($1::uuid[], $2::uuid[]) AS v(id, parent)
       WHERE r.id = v.id AND r."reviewId" = $3::uuid`,
      batch.map((l) => l.id),
      batch.map((l) => l.duplicateOfId),
      reviewId,
    );
  }
}

export interface DedupCandidate {
  id: string;
  record: BibRecord;
  duplicateOfId: string | null;
  hasDecisions: boolean;
}

const BIB_SELECT = {
  pmid: true, doi: true, title: true, titleVernacular: true, abstract: true, authors: true, year: true, publicationDate: true,
  journal: true, journalAbbrev: true, volume: true, issue: true, pages: true, keywords: true, meshTerms: true,
  publicationTypes: true, language: true, issn: true, url: true, sourceDatabase: true,
} as const;

type BibRow = Prisma.RecordGetPayload<{ select: typeof BIB_SELECT }>;

/**
 * The review's records that deduplication compares new ones with: all but those removed for other
 * reasons, and but those of `exceptSearchId` (the search being imported). Not `raw`.
 */
export async function listDedupCandidates(reviewId: string, tx: Tx = getDb(), exceptSearchId?: string): Promise<DedupCandidate[]> {
  const rows = await tx.record.findMany({
    where: { reviewId, OR: [{ removedReason: null }, { removedReason: 'duplicate' }], ...(exceptSearchId ? { searchId: { not: exceptSearchId } } : {}) },
    select: { id: true, duplicateOfId: true, ...BIB_SELECT, _count: { select: { decisions: true } } },
    orderBy: [{ createdAt: 'asc' }, { searchId: 'asc' }, { position: 'asc' }],
  });
  return rows.map((r) => ({ id: r.id, duplicateOfId: r.duplicateOfId, hasDecisions: r._count.decisions > 0, record: toBibRecord(r) }));
}

export function toBibRecord(r: BibRow): BibRecord {
  const rec: BibRecord = {
    authors: Array.isArray(r.authors) ? (r.authors as unknown as BibAuthor[]) : [],
    keywords: r.keywords,
    meshTerms: r.meshTerms,
    publicationTypes: r.publicationTypes,
  };
  const set = <K extends keyof BibRecord>(k: K, v: BibRecord[K] | null | '') => {
    if (v !== null && v !== '' && v !== undefined) rec[k] = v as BibRecord[K];
  };
  set('pmid', r.pmid);
  set('doi', r.doi);
  set('title', r.title);
  set('titleVernacular', r.titleVernacular);
  set('abstract', r.abstract);
  set('year', r.year);
  set('publicationDate', r.publicationDate);
  set('journal', r.journal);
  set('journalAbbrev', r.journalAbbrev);
  set('volume', r.volume);
  set('issue', r.issue);
  set('pages', r.pages);
  set('language', r.language);
  set('issn', r.issn);
  set('url', r.url);
  set('sourceDatabase', r.sourceDatabase);
  return rec;
}

/** "Duplicate records removed" (PRISMA 2020): records linked to a survivor. */
export async function countDuplicatesRemoved(reviewId: string, tx: Tx = getDb()): Promise<number> {
  return tx.record.count({ where: { reviewId, removedReason: 'duplicate' } });
}

export interface RecordFilters {
  searchId?: string;
  q?: string;
  year?: number;
  isDuplicate?: boolean;
  hasAbstract?: boolean;
}

export interface RecordSummary {
  id: string;
  searchId: string;
  position: number;
  sourceLine: number | null;
  pmid: string | null;
  doi: string | null;
  title: string;
  authors: BibAuthor[];
  year: number | null;
  journal: string | null;
  hasAbstract: boolean;
  duplicateOfId: string | null;
  removedReason: RemovalReason | null;
}

const SUMMARY_SELECT = {
  id: true, searchId: true, position: true, sourceLine: true, pmid: true, doi: true, title: true, authors: true, year: true,
  journal: true, journalAbbrev: true, abstract: true, duplicateOfId: true, removedReason: true,
} as const;

type SummaryRow = Prisma.RecordGetPayload<{ select: typeof SUMMARY_SELECT }>;

function toSummary(r: SummaryRow): RecordSummary {
  return {
    id: r.id,
    searchId: r.searchId,
    position: r.position,
    sourceLine: r.sourceLine,
    pmid: r.pmid,
    doi: r.doi,
    title: r.title,
    authors: Array.isArray(r.authors) ? (r.authors as unknown as BibAuthor[]) : [],
    year: r.year,
    journal: r.journal ?? r.journalAbbrev,
    hasAbstract: r.abstract !== '',
    duplicateOfId: r.duplicateOfId,
    removedReason: r.removedReason,
  };
}

export async function listRecords(reviewId: string, filters: RecordFilters, paging: { limit: number; offset: number }): Promise<{ items: RecordSummary[]; total: number }> {
  const and: Prisma.RecordWhereInput[] = [];
  if (filters.searchId) and.push({ searchId: filters.searchId });
  if (filters.year !== undefined) and.push({ year: filters.year });
  if (filters.isDuplicate !== undefined) {
    and.push(filters.isDuplicate ? { removedReason: 'duplicate' } : { OR: [{ removedReason: null }, { removedReason: { not: 'duplicate' } }] });
  }
  if (filters.hasAbstract !== undefined) and.push(filters.hasAbstract ? { abstract: { not: '' } } : { abstract: '' });
  if (filters.q) {
    and.push({ OR: [{ title: { contains: filters.q, mode: 'insensitive' } }, { abstract: { contains: filters.q, mode: 'insensitive' } }] });
  }
  const where: Prisma.RecordWhereInput = { reviewId, AND: and };
  const db = getDb();
  const [rows, total] = await Promise.all([
    db.record.findMany({
      where,
      // A SELECT of the abstract only to tell whether there is one would be wasteful at 100k records,
      // but the list is paged (at most 500 rows), so it stays small.
      select: SUMMARY_SELECT,
      orderBy: [{ createdAt: 'asc' }, { searchId: 'asc' }, { position: 'asc' }],
      skip: paging.offset,
      take: paging.limit,
    }),
    db.record.count({ where }),
  ]);
  return { items: rows.map(toSummary), total };
}

export interface RecordDetail extends Omit<RecordSummary, 'hasAbstract'> {
  titleVernacular: string | null;
  abstract: string;
  publicationDate: string | null;
  journalAbbrev: string | null;
  volume: string | null;
  issue: string | null;
  pages: string | null;
  keywords: string[];
  meshTerms: string[];
  publicationTypes: string[];
  language: string | null;
  issn: string | null;
  url: string | null;
  sourceDatabase: string | null;
  raw: string;
  createdAt: Date;
  search: { id: string; source: string; sourceType: string; fileName: string };
  /** The record screened in this one's place: the root of its duplicate links (itself when not removed). */
  survivorId: string;
  /** Records linked to this one as its duplicates. */
  duplicates: { id: string; searchId: string; title: string }[];
  /** Duplicate pairs this record is part of. */
  pairs: { id: string; otherRecordId: string; tier: string; status: string; reasons: string[] }[];
}

export async function getRecord(reviewId: string, recordId: string): Promise<RecordDetail> {
  const db = getDb();
  const r = await db.record.findFirst({
    where: { id: recordId, reviewId },
    include: {
      search: { select: { id: true, source: true, sourceType: true, fileName: true } },
      duplicates: { select: { id: true, searchId: true, title: true }, orderBy: [{ createdAt: 'asc' }, { position: 'asc' }] },
      pairsAsA: { select: { id: true, recordBId: true, tier: true, status: true, reasons: true } },
      pairsAsB: { select: { id: true, recordAId: true, tier: true, status: true, reasons: true } },
    },
  });
  if (!r) throw notFound('Record');
  return {
    ...toSummary(r),
    titleVernacular: r.titleVernacular,
    abstract: r.abstract,
    publicationDate: r.publicationDate,
    journal: r.journal,
    journalAbbrev: r.journalAbbrev,
    volume: r.volume,
    issue: r.issue,
    pages: r.pages,
    keywords: r.keywords,
    meshTerms: r.meshTerms,
    publicationTypes: r.publicationTypes,
    language: r.language,
    issn: r.issn,
    url: r.url,
    sourceDatabase: r.sourceDatabase,
    raw: r.raw,
    createdAt: r.createdAt,
    search: r.search,
    survivorId: await survivorOf(db, reviewId, r.id, r.duplicateOfId),
    duplicates: r.duplicates,
    pairs: [
      ...r.pairsAsA.map((p) => ({ id: p.id, otherRecordId: p.recordBId, tier: p.tier, status: p.status, reasons: p.reasons })),
      ...r.pairsAsB.map((p) => ({ id: p.id, otherRecordId: p.recordAId, tier: p.tier, status: p.status, reasons: p.reasons })),
    ],
  };
}

/** Follows duplicate links to the root (bounded, in case of a cycle no code path should create). */
export async function survivorOf(tx: Tx, reviewId: string, id: string, duplicateOfId: string | null): Promise<string> {
  let current = id;
  let next = duplicateOfId;
  for (let steps = 0; next && steps < 1000; steps++) {
    current = next;
    const row = await tx.record.findFirst({ where: { id: next, reviewId }, select: { duplicateOfId: true } });
    next = row?.duplicateOfId ?? null;
  }
  return current;
}
