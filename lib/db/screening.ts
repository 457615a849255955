/**
 * Stage settings and the caller's access to a stage, the per-(record, stage) advisory lock, the
 * stored state a record's decisions produce, and withdrawing or reading one's decision. Writing a
 * decision is save-decision.ts; whichever path it takes, two reviewers deciding at once, or a
 * double click, never give a record more decisions than required or two by one person.
 */
import { computeStageOutcome, type Stage } from '../domain/screening/stage-outcome';
import { AppError, conflict } from '../errors';
import { recordAudit } from './audit';
import { getDb, getSql, type Tx } from './client';
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

export const decisionSelect = {
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
  const rows = await getSql().query<{ role: Role; canAdjudicate: boolean; requiredDecisions: number | null; isBlinded: boolean | null; hasChecklist: boolean | null }>(Prisma.sql`
    SELECT m.role::text AS role, m."canAdjudicate", s."requiredDecisions", s."isBlinded", s."hasChecklist"
    FROM "Membership" m
    LEFT JOIN "ReviewStageSetting" s ON s."reviewId" = m."reviewId" AND s.stage = ${stage}::"Stage"
    WHERE m."reviewId" = ${reviewId}::uuid AND m."userId" = ${userId}::uuid`);
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
