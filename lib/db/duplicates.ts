/**
 * Duplicate pairs and the decisions people take on them. Every removed record points at a record
 * it was paired with; the root of those links is the survivor that gets screened. So:
 * - merge: the other record's group is re-rooted at the pair's record and linked to the kept one;
 *   an explicitly kept record becomes its group's survivor;
 * - undo of a merge: the record this pair removed (the one linked to the other) is restored;
 * - not_duplicate / undo of it: status only.
 * Only pending -> merged | not_duplicate and back -> pending are allowed; anything else is a
 * Conflict. A record with screening decisions is never removed (Conflict). Each decision is one
 * transaction under the review's identification lock, with an audit event listing the links it
 * changed, so PRISMA's "duplicate records removed" (records with removedReason 'duplicate') stays
 * right through any sequence of decisions.
 */
import { completenessScore } from '../domain/dedup';
import { authorsFromJson, type BibAuthor } from '../domain/records/bib-record';
import { AppError, conflict, notFound } from '../errors';
import type { DuplicateStatus, DuplicateTier, Prisma, RemovalReason } from './generated/client';
import { recordAudit } from './audit';
import { getDb, type Tx } from './client';
import { applyDuplicateLinks, toBibRecord, type DuplicateLink } from './records';
import { withIdentificationLock } from './searches';

export interface NewDuplicatePair {
  recordAId: string;
  recordBId: string;
  tier: DuplicateTier;
  reasons: string[];
  /** Field similarities, e.g. { title: 0.98, authors: 1 }. */
  scores: object;
  status: DuplicateStatus;
}

export async function insertDuplicatePairs(tx: Tx, reviewId: string, pairs: NewDuplicatePair[]): Promise<void> {
  for (let i = 0; i < pairs.length; i += 2000) {
    await tx.duplicatePair.createMany({
      data: pairs.slice(i, i + 2000).map((p) => ({ ...p, reviewId, scores: p.scores as Prisma.InputJsonValue })),
    });
  }
}

export interface PairRecord {
  id: string;
  searchId: string;
  source: string;
  position: number;
  title: string;
  authors: BibAuthor[];
  year: number | null;
  journal: string | null;
  journalAbbrev: string | null;
  volume: string | null;
  issue: string | null;
  pages: string | null;
  doi: string | null;
  pmid: string | null;
  abstract: string;
  duplicateOfId: string | null;
  removedReason: RemovalReason | null;
}

export interface DuplicatePairView {
  id: string;
  tier: DuplicateTier;
  status: DuplicateStatus;
  /** What matched, e.g. ["doi", "title 0.97"]. */
  reasons: string[];
  scores: Record<string, number>;
  createdAt: Date;
  decidedAt: Date | null;
  decidedBy: { id: string; name: string } | null;
  recordA: PairRecord;
  recordB: PairRecord;
}

const SIDE_SELECT = {
  id: true, searchId: true, position: true, title: true, authors: true, year: true, journal: true, journalAbbrev: true,
  volume: true, issue: true, pages: true, doi: true, pmid: true, abstract: true, duplicateOfId: true, removedReason: true,
  search: { select: { source: true } },
} as const;

const PAIR_INCLUDE = {
  recordA: { select: SIDE_SELECT },
  recordB: { select: SIDE_SELECT },
} as const;

type PairRow = Prisma.DuplicatePairGetPayload<{ include: typeof PAIR_INCLUDE }>;
type SideRow = PairRow['recordA'];

function toSide(r: SideRow): PairRecord {
  const { search, authors, ...rest } = r;
  return { ...rest, source: search.source, authors: authorsFromJson(authors) };
}

/** Pairs with the names of who decided them (DuplicatePair keeps only the user id). */
async function toViews(tx: Tx, rows: PairRow[]): Promise<DuplicatePairView[]> {
  const ids = [...new Set(rows.map((p) => p.decidedById).filter((id): id is string => !!id))];
  const users = ids.length ? await tx.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }) : [];
  const byId = new Map(users.map((u) => [u.id, u]));
  return rows.map((p) => toView(p, p.decidedById ? (byId.get(p.decidedById) ?? null) : null));
}

function toView(p: PairRow, decidedBy: { id: string; name: string } | null): DuplicatePairView {
  return {
    id: p.id,
    tier: p.tier,
    status: p.status,
    reasons: p.reasons,
    scores: (p.scores ?? {}) as Record<string, number>,
    createdAt: p.createdAt,
    decidedAt: p.decidedAt,
    decidedBy,
    recordA: toSide(p.recordA),
    recordB: toSide(p.recordB),
  };
}

export async function listDuplicatePairs(
  reviewId: string,
  filters: { status?: DuplicateStatus; tier?: DuplicateTier },
  paging: { limit: number; offset: number },
): Promise<{ items: DuplicatePairView[]; total: number }> {
  const where: Prisma.DuplicatePairWhereInput = { reviewId, status: filters.status, tier: filters.tier };
  const db = getDb();
  const [rows, total] = await Promise.all([
    db.duplicatePair.findMany({ where, include: PAIR_INCLUDE, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], skip: paging.offset, take: paging.limit }),
    db.duplicatePair.count({ where }),
  ]);
  return { items: await toViews(db, rows), total };
}

export async function countDuplicatePairs(reviewId: string): Promise<Record<DuplicateStatus, number>> {
  const groups = await getDb().duplicatePair.groupBy({ by: ['status'], where: { reviewId }, _count: { _all: true } });
  const counts: Record<DuplicateStatus, number> = { pending: 0, merged: 0, not_duplicate: 0 };
  for (const g of groups) counts[g.status] = g._count._all;
  return counts;
}

export type DuplicateAction = 'merge' | 'not_duplicate' | 'undo';

export interface DuplicateDecision {
  reviewId: string;
  pairId: string;
  action: DuplicateAction;
  keepRecordId?: string;
  actorId: string;
}

export async function decideDuplicatePair(input: DuplicateDecision): Promise<DuplicatePairView> {
  return withIdentificationLock(input.reviewId, async (tx) => {
    const pair = await tx.duplicatePair.findFirst({ where: { id: input.pairId, reviewId: input.reviewId } });
    if (!pair) throw notFound('Duplicate pair');
    const from = pair.status;
    const to: DuplicateStatus = input.action === 'merge' ? 'merged' : input.action === 'not_duplicate' ? 'not_duplicate' : 'pending';
    if (input.action === 'undo' ? from === 'pending' : from !== 'pending') {
      throw conflict(
        input.action === 'undo'
          ? 'This pair has no decision to undo: it is still pending.'
          : `This pair is already ${from === 'merged' ? 'merged' : 'marked as not duplicates'}; undo that decision first.`,
        { status: from },
      );
    }
    if (input.keepRecordId && input.action !== 'merge') throw new AppError('invalid', 'keepRecordId only applies to a merge.');
    if (input.keepRecordId && input.keepRecordId !== pair.recordAId && input.keepRecordId !== pair.recordBId) {
      throw new AppError('invalid', 'keepRecordId must be one of the two records of this pair.', { fieldErrors: { keepRecordId: ['Choose one of the two records.'] } });
    }

    const changes =
      input.action === 'merge' ? await planMerge(tx, input.reviewId, pair.recordAId, pair.recordBId, input.keepRecordId)
      : input.action === 'undo' && from === 'merged' ? await planUndo(tx, input.reviewId, pair.recordAId, pair.recordBId)
      : [];
    await applyDuplicateLinks(tx, input.reviewId, changes.map(({ id, duplicateOfId }) => ({ id, duplicateOfId })));
    await tx.duplicatePair.update({
      where: { id: pair.id },
      data: to === 'pending' ? { status: to, decidedById: null, decidedAt: null } : { status: to, decidedById: input.actorId, decidedAt: new Date() },
    });
    await recordAudit(
      {
        reviewId: input.reviewId,
        actorId: input.actorId,
        action: input.action === 'merge' ? 'duplicate.merged' : input.action === 'not_duplicate' ? 'duplicate.not_duplicate' : 'duplicate.undone',
        entityType: 'duplicate_pair',
        entityId: pair.id,
        before: { status: from, links: changes.map((c) => ({ id: c.id, duplicateOfId: c.before })) },
        after: { status: to, links: changes.map((c) => ({ id: c.id, duplicateOfId: c.duplicateOfId })) },
      },
      tx,
    );
    const view = await tx.duplicatePair.findUniqueOrThrow({ where: { id: pair.id }, include: PAIR_INCLUDE });
    return (await toViews(tx, [view]))[0];
  });
}

interface LinkChange extends DuplicateLink {
  before: string | null;
}

interface Node {
  id: string;
  duplicateOfId: string | null;
}

/** [x, parent, ..., root]: the links from a record up to its survivor. */
async function pathToRoot(tx: Tx, reviewId: string, id: string): Promise<Node[]> {
  const path: Node[] = [];
  const seen = new Set<string>();
  let next: string | null = id;
  while (next && !seen.has(next)) {
    seen.add(next);
    const row: Node | null = await tx.record.findFirst({ where: { id: next, reviewId }, select: { id: true, duplicateOfId: true } });
    if (!row) break;
    path.push(row);
    next = row.duplicateOfId;
  }
  return path;
}

async function hasDecisions(tx: Tx, recordId: string): Promise<boolean> {
  return (await tx.decision.count({ where: { recordId } })) > 0;
}

async function completeness(tx: Tx, recordId: string): Promise<number> {
  const row = await tx.record.findUniqueOrThrow({
    where: { id: recordId },
    select: {
      pmid: true, doi: true, title: true, titleVernacular: true, abstract: true, authors: true, year: true, publicationDate: true,
      journal: true, journalAbbrev: true, volume: true, issue: true, pages: true, keywords: true, meshTerms: true,
      publicationTypes: true, language: true, issn: true, url: true, sourceDatabase: true,
    },
  });
  return completenessScore(toBibRecord(row));
}

/** Links that make `path[0]` the root of its group: each link on the path is reversed. */
function reroot(path: Node[]): LinkChange[] {
  return path.slice(1).map((n, i) => ({ id: n.id, before: n.duplicateOfId, duplicateOfId: path[i].id }));
}

async function planMerge(tx: Tx, reviewId: string, aId: string, bId: string, keepId?: string): Promise<LinkChange[]> {
  const pathA = await pathToRoot(tx, reviewId, aId);
  const pathB = await pathToRoot(tx, reviewId, bId);
  const rootA = pathA[pathA.length - 1];
  const rootB = pathB[pathB.length - 1];
  if (rootA.id === rootB.id) return []; // already one group through other pairs

  const screenedA = await hasDecisions(tx, rootA.id);
  const screenedB = await hasDecisions(tx, rootB.id);
  let keepA: boolean;
  if (keepId) {
    keepA = keepId === aId;
    const [lost, kept] = keepA ? [rootB, rootA] : [rootA, rootB];
    if (await hasDecisions(tx, lost.id)) {
      throw conflict('The other record already has screening decisions, so it cannot be removed as a duplicate: keep that one instead.');
    }
    if (kept.id !== keepId && (await hasDecisions(tx, kept.id))) {
      throw conflict('The record screened in this group already has screening decisions; keep that one instead.');
    }
  } else if (screenedA && screenedB) {
    throw conflict('Both records already have screening decisions, so neither can be removed as a duplicate.');
  } else {
    keepA = screenedA || (!screenedB && (await completeness(tx, rootA.id)) >= (await completeness(tx, rootB.id)));
  }
  const [keptPath, lostPath] = keepA ? [pathA, pathB] : [pathB, pathA];
  const changes = reroot(lostPath);
  changes.unshift({ id: lostPath[0].id, before: lostPath[0].duplicateOfId, duplicateOfId: keptPath[0].id });
  if (keepId && keptPath.length > 1) {
    changes.push({ id: keptPath[0].id, before: keptPath[0].duplicateOfId, duplicateOfId: null }, ...reroot(keptPath));
  }
  return changes;
}

/** Restores the record this pair removed: the one whose link points at the other. */
async function planUndo(tx: Tx, reviewId: string, aId: string, bId: string): Promise<LinkChange[]> {
  const rows = await tx.record.findMany({ where: { reviewId, id: { in: [aId, bId] } }, select: { id: true, duplicateOfId: true } });
  const a = rows.find((r) => r.id === aId);
  const b = rows.find((r) => r.id === bId);
  if (a?.duplicateOfId === bId) return [{ id: aId, before: bId, duplicateOfId: null }];
  if (b?.duplicateOfId === aId) return [{ id: bId, before: aId, duplicateOfId: null }];
  return [];
}
