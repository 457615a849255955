import { apiRoute } from '@/lib/api/handler';
import { json, queryObject } from '@/lib/api/respond';
import { stageQuerySchema } from '@/lib/schemas/screening';
import { nextToScreen } from '@/lib/services/screening';

/** The calling reviewer's next record at a stage; 204 when nothing is left for them. */
export const GET = apiRoute<{ reviewId: string }>(async ({ request, user, params }) => {
  const query = queryObject(request);
  const { stage } = stageQuerySchema.parse(query);
  const skip = query.skip ? query.skip.split(',') : [];
  const [record] = await nextToScreen(user.id, params.reviewId, stage, { skipRecordIds: skip });
  return record ? json({ record }) : new Response(null, { status: 204 });
});
