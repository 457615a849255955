/** Per-stage settings; changing how many decisions a record needs re-derives every record's state. */
import { computeStageOutcome, type Stage } from '../domain/screening/stage-outcome';
import { recordAudit } from './audit';
import { getDb } from './client';

export async function listStageSettings(reviewId: string) {
  return getDb().reviewStageSetting.findMany({ where: { reviewId }, orderBy: { stage: 'asc' } });
}

export async function updateStageSetting(input: {
  reviewId: string;
  stage: Stage;
  actorId: string;
  requiredDecisions?: number;
  isBlinded?: boolean;
  hasChecklist?: boolean;
}) {
  const { reviewId, stage, actorId } = input;
  return getDb().$transaction(async (tx) => {
    // Serialise with decisions on this review's records so states are derived from a stable set.
    await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${`settings:${reviewId}:${stage}`}))) AS l`;
    const before = await tx.reviewStageSetting.findUniqueOrThrow({ where: { reviewId_stage: { reviewId, stage } } });
    const unblinding = input.isBlinded === false && before.isBlinded;
    const after = await tx.reviewStageSetting.update({
      where: { reviewId_stage: { reviewId, stage } },
      data: {
        requiredDecisions: input.requiredDecisions,
        isBlinded: input.isBlinded,
        hasChecklist: input.hasChecklist,
        ...(unblinding ? { unblindedAt: new Date(), unblindedById: actorId } : {}),
      },
    });
    if (input.requiredDecisions !== undefined && input.requiredDecisions !== before.requiredDecisions) {
      const decisions = await tx.decision.findMany({ where: { reviewId, stage }, select: { recordId: true, reviewerId: true, value: true, reasonId: true } });
      const resolutions = await tx.resolution.findMany({ where: { reviewId, stage }, select: { recordId: true, value: true, reasonId: true } });
      const byRecord = new Map<string, typeof decisions>();
      for (const d of decisions) byRecord.set(d.recordId, [...(byRecord.get(d.recordId) ?? []), d]);
      const resolutionOf = new Map(resolutions.map((r) => [r.recordId, r]));
      for (const [recordId, ds] of byRecord) {
        const res = resolutionOf.get(recordId);
        const state = computeStageOutcome({ stage, required: after.requiredDecisions, decisions: ds, resolution: res && res.value !== 'maybe' ? { value: res.value, reasonId: res.reasonId } : null });
        await tx.screeningState.update({ where: { recordId_stage: { recordId, stage } }, data: { outcome: state.outcome, decisionsCount: state.decisionsCount } });
      }
    }
    const pick = (s: typeof before) => ({ requiredDecisions: s.requiredDecisions, isBlinded: s.isBlinded, hasChecklist: s.hasChecklist });
    await recordAudit({ reviewId, actorId, action: unblinding ? 'stage.unblinded' : 'stage.settings_changed', entityType: 'stage', entityId: stage, before: pick(before), after: pick(after) }, tx);
    return after;
  });
}
