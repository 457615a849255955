/**
 * A reviewer's queue at a stage: records that still need decisions and that this reviewer has not
 * decided. Order: records assigned to them, then records waiting for their second (or later)
 * decision, so pairs complete early; then most relevant first when the ranking model has scored
 * them; then import order.
 */
import type { Stage } from '../domain/screening/stage-outcome';
import { getDb } from './client';
import { Prisma } from './generated/client';
import { screeningRecordSelect, toScreeningRecord, type ScreeningRecord } from './screening-records';

function queueWhere(reviewId: string, reviewerId: string, stage: Stage, required: number): Prisma.Sql {
  const stageSql = Prisma.sql`${stage}::"Stage"`;
  return Prisma.sql`
    r."reviewId" = ${reviewId}::uuid
    AND r."removedReason" IS NULL
    AND COALESCE(s."decisionsCount", 0) < ${required}
    AND COALESCE(s.outcome, 'pending') = 'pending'
    AND NOT EXISTS (SELECT 1 FROM "Decision" d WHERE d."recordId" = r.id AND d.stage = ${stageSql} AND d."reviewerId" = ${reviewerId}::uuid)
    AND NOT EXISTS (SELECT 1 FROM "Assignment" a WHERE a."recordId" = r.id AND a.stage = ${stageSql} AND a."reviewerId" <> ${reviewerId}::uuid)
    ${stage === 'full_text'
      ? Prisma.sql`AND EXISTS (SELECT 1 FROM "ScreeningState" t WHERE t."recordId" = r.id AND t.stage = 'title_abstract' AND t.outcome = 'included')`
      : Prisma.empty}`;
}

/** Up to `count` next records for this reviewer (the UI prefetches the one after the current). */
export async function nextRecordsToScreen(input: {
  reviewId: string;
  reviewerId: string;
  stage: Stage;
  required: number;
  count?: number;
  skipRecordIds?: string[];
}): Promise<ScreeningRecord[]> {
  const { reviewId, reviewerId, stage, required } = input;
  const skip = input.skipRecordIds?.length ? Prisma.sql`AND r.id <> ALL(${input.skipRecordIds}::uuid[])` : Prisma.empty;
  const rows = await getDb().$queryRaw<Array<{ id: string }>>`
    SELECT r.id
    FROM "Record" r
    LEFT JOIN "ScreeningState" s ON s."recordId" = r.id AND s.stage = ${stage}::"Stage"
    LEFT JOIN "RelevanceScore" rs ON rs."recordId" = r.id AND rs.stage = ${stage}::"Stage"
    WHERE ${queueWhere(reviewId, reviewerId, stage, required)} ${skip}
    ORDER BY
      EXISTS (SELECT 1 FROM "Assignment" a WHERE a."recordId" = r.id AND a.stage = ${stage}::"Stage" AND a."reviewerId" = ${reviewerId}::uuid) DESC,
      COALESCE(s."decisionsCount", 0) DESC,
      rs.score DESC NULLS LAST,
      r."createdAt", r.position, r.id
    LIMIT ${input.count ?? 1}`;
  if (!rows.length) return [];
  const records = await getDb().record.findMany({ where: { id: { in: rows.map((r) => r.id) } }, select: screeningRecordSelect });
  const byId = new Map(records.map((r) => [r.id, toScreeningRecord(r)]));
  return rows.map((r) => byId.get(r.id)!).filter(Boolean);
}

export interface StageProgress {
  /** Records eligible at this stage (title/abstract: not removed; full text: passed title/abstract). */
  total: number;
  screenedByMe: number;
  neededFromMe: number;
}

export async function stageProgress(input: { reviewId: string; reviewerId: string; stage: Stage; required: number }): Promise<StageProgress> {
  const { reviewId, reviewerId, stage, required } = input;
  const db = getDb();
  const eligible = stage === 'title_abstract'
    ? db.record.count({ where: { reviewId, removedReason: null } })
    : db.screeningState.count({ where: { reviewId, stage: 'title_abstract', outcome: 'included', record: { removedReason: null } } });
  const [total, screenedByMe, needed] = await Promise.all([
    eligible,
    db.decision.count({ where: { reviewId, stage, reviewerId } }),
    db.$queryRaw<Array<{ n: bigint }>>`
      SELECT COUNT(*)::bigint AS n FROM "Record" r
      LEFT JOIN "ScreeningState" s ON s."recordId" = r.id AND s.stage = ${stage}::"Stage"
      WHERE ${queueWhere(reviewId, reviewerId, stage, required)}`,
  ]);
  return { total, screenedByMe, neededFromMe: Number(needed[0]?.n ?? 0) };
}
