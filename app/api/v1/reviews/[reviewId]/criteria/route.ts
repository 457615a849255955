import { apiRoute } from '@/lib/api/handler';
import { json, list, queryObject, readJson } from '@/lib/api/respond';
import { pagingSchema } from '@/lib/schemas/review';
import { addCriterion, listCriteria } from '@/lib/services/protocol';

type P = { reviewId: string };

export const GET = apiRoute<P>(async ({ request, user, params }) => {
  const paging = pagingSchema.parse(queryObject(request));
  const criteria = await listCriteria(user.id, params.reviewId);
  return json(list(criteria.slice(paging.offset, paging.offset + paging.limit), criteria.length, paging));
});

export const POST = apiRoute<P>(async ({ request, user, params }) => {
  const criterion = await addCriterion(user.id, params.reviewId, await readJson(request));
  return json(criterion, 201, { Location: `/api/v1/reviews/${params.reviewId}/criteria/${criterion.id}` });
});
