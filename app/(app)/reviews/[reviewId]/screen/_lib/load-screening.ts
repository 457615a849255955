/**
 * The screening page's data, read on the server: the protocol as it applies to this stage, the
 * caller's progress and the first records of their queue. Permission checks live in the services
 * called here (a viewer's screeningProgress is refused with Forbidden).
 */
import { getStageSetting } from '@/lib/db/screening';
import { fullTextsFor, maxPdfBytes } from '@/lib/services/full-text';
import { getProtocol } from '@/lib/services/protocol';
import { nextToScreen, screeningProgress } from '@/lib/services/screening';
import type { ProgressView, QueueItem, ScreeningSetup, Stage } from './types';

/** Records kept ready beyond the one on screen, so the next appears at once. */
export const PREFETCH = 3;

export async function loadQueue(userId: string, reviewId: string, stage: Stage, skip: string[], count: number): Promise<{ items: QueueItem[]; progress: ProgressView }> {
  const [records, progress] = await Promise.all([
    nextToScreen(userId, reviewId, stage, { count: Math.max(1, Math.min(count, PREFETCH + 1)), skipRecordIds: skip }),
    screeningProgress(userId, reviewId, stage),
  ]);
  const fullTexts = stage === 'full_text' ? await fullTextsFor(userId, reviewId, records.map((r) => r.id)) : {};
  return {
    items: records.map((record) => ({ record, fullText: fullTexts[record.id] ?? null })),
    progress: { total: progress.total, screenedByMe: progress.screenedByMe, neededFromMe: progress.neededFromMe, requiredDecisions: progress.requiredDecisions, isBlinded: progress.isBlinded },
  };
}

export async function loadScreening(userId: string, reviewId: string, stage: Stage, role: string) {
  const queue = await loadQueue(userId, reviewId, stage, [], PREFETCH + 1);
  const [protocol, setting] = await Promise.all([getProtocol(userId, reviewId), getStageSetting(reviewId, stage)]);
  const byPriority = protocol.exclusionReasons.filter((r) => !r.isRetired && r.kind === 'standard').sort((a, b) => a.priority - b.priority || a.position - b.position);
  const setup: ScreeningSetup = {
    reviewId,
    stage,
    criteria: protocol.criteria.filter((c) => !c.isRetired && c.stages.includes(stage)).map((c) => ({ id: c.id, kind: c.kind, label: c.label, description: c.description })),
    reasons: byPriority.map((r) => ({ id: r.id, label: r.label, description: r.description })),
    notRetrievedReasonId: protocol.exclusionReasons.find((r) => r.kind === 'not_retrieved' && !r.isRetired)?.id ?? null,
    highlight: { include: protocol.highlightInclude, exclude: protocol.highlightExclude },
    hasChecklist: setting.hasChecklist,
    canAttach: role !== 'viewer',
    pdfLimitBytes: maxPdfBytes(),
  };
  return { setup, ...queue };
}
