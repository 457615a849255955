import { apiRoute } from '@/lib/api/handler';
import { json, queryObject } from '@/lib/api/respond';
import { listReviewRecords } from '@/lib/services/import';

export const GET = apiRoute<{ reviewId: string }>(async ({ request, user, params }) =>
  json(await listReviewRecords(user.id, params.reviewId, queryObject(request))),
);
