/**
 * Decisions and the per-record stage state they produce. Every write runs in one transaction
 * holding a per-(record, stage) advisory lock, so two reviewers deciding at once, or a double
 * click, can never give a record more decisions than required or two decisions by one person.
 */
import { computeStageOutcome, type Stage } from '../domain/screening/stage-outcome';
import { AppError, conflict, notFound } from '../errors';
import { recordAudit } from './audit';
import { getDb, type Tx } from './client';
import { Prisma, type DecisionValue } from './generated/client';

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

/** Stores a reviewer's decision (or changes it), keeping the previous version as a revision. */
export async function saveDecision(input: SaveDecisionInput): Promise<SaveDecisionResult> {
  const { reviewId, recordId, reviewerId, stage } = input;
  return getDb().$transaction(async (tx) => {
    await lockRecordStage(tx, recordId, stage);
    const record = await tx.record.findFirst({ where: { id: recordId, reviewId }, select: { removedReason: true, duplicateOfId: true } });
    if (!record) throw notFound('Record');
    if (record.removedReason === 'duplicate') {
      throw conflict(`This record was merged as a duplicate of record ${record.duplicateOfId}; screen that record instead.`, { survivorId: record.duplicateOfId });
    }
    if (record.removedReason) throw conflict('This record was removed before screening and cannot be screened.');
    if (stage === 'full_text') {
      const ta = await tx.screeningState.findUnique({ where: { recordId_stage: { recordId, stage: 'title_abstract' } }, select: { outcome: true } });
      if (ta?.outcome !== 'included') throw conflict('This record has not passed title/abstract screening, so there is no full text to assess yet.');
    }
    const setting = await tx.reviewStageSetting.findUnique({ where: { reviewId_stage: { reviewId, stage } } });
    const required = setting?.requiredDecisions ?? 2;
    const existing = await tx.decision.findUnique({ where: { recordId_stage_reviewerId: { recordId, stage, reviewerId } }, select: decisionSelect });
    const wanted = input.checklist === undefined ? ((existing?.checklist as Record<string, string> | null | undefined) ?? null) : input.checklist;
    const checklist = wanted ?? Prisma.DbNull;

    if (existing) {
      const unchanged = existing.value === input.value && existing.reasonId === input.reasonId && existing.note === input.note
        && JSON.stringify(existing.checklist ?? null) === JSON.stringify(wanted ?? null);
      const count = await tx.decision.count({ where: { recordId, stage } });
      if (unchanged) return { decision: existing, effect: 'unchanged', decisionsCount: count, required };
      await tx.decisionRevision.create({
        data: { decisionId: existing.id, reviewId, value: existing.value, reasonId: existing.reasonId, note: existing.note, protocolVersion: existing.protocolVersion, decidedAt: existing.updatedAt },
      });
    } else {
      const resolved = await tx.resolution.findUnique({ where: { recordId_stage: { recordId, stage } }, select: { id: true } });
      const count = await tx.decision.count({ where: { recordId, stage } });
      if (resolved || count >= required) {
        throw conflict(`This record already has the ${required} independent decision(s) it needs at this stage.`);
      }
    }
    const protocolVersion = (await tx.protocol.findUnique({ where: { reviewId }, select: { version: true } }))?.version ?? 1;
    const data = { value: input.value, reasonId: input.reasonId, note: input.note, checklist, protocolVersion };
    const decision = existing
      ? await tx.decision.update({ where: { id: existing.id }, data, select: decisionSelect })
      : await tx.decision.create({ data: { ...data, reviewId, recordId, stage, reviewerId }, select: decisionSelect });
    const state = await refreshStageState(tx, reviewId, recordId, stage, required);
    // Decided: the record no longer needs reserving for this reviewer (lib/db/screening-queue.ts).
    if (!existing) await tx.screeningLease.deleteMany({ where: { recordId, stage, reviewerId } });
    await recordAudit({
      reviewId, actorId: reviewerId, action: existing ? 'decision.changed' : 'decision.created', entityType: 'decision', entityId: decision.id,
      before: existing ? { value: existing.value, reasonId: existing.reasonId, note: existing.note } : undefined,
      after: { recordId, stage, value: decision.value, reasonId: decision.reasonId, note: decision.note, protocolVersion },
    }, tx);
    return { decision, effect: existing ? 'changed' : 'created', decisionsCount: state.decisionsCount, required };
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
