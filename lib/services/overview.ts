/**
 * The Overview's checklist: the counts behind each step, as the caller may see them, turned into
 * states by lib/domain/review/workflow-status.ts. Each count comes through the service that owns
 * it, so each keeps its own permission rule (a viewer has no screening progress; only adjudicators
 * get conflict counts).
 */
import { countDuplicatePairs } from '../db/duplicates';
import { getProtocolState } from '../db/protocol';
import { listSearches } from '../db/searches';
import { workflowStatus, type ReviewFacts } from '../domain/review/workflow-status';
import { listStageConflicts } from './dual-screening';
import { requireReviewRole } from './permissions';
import { screeningProgress } from './screening';

export async function reviewWorkflow(userId: string, reviewId: string, members: number) {
  const access = await requireReviewRole(reviewId, userId, 'viewer');
  const screens = access.role !== 'viewer';
  const [protocol, searches, pairs, ta, ft, taConflicts, ftConflicts] = await Promise.all([
    getProtocolState(reviewId),
    listSearches(reviewId),
    countDuplicatePairs(reviewId),
    screens ? screeningProgress(userId, reviewId, 'title_abstract') : null,
    screens ? screeningProgress(userId, reviewId, 'full_text') : null,
    access.canAdjudicate ? listStageConflicts(userId, reviewId, { stage: 'title_abstract', limit: 1 }) : null,
    access.canAdjudicate ? listStageConflicts(userId, reviewId, { stage: 'full_text', limit: 1 }) : null,
  ]);
  const identified = searches.reduce((n, s) => n + s.identified, 0);
  const duplicatesRemoved = searches.reduce((n, s) => n + s.duplicatesRemoved, 0);
  const facts: ReviewFacts = {
    members,
    protocol: { hasQuestion: protocol.question.trim() !== '', criteria: protocol.criteria.filter((c) => !c.isRetired).length },
    searches: searches.length,
    records: identified - duplicatesRemoved,
    duplicatesRemoved,
    duplicatePairsPending: pairs.pending,
    progress: ta && ft ? { title_abstract: ta, full_text: ft } : undefined,
    openConflicts: taConflicts && ftConflicts ? { title_abstract: taConflicts.total, full_text: ftConflicts.total } : undefined,
  };
  return workflowStatus(facts);
}
