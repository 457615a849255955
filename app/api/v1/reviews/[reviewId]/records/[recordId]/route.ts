import { apiRoute } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { getReviewRecord } from '@/lib/services/import';

export const GET = apiRoute<{ reviewId: string; recordId: string }>(async ({ user, params }) =>
  json(await getReviewRecord(user.id, params.reviewId, params.recordId)),
);
