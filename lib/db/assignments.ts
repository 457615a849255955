/** Batches of records an owner assigns to a named reviewer at a stage. */
import type { Stage } from '../domain/screening/stage-outcome';
import { recordAudit } from './audit';
import { getDb } from './client';
import { Prisma } from './generated/client';

/** Assigns the given records, or the first `count` unassigned records still needing decisions. */
export async function assignRecords(input: { reviewId: string; stage: Stage; reviewerId: string; recordIds?: string[]; count?: number; actorId: string }): Promise<number> {
  const { reviewId, stage, reviewerId } = input;
  return getDb().$transaction(async (tx) => {
    let ids = input.recordIds ?? [];
    if (!ids.length && input.count) {
      const setting = await tx.reviewStageSetting.findUnique({ where: { reviewId_stage: { reviewId, stage } } });
      const rows = await tx.$queryRaw<Array<{ id: string }>>`
        SELECT r.id FROM "Record" r
        LEFT JOIN "ScreeningState" s ON s."recordId" = r.id AND s.stage = ${stage}::"Stage"
        WHERE r."reviewId" = ${reviewId}::uuid AND r."removedReason" IS NULL
          AND COALESCE(s."decisionsCount", 0) < ${setting?.requiredDecisions ?? 2}
          AND COALESCE(s.outcome, 'pending') = 'pending'
          AND NOT EXISTS (SELECT 1 FROM "Assignment" a WHERE a."recordId" = r.id AND a.stage = ${stage}::"Stage")
          AND NOT EXISTS (SELECT 1 FROM "Decision" d WHERE d."recordId" = r.id AND d.stage = ${stage}::"Stage" AND d."reviewerId" = ${reviewerId}::uuid)
          ${stage === 'full_text' ? Prisma.sql`AND EXISTS (SELECT 1 FROM "ScreeningState" t WHERE t."recordId" = r.id AND t.stage = 'title_abstract' AND t.outcome = 'included')` : Prisma.empty}
        ORDER BY r."createdAt", r.position, r.id
        LIMIT ${input.count}`;
      ids = rows.map((r) => r.id);
    } else {
      ids = (await tx.record.findMany({ where: { id: { in: ids }, reviewId, removedReason: null }, select: { id: true } })).map((r) => r.id);
    }
    const { count } = await tx.assignment.createMany({ data: ids.map((recordId) => ({ reviewId, recordId, stage, reviewerId })), skipDuplicates: true });
    await recordAudit({ reviewId, actorId: input.actorId, action: 'assignment.created', entityType: 'assignment', entityId: reviewerId, after: { stage, reviewerId, records: count } }, tx);
    return count;
  });
}

export async function countAssignments(reviewId: string, stage: Stage) {
  const rows = await getDb().assignment.groupBy({ by: ['reviewerId'], where: { reviewId, stage }, _count: true });
  return rows.map((r) => ({ reviewerId: r.reviewerId, records: r._count }));
}
