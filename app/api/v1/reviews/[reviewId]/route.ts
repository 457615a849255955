import { apiRoute } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { getReview } from '@/lib/services/reviews';

export const GET = apiRoute<{ reviewId: string }>(async ({ user, params }) => json(await getReview(user.id, params.reviewId)));
