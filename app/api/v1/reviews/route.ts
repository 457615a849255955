import { apiRoute } from '@/lib/api/handler';
import { json, list, queryObject, readJson } from '@/lib/api/respond';
import { pagingSchema } from '@/lib/schemas/review';
import { createReview, listMyReviews } from '@/lib/services/reviews';

export const GET = apiRoute(async ({ request, user }) => {
  const paging = pagingSchema.parse(queryObject(request));
  const { items, total } = await listMyReviews(user.id, paging);
  return json(list(items, total, paging));
});

export const POST = apiRoute(async ({ request, user }) => {
  const review = await createReview(user.id, await readJson(request));
  return json(review, 201, { Location: `/api/v1/reviews/${review.id}` });
});
