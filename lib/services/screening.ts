/**
 * Screening workflows shared by the screening page and the JSON API. Server rules, not UI rules:
 * reviewers decide only records of their review at an open stage; full-text exclusions need a
 * valid reason; blinding hides other reviewers' decisions.
 */
import { isValueAllowed, type Stage } from '../domain/screening/stage-outcome';
import { listDecisions } from '../db/decision-list';
import { saveDecision } from '../db/save-decision';
import { findExclusionReason, getStageSetting, withdrawDecision } from '../db/screening';
import { nextRecordsForCaller, stageProgress } from '../db/screening-queue';
import { AppError, forbidden, invalid, notFound } from '../errors';
import { decisionInputSchema, decisionsQuerySchema, stageQuerySchema } from '../schemas/screening';
import { assertRole, isUuid, requireReviewRole, requireStageRole, rolesAtLeast } from './permissions';

function fieldError(field: string, message: string) {
  return invalid(message, { fieldErrors: { [field]: [message] } });
}

export async function decide(userId: string, reviewId: string, recordId: string, input: unknown) {
  if (!isUuid(reviewId)) throw notFound('Review');
  const parsed = decisionInputSchema.safeParse(input);
  // Most decisions (valid, no reason) have the caller's role read with the record in the
  // decision's first query: one round trip less on the request reviewers make most. Otherwise the
  // role is checked first, as everywhere: non-members learn nothing from validation messages or
  // from the reason lookup below.
  let roleChecked = !parsed.success || !!parsed.data.reasonId;
  if (roleChecked) await requireReviewRole(reviewId, userId, 'reviewer');
  const data = parsed.success ? parsed.data : decisionInputSchema.parse(input);
  // Any refusal below is only given once the caller is known to be a reviewer here.
  const refuse = async (error: Error): Promise<never> => {
    if (!roleChecked) await requireReviewRole(reviewId, userId, 'reviewer');
    roleChecked = true;
    throw error;
  };
  if (!isUuid(recordId)) await refuse(notFound('Record'));
  if (!isValueAllowed(data.stage, data.decision)) await refuse(fieldError('decision', 'At full text the decision is include or exclude (with a reason); "maybe" is for title/abstract screening.'));
  const reasonId = data.reasonId ?? null;
  if (data.decision === 'include' && reasonId) await refuse(fieldError('reasonId', 'An inclusion takes no exclusion reason.'));
  if (data.stage === 'full_text' && data.decision === 'exclude' && !reasonId) {
    await refuse(fieldError('reasonId', 'Choose the reason for excluding this full text (or "Full text not retrievable").'));
  }
  if (reasonId) {
    const reason = await findExclusionReason(reviewId, reasonId);
    if (!reason) throw fieldError('reasonId', 'That exclusion reason does not belong to this review.');
    if (reason.retiredAt) throw fieldError('reasonId', `The reason "${reason.label}" was retired; choose a current one.`);
  }
  return saveDecision({
    reviewId, recordId, reviewerId: userId, stage: data.stage, value: data.decision, reasonId, note: data.note, checklist: data.checklist,
    authorize: (role) => assertRole(role, 'reviewer'),
    roles: rolesAtLeast('reviewer'),
  });
}

export async function undoDecision(userId: string, reviewId: string, recordId: string, stage: unknown) {
  await requireReviewRole(reviewId, userId, 'reviewer');
  if (!isUuid(recordId)) throw new AppError('not_found', 'Record not found.');
  await withdrawDecision({ reviewId, recordId, reviewerId: userId, stage: stageQuerySchema.parse({ stage }).stage });
}

/**
 * The caller's next records at a stage. The role is checked by the statement that picks them (one
 * round trip, lib/db/screening-queue.ts): nothing is picked or leased for a non-member (404) or a
 * viewer (403).
 */
export async function nextToScreen(userId: string, reviewId: string, stage: Stage, options: { count?: number; skipRecordIds?: string[] } = {}) {
  if (!isUuid(reviewId)) throw notFound('Review');
  const skip = (options.skipRecordIds ?? []).filter(isUuid).slice(0, 20);
  const { access, records } = await nextRecordsForCaller({ reviewId, reviewerId: userId, stage, count: Math.min(options.count ?? 1, 5), skipRecordIds: skip, roles: rolesAtLeast('reviewer') });
  assertRole(access?.role ?? null, 'reviewer');
  return records;
}

export async function screeningProgress(userId: string, reviewId: string, stage: Stage) {
  const { setting } = await requireStageRole(reviewId, userId, stage, 'reviewer');
  return { stage, requiredDecisions: setting.requiredDecisions, isBlinded: setting.isBlinded, hasChecklist: setting.hasChecklist, ...(await stageProgress({ reviewId, reviewerId: userId, stage, required: setting.requiredDecisions })) };
}

/**
 * Decisions at a stage. While the stage is blinded, everyone — owners included — lists only their
 * own: another reviewer's decision, reason or note is never sent.
 */
export async function listStageDecisions(userId: string, reviewId: string, query: unknown) {
  await requireReviewRole(reviewId, userId, 'reviewer');
  const q = decisionsQuerySchema.parse(query);
  const own = q.reviewer === 'me' || q.reviewer === userId;
  if (!own) {
    const setting = await getStageSetting(reviewId, q.stage);
    if (setting.isBlinded) throw forbidden('Screening at this stage is blinded: you can list only your own decisions (reviewer=me).');
    if (q.reviewer !== 'all' && !isUuid(q.reviewer)) throw invalid('reviewer must be "me", "all" or a member\'s id.');
  }
  const reviewerId = own ? userId : q.reviewer === 'all' ? undefined : q.reviewer;
  return { ...(await listDecisions({ reviewId, stage: q.stage, reviewerId, value: q.decision, q: q.q, limit: q.limit, offset: q.offset })), limit: q.limit, offset: q.offset };
}
