/**
 * Searches (one per imported file, PRISMA-S) and the per-review lock that serialises the writes
 * of identification: imports and duplicate decisions. Counts shown for a search are derived from
 * its records, never typed in: identified = its records, duplicates removed = its records linked
 * to a survivor (removedReason 'duplicate').
 */
import type { Prisma, SourceType } from './generated/client';
import { notFound } from '../errors';
import { getDb, type Tx } from './client';

/**
 * The import's final transaction moves staged records (seconds at 100,000), but may first wait
 * for another import or a duplicate decision holding the lock: generous.
 */
const IDENTIFICATION_TX_MS = 30 * 60_000;

/**
 * Runs `work` in one transaction holding the review's identification lock, a transaction-level
 * advisory lock (released by commit or rollback). Two owners importing at once are serialised,
 * and the second sees the first's records when it deduplicates. PGlite runs one transaction at a
 * time anyway; the same SQL works there.
 */
export async function withIdentificationLock<T>(reviewId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  return getDb().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${reviewId}))`;
      return work(tx);
    },
    { timeout: IDENTIFICATION_TX_MS, maxWait: IDENTIFICATION_TX_MS },
  );
}

export interface NewSearch {
  id: string;
  reviewId: string;
  source: string;
  sourceType: SourceType;
  query: string;
  dateRun?: string;
  notes: string;
  fileName: string;
  fileSize: number;
  fileSha256: string;
  format: string;
  recordsImported: number;
  problemsSkipped: number;
  problems: unknown[];
  createdById: string;
}

export interface SearchSummary {
  id: string;
  source: string;
  sourceType: SourceType;
  query: string;
  /** YYYY-MM-DD, or null when not given. */
  dateRun: string | null;
  notes: string;
  fileName: string;
  fileSize: number;
  fileSha256: string;
  format: string;
  /** Records of this search in the review (the PRISMA "records identified" for this source). */
  identified: number;
  /** Records of this search linked to a survivor in another record. */
  duplicatesRemoved: number;
  problemsSkipped: number;
  createdAt: Date;
  createdBy: { id: string; name: string };
}

export async function insertSearch(tx: Tx, input: NewSearch): Promise<void> {
  await tx.search.create({
    data: {
      ...input,
      dateRun: input.dateRun ? new Date(`${input.dateRun}T00:00:00Z`) : null,
      problems: input.problems as Prisma.InputJsonValue,
    },
  });
}

type SearchRow = Prisma.SearchGetPayload<{ include: { createdBy: { select: { id: true; name: true } } } }>;

export async function listSearches(reviewId: string): Promise<SearchSummary[]> {
  const db = getDb();
  const [rows, identified, removed] = await Promise.all([
    db.search.findMany({ where: { reviewId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], include: { createdBy: { select: { id: true, name: true } } } }),
    db.record.groupBy({ by: ['searchId'], where: { reviewId }, _count: { _all: true } }),
    db.record.groupBy({ by: ['searchId'], where: { reviewId, removedReason: 'duplicate' }, _count: { _all: true } }),
  ]);
  const count = (list: { searchId: string; _count: { _all: number } }[]) => new Map(list.map((g) => [g.searchId, g._count._all]));
  const identifiedBy = count(identified);
  const removedBy = count(removed);
  return rows.map((s) => toSummary(s, identifiedBy.get(s.id) ?? 0, removedBy.get(s.id) ?? 0));
}

export async function getSearch(reviewId: string, searchId: string, tx: Tx = getDb()): Promise<SearchSummary & { problems: unknown[] }> {
  const s = await tx.search.findFirst({ where: { id: searchId, reviewId }, include: { createdBy: { select: { id: true, name: true } } } });
  if (!s) throw notFound('Search');
  const [identified, removed] = await Promise.all([
    tx.record.count({ where: { searchId } }),
    tx.record.count({ where: { searchId, removedReason: 'duplicate' } }),
  ]);
  return { ...toSummary(s, identified, removed), problems: Array.isArray(s.problems) ? (s.problems as unknown[]) : [] };
}

function toSummary(s: SearchRow, identified: number, duplicatesRemoved: number): SearchSummary {
  return {
    id: s.id,
    source: s.source,
    sourceType: s.sourceType,
    query: s.query,
    dateRun: s.dateRun ? s.dateRun.toISOString().slice(0, 10) : null,
    notes: s.notes,
    fileName: s.fileName,
    fileSize: s.fileSize,
    fileSha256: s.fileSha256,
    format: s.format,
    identified,
    duplicatesRemoved,
    problemsSkipped: s.problemsSkipped,
    createdAt: s.createdAt,
    createdBy: s.createdBy,
  };
}
