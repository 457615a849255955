import { streamedFileResponse } from '@/lib/api/csv-response';
import { apiRoute } from '@/lib/api/handler';
import { json, queryObject } from '@/lib/api/respond';
import { exportReviewRecords, listReviewRecords } from '@/lib/services/import';

/** A page of records (JSON), or with `format=csv|ris` every matching record as a file. */
export const GET = apiRoute<{ reviewId: string }>(async ({ request, user, params }) => {
  const query = queryObject(request);
  if (query.format === 'csv' || query.format === 'ris') return streamedFileResponse(await exportReviewRecords(user.id, params.reviewId, query));
  return json(await listReviewRecords(user.id, params.reviewId, query));
});
