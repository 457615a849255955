/**
 * Dual screening around the decisions: per-stage settings (decisions required, blinding),
 * conflicts and their adjudication, discussion, and batch assignment. Adjudicators are owners
 * and members given the adjudicator right; they see a conflict's decisions because all required
 * decisions are in by then, so nobody's independent judgement can still be influenced.
 */
import type { Stage } from '../domain/screening/stage-outcome';
import { assignRecords, countAssignments } from '../db/assignments';
import { addConflictComment, listConflictComments, listConflictThreads, listConflicts, saveResolution } from '../db/conflicts';
import { findMembership } from '../db/reviews';
import { findExclusionReason } from '../db/screening';
import { listStageSettings, updateStageSetting } from '../db/stage-settings';
import { AppError, forbidden, invalid } from '../errors';
import { assignmentSchema, commentSchema, resolutionSchema, stageSettingsSchema } from '../schemas/dual-screening';
import { stageSchema } from '../schemas/screening';
import { pagingSchema } from '../schemas/review';
import { isUuid, requireReviewRole } from './permissions';

async function requireAdjudicator(reviewId: string, userId: string) {
  const access = await requireReviewRole(reviewId, userId, 'reviewer');
  if (!access.canAdjudicate) throw forbidden('Only owners and members with the adjudicator right settle conflicts.');
  return access;
}

export async function getStageSettings(userId: string, reviewId: string) {
  await requireReviewRole(reviewId, userId, 'viewer');
  return listStageSettings(reviewId);
}

export async function changeStageSettings(userId: string, reviewId: string, stage: unknown, input: unknown) {
  await requireReviewRole(reviewId, userId, 'owner');
  const s = stageSchema.parse(stage);
  return updateStageSetting({ reviewId, stage: s, actorId: userId, ...stageSettingsSchema.parse(input) });
}

export async function listStageConflicts(userId: string, reviewId: string, query: { stage?: unknown; status?: unknown; limit?: unknown; offset?: unknown }) {
  await requireAdjudicator(reviewId, userId);
  const stage = stageSchema.parse(query.stage ?? 'title_abstract');
  const status = query.status === 'resolved' ? 'resolved' : 'open';
  const paging = pagingSchema.parse({ limit: query.limit, offset: query.offset });
  return { ...(await listConflicts({ reviewId, stage, status, ...paging })), ...paging };
}

export async function resolveConflict(userId: string, reviewId: string, recordId: string, input: unknown) {
  await requireAdjudicator(reviewId, userId);
  if (!isUuid(recordId)) throw new AppError('not_found', 'Record not found.');
  const data = resolutionSchema.parse(input);
  const reasonId = data.reasonId ?? null;
  if (data.decision === 'include' && reasonId) throw invalid('An inclusion takes no exclusion reason.', { fieldErrors: { reasonId: ['An inclusion takes no exclusion reason.'] } });
  if (data.stage === 'full_text' && data.decision === 'exclude' && !reasonId) {
    throw invalid('Choose the reason that reports this exclusion.', { fieldErrors: { reasonId: ['Choose the reason that reports this exclusion.'] } });
  }
  if (reasonId) {
    const reason = await findExclusionReason(reviewId, reasonId);
    if (!reason) throw invalid('That exclusion reason does not belong to this review.', { fieldErrors: { reasonId: ['Unknown reason.'] } });
  }
  return saveResolution({ reviewId, recordId, stage: data.stage, value: data.decision, reasonId, note: data.note, actorId: userId });
}

export async function commentOnConflict(userId: string, reviewId: string, recordId: string, input: unknown) {
  await requireAdjudicator(reviewId, userId);
  if (!isUuid(recordId)) throw new AppError('not_found', 'Record not found.');
  const data = commentSchema.parse(input);
  return addConflictComment({ reviewId, recordId, stage: data.stage, authorId: userId, body: data.body });
}

export async function conflictComments(userId: string, reviewId: string, recordId: string, stage: unknown) {
  await requireAdjudicator(reviewId, userId);
  if (!isUuid(recordId)) throw new AppError('not_found', 'Record not found.');
  return listConflictComments(reviewId, recordId, stageSchema.parse(stage ?? 'title_abstract'));
}

/** The discussions of a page of conflicts at once (the conflicts page), instead of one call per conflict. */
export async function conflictThreads(userId: string, reviewId: string, recordIds: string[], stage: Stage) {
  await requireAdjudicator(reviewId, userId);
  return listConflictThreads(reviewId, recordIds.filter(isUuid), stage);
}

export async function assignBatch(userId: string, reviewId: string, input: unknown) {
  await requireReviewRole(reviewId, userId, 'owner');
  const data = assignmentSchema.parse(input);
  const member = await findMembership(reviewId, data.reviewerId);
  if (!member || member.role === 'viewer') throw invalid('Records can be assigned only to reviewers and owners of this review.', { fieldErrors: { reviewerId: ['Not a reviewer of this review.'] } });
  const assigned = await assignRecords({ reviewId, stage: data.stage, reviewerId: data.reviewerId, recordIds: data.recordIds, count: data.count, actorId: userId });
  return { assigned };
}

export async function assignmentCounts(userId: string, reviewId: string, stage: Stage) {
  await requireReviewRole(reviewId, userId, 'owner');
  return countAssignments(reviewId, stage);
}
