import { apiRoute } from '@/lib/api/handler';
import { json, readJson } from '@/lib/api/respond';
import { changeReviewMember, removeReviewMember } from '@/lib/services/reviews';

type P = { reviewId: string; userId: string };

export const PATCH = apiRoute<P>(async ({ request, user, params }) => {
  const member = await changeReviewMember(user.id, params.reviewId, params.userId, await readJson(request));
  return json({ id: member.userId, ...member });
});

export const DELETE = apiRoute<P>(async ({ user, params }) => {
  await removeReviewMember(user.id, params.reviewId, params.userId);
  return new Response(null, { status: 204 });
});
