/**
 * The protocol aggregate: its fields, criteria, exclusion reasons and saved versions.
 *
 * Every change runs through changeProtocol(): one transaction that locks the review's Protocol row
 * (so concurrent saves queue instead of both claiming the next version), applies the change, and,
 * when the snapshot differs from the one before, bumps Protocol.version, stores the new snapshot
 * as a ProtocolVersion (who and when) and records an audit event with before and after. A save
 * that changes nothing is not a version. The rules (what may be deleted, the system reason's
 * protection, reordering) are plain functions in lib/domain/protocol.
 */
import type { Prisma } from './generated/client';
import {
  getProtocolTemplate,
  NOT_RETRIEVED_REASON,
  PROTOCOL_TEXT_FIELDS,
  snapshotsEqual,
  type ProtocolFields,
  type ProtocolSnapshot,
  type ProtocolTemplateId,
  type SnapshotCriterion,
  type SnapshotReason,
} from '../domain/protocol';
import { conflict, notFound } from '../errors';
import { recordAudit } from './audit';
import { getDb, type Tx } from './client';

/** A criterion as stored: its snapshot fields plus when it was created and retired. */
export interface CriterionView extends SnapshotCriterion {
  retiredAt: Date | null;
  createdAt: Date;
}

/**
 * A reason as stored. position: order on the full-text form; priority: the team's reporting order
 * (1 first; 0 for the system reason, which is shown apart).
 */
export interface ExclusionReasonView extends SnapshotReason {
  retiredAt: Date | null;
  createdAt: Date;
  /** Decisions and resolutions that gave this reason; a used reason can only be retired. */
  usedCount: number;
}

export interface ProtocolState extends ProtocolFields {
  reviewId: string;
  version: number;
  updatedAt: Date;
  highlightInclude: string[];
  highlightExclude: string[];
  criteria: CriterionView[];
  exclusionReasons: ExclusionReasonView[];
  decisionsCount: number;
  /** The protocol versions the review's current decisions were made under. */
  decisionVersions: number[];
}

export interface ProtocolVersionRow {
  version: number;
  createdAt: Date;
  createdBy: { id: string; name: string };
  snapshot: ProtocolSnapshot;
  /** The version before it (null for the first), to say what changed. */
  previousSnapshot: ProtocolSnapshot | null;
}

export type HighlightLists = { highlightInclude: string[]; highlightExclude: string[] };
export type ProtocolFieldsPatch = Partial<ProtocolFields & HighlightLists>;

export const CRITERION = { id: true, kind: true, label: true, description: true, stages: true, position: true, retiredAt: true, createdAt: true } as const;
export const REASON = { id: true, kind: true, label: true, description: true, position: true, priority: true, criterionId: true, retiredAt: true, createdAt: true } as const;
type CriterionRow = Prisma.CriterionGetPayload<{ select: typeof CRITERION }>;
type ReasonRow = Prisma.ExclusionReasonGetPayload<{ select: typeof REASON }>;

export const toCriterion = (c: CriterionRow): CriterionView => ({ ...c, isRetired: c.retiredAt !== null });
export const toReason = (r: ReasonRow, usage: ReadonlyMap<string, number>): ExclusionReasonView => ({ ...r, isRetired: r.retiredAt !== null, usedCount: usage.get(r.id) ?? 0 });

// ---- reading -------------------------------------------------------------------------------

async function readState(tx: Tx, reviewId: string): Promise<ProtocolState | null> {
  const protocol = await tx.protocol.findUnique({ where: { reviewId } });
  if (!protocol) return null;
  const criteria = await tx.criterion.findMany({ where: { reviewId }, select: CRITERION, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }] });
  const reasons = await tx.exclusionReason.findMany({ where: { reviewId }, select: REASON, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }] });
  const usage = await reasonUsage(tx, reviewId);
  const byVersion = await tx.decision.groupBy({ by: ['protocolVersion'], where: { reviewId }, _count: { _all: true }, orderBy: { protocolVersion: 'asc' } });
  const fields = Object.fromEntries(PROTOCOL_TEXT_FIELDS.map((f) => [f, protocol[f]])) as ProtocolFields;
  return {
    reviewId,
    version: protocol.version,
    updatedAt: protocol.updatedAt,
    ...fields,
    highlightInclude: protocol.highlightInclude,
    highlightExclude: protocol.highlightExclude,
    criteria: criteria.map(toCriterion),
    exclusionReasons: reasons.map((r) => toReason(r, usage)),
    decisionsCount: byVersion.reduce((n, v) => n + v._count._all, 0),
    decisionVersions: byVersion.map((v) => v.protocolVersion),
  };
}

/** Uses of each reason: current decisions, superseded decision revisions and resolutions. */
async function reasonUsage(tx: Tx, reviewId: string): Promise<Map<string, number>> {
  const usage = new Map<string, number>();
  const add = (rows: Array<{ reasonId: string | null; _count: { _all: number } }>) => {
    for (const r of rows) if (r.reasonId) usage.set(r.reasonId, (usage.get(r.reasonId) ?? 0) + r._count._all);
  };
  const decisions = await tx.decision.groupBy({ by: ['reasonId'], where: { reviewId, reasonId: { not: null } }, _count: { _all: true } });
  const revisions = await tx.decisionRevision.groupBy({ by: ['reasonId'], where: { reviewId, reasonId: { not: null } }, _count: { _all: true } });
  const resolutions = await tx.resolution.groupBy({ by: ['reasonId'], where: { reviewId, reasonId: { not: null } }, _count: { _all: true } });
  add(decisions);
  add(revisions);
  add(resolutions);
  return usage;
}

function toSnapshot(s: ProtocolState): ProtocolSnapshot {
  return {
    format: 1,
    fields: Object.fromEntries(PROTOCOL_TEXT_FIELDS.map((f) => [f, s[f]])) as ProtocolFields,
    highlightInclude: s.highlightInclude,
    highlightExclude: s.highlightExclude,
    criteria: s.criteria.map((c) => ({ id: c.id, kind: c.kind, label: c.label, description: c.description, stages: c.stages, position: c.position, isRetired: c.isRetired })),
    reasons: s.exclusionReasons.map((r) => ({
      id: r.id,
      kind: r.kind,
      label: r.label,
      description: r.description,
      position: r.position,
      priority: r.priority,
      criterionId: r.criterionId,
      isRetired: r.isRetired,
    })),
  };
}

/** The protocol as it stands. A review from before the system reason existed gets it here, once. */
export async function getProtocolState(reviewId: string): Promise<ProtocolState> {
  const state = await readState(getDb(), reviewId);
  if (state?.exclusionReasons.some((r) => r.kind === 'not_retrieved')) return state;
  return getDb().$transaction(async (tx) => {
    await lockProtocol(tx, reviewId);
    await ensureBaseline(tx, reviewId);
    return (await readState(tx, reviewId))!;
  });
}

/** The id of the review's "full text not retrievable" reason (created if missing). */
export async function getNotRetrievedReasonId(reviewId: string): Promise<string> {
  const state = await getProtocolState(reviewId);
  return state.exclusionReasons.find((r) => r.kind === 'not_retrieved')!.id;
}

export async function listProtocolVersions(reviewId: string, paging: { limit: number; offset: number }): Promise<{ items: ProtocolVersionRow[]; total: number }> {
  const db = getDb();
  // One row more than the page: the version before the page's last one, to diff it against.
  const [rows, total] = await Promise.all([
    db.protocolVersion.findMany({
      where: { reviewId },
      orderBy: { version: 'desc' },
      skip: paging.offset,
      take: paging.limit + 1,
      include: { createdBy: { select: { id: true, name: true } } },
    }),
    db.protocolVersion.count({ where: { reviewId } }),
  ]);
  const items = rows.slice(0, paging.limit).map((r, i) => ({
    version: r.version,
    createdAt: r.createdAt,
    createdBy: r.createdBy,
    snapshot: r.snapshot as unknown as ProtocolSnapshot,
    previousSnapshot: (rows[i + 1]?.snapshot ?? null) as unknown as ProtocolSnapshot | null,
  }));
  return { items, total };
}

export async function getProtocolVersion(reviewId: string, version: number): Promise<ProtocolVersionRow> {
  const rows = await getDb().protocolVersion.findMany({
    where: { reviewId, version: { lte: version } },
    orderBy: { version: 'desc' },
    take: 2,
    include: { createdBy: { select: { id: true, name: true } } },
  });
  const row = rows[0];
  if (!row || row.version !== version) throw notFound('Protocol version');
  return {
    version: row.version,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    snapshot: row.snapshot as unknown as ProtocolSnapshot,
    previousSnapshot: (rows[1]?.snapshot ?? null) as unknown as ProtocolSnapshot | null,
  };
}

// ---- the change machinery ----------------------------------------------------------------------

/** Locks the review's protocol row for this transaction, creating the row if an old review lacks it. */
async function lockProtocol(tx: Tx, reviewId: string): Promise<void> {
  const lock = () => tx.$queryRaw<Array<{ reviewId: string }>>`SELECT "reviewId" FROM "Protocol" WHERE "reviewId" = ${reviewId}::uuid FOR UPDATE`;
  if ((await lock()).length > 0) return;
  if (!(await tx.review.findUnique({ where: { id: reviewId }, select: { id: true } }))) throw notFound('Review');
  await tx.protocol.create({ data: { reviewId } });
  await lock();
}

/** The system reason and a first snapshot, for reviews created before either existed. */
async function ensureBaseline(tx: Tx, reviewId: string): Promise<void> {
  if (!(await tx.exclusionReason.findFirst({ where: { reviewId, kind: 'not_retrieved' }, select: { id: true } }))) {
    await tx.exclusionReason.create({ data: { reviewId, kind: 'not_retrieved', ...NOT_RETRIEVED_REASON, position: 0, priority: 0 } });
  }
  if (await tx.protocolVersion.findFirst({ where: { reviewId }, select: { id: true } })) return;
  const review = await tx.review.findUniqueOrThrow({ where: { id: reviewId }, select: { createdById: true, createdAt: true } });
  const state = (await readState(tx, reviewId))!;
  await tx.protocolVersion.create({ data: { reviewId, version: state.version, snapshot: json(toSnapshot(state)), createdById: review.createdById, createdAt: review.createdAt } });
}

export interface Change<R> {
  result: R;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

export async function changeProtocol<R>(reviewId: string, actorId: string, run: (tx: Tx, state: ProtocolState) => Promise<Change<R>>): Promise<R> {
  return getDb().$transaction(async (tx) => {
    await lockProtocol(tx, reviewId);
    await ensureBaseline(tx, reviewId);
    const before = (await readState(tx, reviewId))!;
    const change = await run(tx, before);
    const after = (await readState(tx, reviewId))!;
    const snapshot = toSnapshot(after);
    if (snapshotsEqual(toSnapshot(before), snapshot)) return change.result;
    const version = before.version + 1;
    await tx.protocol.update({ where: { reviewId }, data: { version } });
    await tx.protocolVersion.create({ data: { reviewId, version, snapshot: json(snapshot), createdById: actorId } });
    await recordAudit(
      { reviewId, actorId, action: change.action, entityType: change.entityType, entityId: change.entityId, before: change.before, after: { ...(change.after as object), protocolVersion: version } },
      tx,
    );
    return change.result;
  });
}

function json(v: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue;
}

// ---- starting a protocol -----------------------------------------------------------------------

/**
 * Version 1 of a new review's protocol: the system reason, and the template's fields, criteria
 * and one exclusion reason per exclusion criterion. The review.created event already records the
 * creation; the version row records who started it from which template.
 */
export async function initializeProtocol(input: { reviewId: string; actorId: string; template: ProtocolTemplateId }): Promise<void> {
  await getDb().$transaction(async (tx) => {
    await lockProtocol(tx, input.reviewId);
    if (await tx.protocolVersion.findFirst({ where: { reviewId: input.reviewId }, select: { id: true } })) throw conflict('This review’s protocol has already been started.');
    const { reviewId } = input;
    await tx.exclusionReason.create({ data: { reviewId, kind: 'not_retrieved', ...NOT_RETRIEVED_REASON, position: 0, priority: 0 } });
    const template = getProtocolTemplate(input.template);
    if (template) {
      await tx.protocol.update({ where: { reviewId }, data: { ...template.fields, highlightInclude: template.highlightInclude, highlightExclude: template.highlightExclude } });
      let n = 0;
      for (const c of template.criteria) {
        const created = await tx.criterion.create({ data: { reviewId, ...c, position: ++n }, select: CRITERION });
        if (c.kind === 'exclusion') {
          const reasonCount = await tx.exclusionReason.count({ where: { reviewId, kind: 'standard' } });
          await tx.exclusionReason.create({ data: { reviewId, label: c.label, description: c.description, criterionId: created.id, position: reasonCount + 1, priority: reasonCount + 1 } });
        }
      }
    }
    const state = (await readState(tx, reviewId))!;
    const snapshot = { ...toSnapshot(state), ...(template ? { templateId: template.id } : {}) };
    await tx.protocolVersion.create({ data: { reviewId, version: state.version, snapshot: json(snapshot), createdById: input.actorId } });
  });
}

// ---- protocol fields ----------------------------------------------------------------------------

/** Saves the given fields (a PUT sends all of them, a page section its own). */
export async function updateProtocolFields(input: { reviewId: string; actorId: string; patch: ProtocolFieldsPatch }): Promise<void> {
  await changeProtocol(input.reviewId, input.actorId, async (tx, state) => {
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(input.patch) as Array<[keyof ProtocolFieldsPatch, string | string[]]>) {
      if (value === undefined || JSON.stringify(state[key]) === JSON.stringify(value)) continue;
      before[key] = state[key];
      after[key] = value;
    }
    if (Object.keys(after).length) await tx.protocol.update({ where: { reviewId: input.reviewId }, data: after });
    return { result: undefined, action: 'protocol.updated', entityType: 'protocol', entityId: input.reviewId, before, after };
  });
}

// ---- criteria -----------------------------------------------------------------------------------
