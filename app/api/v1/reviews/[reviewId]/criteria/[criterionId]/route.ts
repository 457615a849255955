import { apiRoute } from '@/lib/api/handler';
import { json, readJson } from '@/lib/api/respond';
import { changeCriterion, removeCriterion } from '@/lib/services/protocol';

type P = { reviewId: string; criterionId: string };

export const PATCH = apiRoute<P>(async ({ request, user, params }) => json(await changeCriterion(user.id, params.reviewId, params.criterionId, await readJson(request))));

export const DELETE = apiRoute<P>(async ({ user, params }) => {
  await removeCriterion(user.id, params.reviewId, params.criterionId);
  return new Response(null, { status: 204 });
});
