/**
 * Decisions and the per-record stage state they produce. Every write runs in one transaction
 * holding a per-(record, stage) advisory lock, so two reviewers deciding at once, or a double
 * click, can never give a record more decisions than required or two decisions by one person.
 */
import { randomUUID } from 'node:crypto';
import { computeStageOutcome, type Stage } from '../domain/screening/stage-outcome';
import { AppError, conflict, notFound } from '../errors';
import { recordAudit } from './audit';
import { getDb, type Tx } from './client';
import { Prisma, type DecisionValue, type Role } from './generated/client';

export interface StageSettingView {
  requiredDecisions: number;
  isBlinded: boolean;
  hasChecklist: boolean;
}

export interface DecisionView {
  id: string;
  recordId: string;
  stage: Stage;
  reviewerId: string;
  value: DecisionValue;
  reasonId: string | null;
  note: string;
  checklist: unknown;
  protocolVersion: number;
  createdAt: Date;
  updatedAt: Date;
}

const decisionSelect = {
  id: true, recordId: true, stage: true, reviewerId: true, value: true, reasonId: true, note: true,
  checklist: true, protocolVersion: true, createdAt: true, updatedAt: true,
} as const;

export async function getStageSetting(reviewId: string, stage: Stage): Promise<StageSettingView> {
  const s = await getDb().reviewStageSetting.findUnique({ where: { reviewId_stage: { reviewId, stage } } });
  return { requiredDecisions: s?.requiredDecisions ?? 2, isBlinded: s?.isBlinded ?? true, hasChecklist: s?.hasChecklist ?? false };
}

/**
 * The caller's membership and the stage's settings in one query: the screening requests (next
 * record, decide) are the hottest in the app, and each round trip shows at 20 requests at once.
 */
export async function findStageAccess(reviewId: string, userId: string, stage: Stage): Promise<({ role: Role; canAdjudicate: boolean } & StageSettingView) | null> {
  const rows = await getDb().$queryRaw<Array<{ role: Role; canAdjudicate: boolean; requiredDecisions: number | null; isBlinded: boolean | null; hasChecklist: boolean | null }>>`
    SELECT m.role, m."canAdjudicate", s."requiredDecisions", s."isBlinded", s."hasChecklist"
    FROM "Membership" m
    LEFT JOIN "ReviewStageSetting" s ON s."reviewId" = m."reviewId" AND s.stage = ${stage}::"Stage"
    WHERE m."reviewId" = ${reviewId}::uuid AND m."userId" = ${userId}::uuid`;
  const r = rows[0];
  if (!r) return null;
  return { role: r.role, canAdjudicate: r.canAdjudicate, requiredDecisions: r.requiredDecisions ?? 2, isBlinded: r.isBlinded ?? true, hasChecklist: r.hasChecklist ?? false };
}

export async function lockRecordStage(tx: Tx, recordId: string, stage: Stage) {
  await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${`${recordId}:${stage}`}))) AS l`;
}

/** Recomputes and stores where the record stands at this stage; returns it. */
export async function refreshStageState(tx: Tx, reviewId: string, recordId: string, stage: Stage, required: number) {
  const [decisions, resolution] = await Promise.all([
    tx.decision.findMany({ where: { recordId, stage }, select: { reviewerId: true, value: true, reasonId: true } }),
    tx.resolution.findUnique({ where: { recordId_stage: { recordId, stage } }, select: { value: true, reasonId: true } }),
  ]);
  const state = computeStageOutcome({
    stage,
    required,
    decisions,
    resolution: resolution && resolution.value !== 'maybe' ? { value: resolution.value, reasonId: resolution.reasonId } : null,
  });
  await tx.screeningState.upsert({
    where: { recordId_stage: { recordId, stage } },
    create: { reviewId, recordId, stage, decisionsCount: state.decisionsCount, outcome: state.outcome },
    update: { decisionsCount: state.decisionsCount, outcome: state.outcome },
  });
  return state;
}

export interface SaveDecisionInput {
  reviewId: string;
  recordId: string;
  reviewerId: string;
  stage: Stage;
  value: DecisionValue;
  reasonId: string | null;
  note: string;
  /** undefined keeps the checklist a changed decision already had. */
  checklist: Record<string, string> | null | undefined;
}

export interface SaveDecisionResult {
  decision: DecisionView;
  /** 'created', 'changed', or 'unchanged' (a repeated submission). */
  effect: 'created' | 'changed' | 'unchanged';
  decisionsCount: number;
  required: number;
}

interface DecisionContextRow {
  removedReason: string | null;
  duplicateOfId: string | null;
  taOutcome: string | null;
  requiredDecisions: number | null;
  protocolVersion: number | null;
  hasResolution: boolean;
  resolutionValue: DecisionValue | null;
  resolutionReasonId: string | null;
  /** One row per decision already on the record at this stage; all null when there is none. */
  id: string | null;
  reviewerId: string | null;
  value: DecisionValue | null;
  reasonId: string | null;
  note: string | null;
  checklist: unknown;
  decisionProtocolVersion: number | null;
  createdAt: Date | null;
  updatedAt: Date | null;
}

/**
 * Everything a decision is checked against, read in one query once the record's lock is held:
 * the record, its title/abstract outcome, the stage's required count, the protocol version, the
 * resolution and the decisions already made. Empty when the record is not in this review.
 */
async function readDecisionContext(tx: Tx, reviewId: string, recordId: string, stage: Stage): Promise<DecisionContextRow[]> {
  const stageSql = Prisma.sql`${stage}::"Stage"`;
  return tx.$queryRaw<DecisionContextRow[]>`
    SELECT r."removedReason", r."duplicateOfId",
      (SELECT t.outcome::text FROM "ScreeningState" t WHERE t."recordId" = r.id AND t.stage = 'title_abstract') AS "taOutcome",
      (SELECT st."requiredDecisions" FROM "ReviewStageSetting" st WHERE st."reviewId" = r."reviewId" AND st.stage = ${stageSql}) AS "requiredDecisions",
      (SELECT p.version FROM "Protocol" p WHERE p."reviewId" = r."reviewId") AS "protocolVersion",
      (res.id IS NOT NULL) AS "hasResolution", res.value AS "resolutionValue", res."reasonId" AS "resolutionReasonId",
      d.id, d."reviewerId", d.value, d."reasonId", d.note, d.checklist, d."protocolVersion" AS "decisionProtocolVersion", d."createdAt", d."updatedAt"
    FROM "Record" r
    LEFT JOIN "Resolution" res ON res."recordId" = r.id AND res.stage = ${stageSql}
    LEFT JOIN "Decision" d ON d."recordId" = r.id AND d.stage = ${stageSql}
    WHERE r.id = ${recordId}::uuid AND r."reviewId" = ${reviewId}::uuid`;
}

/**
 * Stores a reviewer's decision (or changes it), keeping the previous version as a revision.
 * Round trips are kept few (lock, one read, the writes) because this is the request reviewers
 * make every few seconds, many at once.
 */
export async function saveDecision(input: SaveDecisionInput): Promise<SaveDecisionResult> {
  const { reviewId, recordId, reviewerId, stage } = input;
  return getDb().$transaction(async (tx) => {
    await lockRecordStage(tx, recordId, stage);
    const rows = await readDecisionContext(tx, reviewId, recordId, stage);
    const ctx = rows[0];
    if (!ctx) throw notFound('Record');
    if (ctx.removedReason === 'duplicate') {
      throw conflict(`This record was merged as a duplicate of record ${ctx.duplicateOfId}; screen that record instead.`, { survivorId: ctx.duplicateOfId });
    }
    if (ctx.removedReason) throw conflict('This record was removed before screening and cannot be screened.');
    if (stage === 'full_text' && ctx.taOutcome !== 'included') {
      throw conflict('This record has not passed title/abstract screening, so there is no full text to assess yet.');
    }
    const required = ctx.requiredDecisions ?? 2;
    const others = rows.filter((r) => r.id && r.reviewerId !== reviewerId);
    const mine = rows.find((r) => r.id && r.reviewerId === reviewerId);
    const existing: DecisionView | null = mine
      ? {
          id: mine.id!, recordId, stage, reviewerId, value: mine.value!, reasonId: mine.reasonId, note: mine.note ?? '',
          checklist: mine.checklist ?? null, protocolVersion: mine.decisionProtocolVersion!, createdAt: mine.createdAt!, updatedAt: mine.updatedAt!,
        }
      : null;
    const wanted = input.checklist === undefined ? ((existing?.checklist as Record<string, string> | null | undefined) ?? null) : input.checklist;
    const checklist = wanted ?? Prisma.DbNull;
    const count = others.length + (existing ? 1 : 0);

    if (existing) {
      const unchanged = existing.value === input.value && existing.reasonId === input.reasonId && existing.note === input.note
        && JSON.stringify(existing.checklist ?? null) === JSON.stringify(wanted ?? null);
      if (unchanged) return { decision: existing, effect: 'unchanged', decisionsCount: count, required };
      await tx.decisionRevision.create({
        data: { decisionId: existing.id, reviewId, value: existing.value, reasonId: existing.reasonId, note: existing.note, protocolVersion: existing.protocolVersion, decidedAt: existing.updatedAt },
      });
    } else if (ctx.hasResolution || count >= required) {
      throw conflict(`This record already has the ${required} independent decision(s) it needs at this stage.`);
    }
    const protocolVersion = ctx.protocolVersion ?? 1;
    // The record's state with this decision, computed before writing it (pure domain logic).
    const state = computeStageOutcome({
      stage,
      required,
      decisions: [...others.map((o) => ({ reviewerId: o.reviewerId!, value: o.value!, reasonId: o.reasonId })), { reviewerId, value: input.value, reasonId: input.reasonId }],
      resolution: ctx.hasResolution && ctx.resolutionValue !== 'maybe' ? { value: ctx.resolutionValue!, reasonId: ctx.resolutionReasonId } : null,
    });
    const after = { recordId, stage, value: input.value, reasonId: input.reasonId, note: input.note, protocolVersion };
    if (!existing) {
      // A first decision, the common case, is one statement: the decision, the record's stage
      // state, the end of this reviewer's lease on the record (decided, it needs no reserving;
      // lib/db/screening-queue.ts) and the audit event.
      const id = randomUUID();
      const [decision] = await tx.$queryRaw<DecisionView[]>`
        WITH created AS (
          INSERT INTO "Decision" (id, "reviewId", "recordId", stage, "reviewerId", value, "reasonId", note, checklist, "protocolVersion", "updatedAt")
          VALUES (${id}::uuid, ${reviewId}::uuid, ${recordId}::uuid, ${stage}::"Stage", ${reviewerId}::uuid, ${input.value}::"DecisionValue",
                  ${input.reasonId}::uuid, ${input.note}, ${wanted === null ? null : JSON.stringify(wanted)}::jsonb, ${protocolVersion}, now())
          RETURNING id, "recordId", stage::text AS stage, "reviewerId", value::text AS value, "reasonId", note, checklist, "protocolVersion", "createdAt", "updatedAt"
        ),
        released AS (
          DELETE FROM "ScreeningLease" WHERE "recordId" = ${recordId}::uuid AND stage = ${stage}::"Stage" AND "reviewerId" = ${reviewerId}::uuid
        ),
        state AS (
          INSERT INTO "ScreeningState" ("reviewId", "recordId", stage, "decisionsCount", outcome, "updatedAt")
          VALUES (${reviewId}::uuid, ${recordId}::uuid, ${stage}::"Stage", ${state.decisionsCount}, ${state.outcome}::"ScreeningOutcome", now())
          ON CONFLICT ("recordId", stage) DO UPDATE SET "decisionsCount" = EXCLUDED."decisionsCount", outcome = EXCLUDED.outcome, "updatedAt" = now()
        ),
        audit AS (
          INSERT INTO "AuditEvent" ("reviewId", "actorId", action, "entityType", "entityId", after)
          VALUES (${reviewId}::uuid, ${reviewerId}::uuid, 'decision.created', 'decision', ${id}, ${JSON.stringify(after)}::jsonb)
        )
        SELECT * FROM created`;
      return { decision, effect: 'created', decisionsCount: state.decisionsCount, required };
    }
    const decision = await tx.decision.update({ where: { id: existing.id }, data: { value: input.value, reasonId: input.reasonId, note: input.note, checklist, protocolVersion }, select: decisionSelect });
    await tx.screeningState.upsert({
      where: { recordId_stage: { recordId, stage } },
      create: { reviewId, recordId, stage, decisionsCount: state.decisionsCount, outcome: state.outcome },
      update: { decisionsCount: state.decisionsCount, outcome: state.outcome },
    });
    await recordAudit({
      reviewId, actorId: reviewerId, action: 'decision.changed', entityType: 'decision', entityId: decision.id,
      before: { value: existing.value, reasonId: existing.reasonId, note: existing.note }, after,
    }, tx);
    return { decision, effect: 'changed', decisionsCount: state.decisionsCount, required };
  });
}

/** Takes back one's own decision (undo); refused once the record's stage was adjudicated. */
export async function withdrawDecision(input: { reviewId: string; recordId: string; reviewerId: string; stage: Stage }): Promise<void> {
  const { reviewId, recordId, reviewerId, stage } = input;
  await getDb().$transaction(async (tx) => {
    await lockRecordStage(tx, recordId, stage);
    const existing = await tx.decision.findFirst({ where: { recordId, stage, reviewerId, reviewId }, select: decisionSelect });
    if (!existing) throw new AppError('not_found', 'You have no decision on this record at this stage.');
    if (await tx.resolution.findUnique({ where: { recordId_stage: { recordId, stage } }, select: { id: true } })) {
      throw conflict('This record was already adjudicated; your decision is part of that record and cannot be withdrawn.');
    }
    if (stage === 'title_abstract' && (await tx.decision.count({ where: { recordId, stage: 'full_text' } })) > 0) {
      throw conflict('Full-text decisions already rest on this title/abstract decision; change it instead of withdrawing it.');
    }
    await tx.decision.delete({ where: { id: existing.id } });
    const setting = await tx.reviewStageSetting.findUnique({ where: { reviewId_stage: { reviewId, stage } } });
    await refreshStageState(tx, reviewId, recordId, stage, setting?.requiredDecisions ?? 2);
    await recordAudit({ reviewId, actorId: reviewerId, action: 'decision.withdrawn', entityType: 'decision', entityId: existing.id, before: { recordId, stage, value: existing.value, reasonId: existing.reasonId, note: existing.note } }, tx);
  });
}

export async function findOwnDecision(reviewId: string, recordId: string, reviewerId: string, stage: Stage): Promise<DecisionView | null> {
  return getDb().decision.findFirst({ where: { reviewId, recordId, reviewerId, stage }, select: decisionSelect });
}

export async function findExclusionReason(reviewId: string, reasonId: string) {
  return getDb().exclusionReason.findFirst({ where: { id: reasonId, reviewId }, select: { id: true, kind: true, retiredAt: true, label: true } });
}
