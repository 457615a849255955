import { apiRoute } from '@/lib/api/handler';
import { json, list, queryObject, readJson } from '@/lib/api/respond';
import { pagingSchema } from '@/lib/schemas/review';
import { addReviewMember, listReviewMembers } from '@/lib/services/reviews';

export const GET = apiRoute<{ reviewId: string }>(async ({ request, user, params }) => {
  const paging = pagingSchema.parse(queryObject(request));
  const members = await listReviewMembers(user.id, params.reviewId);
  return json(list(members.slice(paging.offset, paging.offset + paging.limit), members.length, paging));
});

export const POST = apiRoute<{ reviewId: string }>(async ({ request, user, params }) => {
  const member = await addReviewMember(user.id, params.reviewId, await readJson(request));
  return json({ id: member.userId, ...member }, 201);
});
