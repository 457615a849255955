/**
 * Conflicts (records whose required decisions disagree), their discussion, and resolutions. A
 * resolution is stored beside the decisions, never over them.
 */
import type { Stage } from '../domain/screening/stage-outcome';
import { conflict, notFound } from '../errors';
import { recordAudit } from './audit';
import { getDb } from './client';
import { lockRecordStage, refreshStageState } from './screening';

export interface ConflictItem {
  recordId: string;
  stage: Stage;
  record: { title: string; year: number | null; journal: string | null; pmid: string | null; doi: string | null; abstract: string };
  decisions: Array<{ reviewerId: string; reviewerName: string; decision: string; reasonId: string | null; reasonLabel: string | null; note: string; decidedAt: Date }>;
  resolution: { decision: string; reasonId: string | null; reasonLabel: string | null; note: string; resolvedById: string; resolvedByName: string; resolvedAt: Date } | null;
  comments: number;
}

export async function listConflicts(input: { reviewId: string; stage: Stage; status: 'open' | 'resolved'; limit: number; offset: number }): Promise<{ items: ConflictItem[]; total: number }> {
  const { reviewId, stage } = input;
  const db = getDb();
  const where = input.status === 'open'
    ? { reviewId, stage, outcome: 'conflict' as const }
    : { reviewId, stage, record: { resolutions: { some: { stage } } } };
  const [states, total] = await Promise.all([
    db.screeningState.findMany({ where, orderBy: [{ updatedAt: 'asc' }, { recordId: 'asc' }], skip: input.offset, take: input.limit, select: { recordId: true } }),
    db.screeningState.count({ where }),
  ]);
  const ids = states.map((s) => s.recordId);
  const [records, decisions, resolutions, comments] = await Promise.all([
    db.record.findMany({ where: { id: { in: ids } }, select: { id: true, title: true, year: true, journal: true, pmid: true, doi: true, abstract: true } }),
    db.decision.findMany({ where: { recordId: { in: ids }, stage }, orderBy: { createdAt: 'asc' }, include: { reviewer: { select: { name: true } }, reason: { select: { label: true } } } }),
    db.resolution.findMany({ where: { recordId: { in: ids }, stage }, include: { resolvedBy: { select: { name: true } }, reason: { select: { label: true } } } }),
    db.conflictComment.groupBy({ by: ['recordId'], where: { recordId: { in: ids }, stage }, _count: true }),
  ]);
  const recordById = new Map(records.map((r) => [r.id, r]));
  const resolutionById = new Map(resolutions.map((r) => [r.recordId, r]));
  const commentsById = new Map(comments.map((c) => [c.recordId, c._count]));
  return {
    total,
    items: ids.map((recordId) => {
      const res = resolutionById.get(recordId);
      return {
        recordId,
        stage,
        record: recordById.get(recordId)!,
        decisions: decisions.filter((d) => d.recordId === recordId).map((d) => ({
          reviewerId: d.reviewerId, reviewerName: d.reviewer.name, decision: d.value, reasonId: d.reasonId, reasonLabel: d.reason?.label ?? null, note: d.note, decidedAt: d.updatedAt,
        })),
        resolution: res ? { decision: res.value, reasonId: res.reasonId, reasonLabel: res.reason?.label ?? null, note: res.note, resolvedById: res.resolvedById, resolvedByName: res.resolvedBy.name, resolvedAt: res.updatedAt } : null,
        comments: commentsById.get(recordId) ?? 0,
      };
    }),
  };
}

export async function saveResolution(input: { reviewId: string; recordId: string; stage: Stage; value: 'include' | 'exclude'; reasonId: string | null; note: string; actorId: string }) {
  const { reviewId, recordId, stage } = input;
  return getDb().$transaction(async (tx) => {
    await lockRecordStage(tx, recordId, stage);
    const state = await tx.screeningState.findFirst({ where: { recordId, stage, reviewId }, select: { outcome: true } });
    const existing = await tx.resolution.findUnique({ where: { recordId_stage: { recordId, stage } } });
    if (!state && !existing) throw notFound('Conflict');
    if (!existing && state?.outcome !== 'conflict') throw conflict('This record has no disagreement to resolve at this stage.');
    const data = { value: input.value, reasonId: input.reasonId, note: input.note, resolvedById: input.actorId };
    const resolution = existing
      ? await tx.resolution.update({ where: { id: existing.id }, data })
      : await tx.resolution.create({ data: { ...data, reviewId, recordId, stage } });
    const setting = await tx.reviewStageSetting.findUnique({ where: { reviewId_stage: { reviewId, stage } } });
    const outcome = await refreshStageState(tx, reviewId, recordId, stage, setting?.requiredDecisions ?? 2);
    await recordAudit({
      reviewId, actorId: input.actorId, action: existing ? 'resolution.changed' : 'resolution.created', entityType: 'resolution', entityId: resolution.id,
      before: existing ? { value: existing.value, reasonId: existing.reasonId, note: existing.note } : undefined,
      after: { recordId, stage, value: resolution.value, reasonId: resolution.reasonId, note: resolution.note },
    }, tx);
    return { resolution, outcome: outcome.outcome };
  });
}

export async function addConflictComment(input: { reviewId: string; recordId: string; stage: Stage; authorId: string; body: string }) {
  const record = await getDb().record.findFirst({ where: { id: input.recordId, reviewId: input.reviewId }, select: { id: true } });
  if (!record) throw notFound('Record');
  return getDb().conflictComment.create({ data: input, include: { author: { select: { name: true } } } });
}

export async function listConflictComments(reviewId: string, recordId: string, stage: Stage) {
  return (await listConflictThreads(reviewId, [recordId], stage))[0];
}

/** The discussion of several conflicts in one query, in the order of `recordIds` (a page of conflicts). */
export async function listConflictThreads(reviewId: string, recordIds: string[], stage: Stage) {
  const rows = await getDb().conflictComment.findMany({ where: { reviewId, recordId: { in: recordIds }, stage }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], include: { author: { select: { name: true } } } });
  return recordIds.map((recordId) =>
    rows.filter((c) => c.recordId === recordId).map((c) => ({ id: c.id, authorId: c.authorId, authorName: c.author.name, body: c.body, createdAt: c.createdAt })),
  );
}
