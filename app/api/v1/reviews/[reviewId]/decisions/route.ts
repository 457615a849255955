import { apiRoute } from '@/lib/api/handler';
import { json, queryObject } from '@/lib/api/respond';
import { listStageDecisions } from '@/lib/services/screening';

/** Decisions at a stage; `reviewer=me` (default). Others' decisions only once the stage is unblinded. */
export const GET = apiRoute<{ reviewId: string }>(async ({ request, user, params }) => {
  const page = await listStageDecisions(user.id, params.reviewId, queryObject(request));
  return json({ ...page, items: page.items.map((d) => ({ ...d, decision: d.value })) });
});
