import { apiRoute } from '@/lib/api/handler';
import { json, queryObject, readJson } from '@/lib/api/respond';
import { stageQuerySchema } from '@/lib/schemas/screening';
import { assignBatch, assignmentCounts } from '@/lib/services/dual-screening';

export const GET = apiRoute<{ reviewId: string }>(async ({ request, user, params }) => {
  const { stage } = stageQuerySchema.parse(queryObject(request));
  const items = await assignmentCounts(user.id, params.reviewId, stage);
  return json({ items, total: items.length, limit: items.length, offset: 0 });
});

/** Owners: reserve records (ids, or the next `count` unassigned) for a named reviewer. */
export const POST = apiRoute<{ reviewId: string }>(async ({ request, user, params }) => json(await assignBatch(user.id, params.reviewId, await readJson(request)), 201));
