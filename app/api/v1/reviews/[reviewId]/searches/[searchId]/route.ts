import { apiRoute } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { getReviewSearch } from '@/lib/services/import';

export const GET = apiRoute<{ reviewId: string; searchId: string }>(async ({ user, params }) =>
  json(await getReviewSearch(user.id, params.reviewId, params.searchId)),
);
