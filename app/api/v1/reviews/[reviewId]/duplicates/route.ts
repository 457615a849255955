import { apiRoute } from '@/lib/api/handler';
import { json, queryObject } from '@/lib/api/respond';
import { listReviewDuplicates } from '@/lib/services/duplicates';

export const GET = apiRoute<{ reviewId: string }>(async ({ request, user, params }) =>
  json(await listReviewDuplicates(user.id, params.reviewId, queryObject(request))),
);
