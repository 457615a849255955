import { apiRoute } from '@/lib/api/handler';
import { json, queryObject, readJson } from '@/lib/api/respond';
import { commentOnConflict, conflictComments } from '@/lib/services/dual-screening';

type P = { reviewId: string; recordId: string };

export const GET = apiRoute<P>(async ({ request, user, params }) => {
  const items = await conflictComments(user.id, params.reviewId, params.recordId, queryObject(request).stage);
  return json({ items, total: items.length, limit: items.length, offset: 0 });
});

export const POST = apiRoute<P>(async ({ request, user, params }) => json(await commentOnConflict(user.id, params.reviewId, params.recordId, await readJson(request)), 201));
