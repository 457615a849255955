import { apiRoute } from '@/lib/api/handler';
import { json, readJson } from '@/lib/api/respond';
import { decideReviewDuplicate } from '@/lib/services/duplicates';

/** `{ action: 'merge' | 'not_duplicate' | 'undo', keepRecordId? }` */
export const POST = apiRoute<{ reviewId: string; pairId: string }>(async ({ request, user, params }) =>
  json(await decideReviewDuplicate(user.id, params.reviewId, params.pairId, await readJson(request))),
);
