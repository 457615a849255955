import { apiRoute } from '@/lib/api/handler';
import { json, list, queryObject } from '@/lib/api/respond';
import { listProtocolHistory } from '@/lib/services/protocol';

export const GET = apiRoute<{ reviewId: string }>(async ({ request, user, params }) => {
  const { items, total, paging } = await listProtocolHistory(user.id, params.reviewId, queryObject(request));
  return json(list(items, total, paging));
});
