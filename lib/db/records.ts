/**
 * Records as imported (written through staged-records.ts). Never hard-deleted: duplicates point at
 * a record they were paired with (the root of those links is the survivor), with removedReason
 * 'duplicate'.
 */
import { authorsFromJson, type BibAuthor, type BibRecord } from '../domain/records/bib-record';
import { notFound } from '../errors';
import type { Prisma, RemovalReason, ScreeningOutcome, Stage } from './generated/client';
import { getDb, type Tx } from './client';

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

export interface DedupCandidateState {
  id: string;
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
 * The review's records that deduplication compares new ones with (all but those removed for other
 * reasons), in import order, with what planning needs: their link and whether they have
 * decisions. Light: no bibliographic fields (listDedupCandidateRecords reads those).
 */
export async function listDedupCandidateStates(reviewId: string, tx: Tx = getDb()): Promise<DedupCandidateState[]> {
  const rows = await tx.record.findMany({
    where: { reviewId, OR: [{ removedReason: null }, { removedReason: 'duplicate' }] },
    select: { id: true, duplicateOfId: true, _count: { select: { decisions: true } } },
    orderBy: [{ createdAt: 'asc' }, { searchId: 'asc' }, { position: 'asc' }],
  });
  return rows.map((r) => ({ id: r.id, duplicateOfId: r.duplicateOfId, hasDecisions: r._count.decisions > 0 }));
}

/** Bibliographic fields of the given records (not `raw`), in pages, so a big review is never one result. */
export async function* listDedupCandidateRecords(ids: string[], tx: Tx = getDb(), pageSize = 2000): AsyncGenerator<Array<{ id: string; record: BibRecord }>> {
  for (let i = 0; i < ids.length; i += pageSize) {
    const rows = await tx.record.findMany({ where: { id: { in: ids.slice(i, i + pageSize) } }, select: { id: true, ...BIB_SELECT } });
    yield rows.map((r) => ({ id: r.id, record: toBibRecord(r) }));
  }
}

export function toBibRecord(r: BibRow): BibRecord {
  const rec: BibRecord = {
    authors: authorsFromJson(r.authors),
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
  /** Records with this outcome at this stage (never records removed before screening). */
  standing?: { stage: Stage; outcome: ScreeningOutcome };
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
    authors: authorsFromJson(r.authors),
    year: r.year,
    journal: r.journal ?? r.journalAbbrev,
    hasAbstract: r.abstract !== '',
    duplicateOfId: r.duplicateOfId,
    removedReason: r.removedReason,
  };
}

/** The filters of the record list and export as one Prisma condition. */
export function recordWhere(reviewId: string, filters: RecordFilters): Prisma.RecordWhereInput {
  const and: Prisma.RecordWhereInput[] = [];
  if (filters.searchId) and.push({ searchId: filters.searchId });
  if (filters.year !== undefined) and.push({ year: filters.year });
  if (filters.isDuplicate !== undefined) {
    and.push(filters.isDuplicate ? { removedReason: 'duplicate' } : { OR: [{ removedReason: null }, { removedReason: { not: 'duplicate' } }] });
  }
  if (filters.standing) and.push({ removedReason: null, screeningStates: { some: filters.standing } });
  if (filters.hasAbstract !== undefined) and.push(filters.hasAbstract ? { abstract: { not: '' } } : { abstract: '' });
  if (filters.q) {
    and.push({ OR: [{ title: { contains: filters.q, mode: 'insensitive' } }, { abstract: { contains: filters.q, mode: 'insensitive' } }] });
  }
  return { reviewId, AND: and };
}

/** Import order: searches as they were imported, records in file order. */
export const RECORD_ORDER: Prisma.RecordOrderByWithRelationInput[] = [{ createdAt: 'asc' }, { searchId: 'asc' }, { position: 'asc' }];

export async function listRecords(reviewId: string, filters: RecordFilters, paging: { limit: number; offset: number }): Promise<{ items: RecordSummary[]; total: number }> {
  const where = recordWhere(reviewId, filters);
  const db = getDb();
  const [rows, total] = await Promise.all([
    db.record.findMany({
      where,
      // A SELECT of the abstract only to tell whether there is one would be wasteful at 100k records,
      // but the list is paged (at most 500 rows), so it stays small.
      select: SUMMARY_SELECT,
      orderBy: RECORD_ORDER,
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
