import { apiRoute } from '@/lib/api/handler';
import { json, list, queryObject } from '@/lib/api/respond';
import { pagingSchema } from '@/lib/schemas/review';
import { importSearch, listReviewSearches, withImportUpload } from '@/lib/services/import';
import { requireReviewRole } from '@/lib/services/permissions';

export const GET = apiRoute<{ reviewId: string }>(async ({ request, user, params }) => {
  const paging = pagingSchema.parse(queryObject(request));
  const { searches, totals } = await listReviewSearches(user.id, params.reviewId);
  return json({ ...list(searches.slice(paging.offset, paging.offset + paging.limit), searches.length, paging), totals });
});

/** multipart/form-data: `file` plus source, sourceType, query, dateRun, notes, skipProblemRecords, csvMapping. */
export const POST = apiRoute<{ reviewId: string }>(async ({ request, user, params }) => {
  // Refuse non-owners before reading a body that may be hundreds of MB.
  await requireReviewRole(params.reviewId, user.id, 'owner');
  const search = await withImportUpload(request, (upload) => importSearch(user.id, params.reviewId, upload));
  return json(search, 201, { Location: `/api/v1/reviews/${params.reviewId}/searches/${search.id}` });
});
