import { apiRoute } from '@/lib/api/handler';
import { json, readJson } from '@/lib/api/respond';
import { changeExclusionReason, removeExclusionReason } from '@/lib/services/protocol';

type P = { reviewId: string; reasonId: string };

export const PATCH = apiRoute<P>(async ({ request, user, params }) => json(await changeExclusionReason(user.id, params.reviewId, params.reasonId, await readJson(request))));

export const DELETE = apiRoute<P>(async ({ user, params }) => {
  await removeExclusionReason(user.id, params.reviewId, params.reasonId);
  return new Response(null, { status: 204 });
});
