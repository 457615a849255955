import { apiRoute } from '@/lib/api/handler';
import { json, queryObject } from '@/lib/api/respond';
import { stageQuerySchema } from '@/lib/schemas/screening';
import { screeningProgress } from '@/lib/services/screening';

export const GET = apiRoute<{ reviewId: string }>(async ({ request, user, params }) => {
  const { stage } = stageQuerySchema.parse(queryObject(request));
  return json(await screeningProgress(user.id, params.reviewId, stage));
});
