/** Duplicate review workflows: members see the pairs side by side; owners decide them. */
import { countDuplicatePairs, decideDuplicatePair, listDuplicatePairs } from '../db/duplicates';
import { AppError } from '../errors';
import { duplicateDecisionSchema, duplicateQuerySchema } from '../schemas/import';
import { isUuid, requireReviewRole } from './permissions';

export async function listReviewDuplicates(userId: string, reviewId: string, query: unknown = {}) {
  await requireReviewRole(reviewId, userId, 'viewer');
  const { limit, offset, status, tier } = duplicateQuerySchema.parse(query);
  const [page, counts] = await Promise.all([listDuplicatePairs(reviewId, { status, tier }, { limit, offset }), countDuplicatePairs(reviewId)]);
  return { ...page, limit, offset, counts };
}

/** merge (keep a chosen record, or the screened/most complete one), not_duplicate, or undo. */
export async function decideReviewDuplicate(userId: string, reviewId: string, pairId: string, input: unknown) {
  await requireReviewRole(reviewId, userId, 'owner');
  if (!isUuid(pairId)) throw new AppError('not_found', 'Duplicate pair not found.');
  const decision = duplicateDecisionSchema.parse(input);
  return decideDuplicatePair({ reviewId, pairId, action: decision.action, keepRecordId: decision.keepRecordId, actorId: userId });
}
