/** The independent decisions of a stage, as agreement statistics need them (never resolutions). */
import type { Stage } from '../domain/screening/stage-outcome';
import { getDb } from './client';

export async function loadStageDecisions(reviewId: string, stage: Stage) {
  const [decisions, reviewers] = await Promise.all([
    getDb().decision.findMany({ where: { reviewId, stage }, select: { recordId: true, reviewerId: true, value: true, reasonId: true }, orderBy: { createdAt: 'asc' } }),
    getDb().user.findMany({ where: { decisions: { some: { reviewId, stage } } }, select: { id: true, name: true } }),
  ]);
  return { decisions, reviewerNames: new Map(reviewers.map((r) => [r.id, r.name])) };
}
