/** Batches of records an owner assigns to a named reviewer at a stage. */
import type { Stage } from '../domain/screening/stage-outcome';
import { recordAudit } from './audit';
import { getDb } from './client';
import { Prisma } from './generated/client';
import { passedTitleAbstract } from './screening-queue';

/** Assigns the given records, or the first `count` unassigned records still needing decisions. */
export async function assignRecords(input: { reviewId: string; stage: Stage; reviewerId: string; recordIds?: string[]; count?: number; actorId: string }): Promise<number> {
  const { reviewId, stage, reviewerId } = input;
  return getDb().$transaction(async (tx) => {
    let ids = input.recordIds ?? [];
    if (!ids.length && input.count) {
      const setting = await tx.reviewStageSetting.findUnique({ where: { reviewId_stage: { reviewId, stage } } });
      // From the queue rows (lib/db/screening-queue.ts), most relevant then import order.
      const rows = await tx.$queryRaw<Array<{ id: string }>>`
        SELECT s."recordId" AS id FROM "ScreeningState" s
        WHERE s."reviewId" = ${reviewId}::uuid AND s.stage = ${stage}::"Stage" AND s.outcome = 'pending'
          AND s."decisionsCount" < ${setting?.requiredDecisions ?? 2}
          AND NOT EXISTS (SELECT 1 FROM "Assignment" a WHERE a."recordId" = s."recordId" AND a.stage = s.stage)
          AND NOT EXISTS (SELECT 1 FROM "Decision" d WHERE d."recordId" = s."recordId" AND d.stage = s.stage AND d."reviewerId" = ${reviewerId}::uuid)
          AND EXISTS (SELECT 1 FROM "Record" r WHERE r.id = s."recordId" AND r."removedReason" IS NULL)
          ${passedTitleAbstract(stage, Prisma.raw('s."recordId"'))}
        ORDER BY s.priority DESC, s.seq
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
