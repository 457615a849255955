import { apiRoute } from '@/lib/api/handler';
import { json, list, queryObject, readJson } from '@/lib/api/respond';
import { pagingSchema } from '@/lib/schemas/review';
import { addExclusionReason, listExclusionReasons } from '@/lib/services/protocol';

type P = { reviewId: string };

export const GET = apiRoute<P>(async ({ request, user, params }) => {
  const paging = pagingSchema.parse(queryObject(request));
  const reasons = await listExclusionReasons(user.id, params.reviewId);
  return json(list(reasons.slice(paging.offset, paging.offset + paging.limit), reasons.length, paging));
});

export const POST = apiRoute<P>(async ({ request, user, params }) => {
  const reason = await addExclusionReason(user.id, params.reviewId, await readJson(request));
  return json(reason, 201, { Location: `/api/v1/reviews/${params.reviewId}/exclusion-reasons/${reason.id}` });
});
