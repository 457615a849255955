import { apiRoute } from '@/lib/api/handler';
import { json, list } from '@/lib/api/respond';
import { createReasonsFromCriteria } from '@/lib/services/protocol';

/** One reason per exclusion criterion that has none yet; answers with the reasons created. */
export const POST = apiRoute<{ reviewId: string }>(async ({ user, params }) => {
  const created = await createReasonsFromCriteria(user.id, params.reviewId);
  return json(list(created, created.length, { limit: created.length, offset: 0 }), created.length ? 201 : 200);
});
