import { apiRoute } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { previewImport, withImportUpload } from '@/lib/services/import';
import { requireReviewRole } from '@/lib/services/permissions';

/** Same multipart form as POST searches; nothing is stored. */
export const POST = apiRoute<{ reviewId: string }>(async ({ request, user, params }) => {
  await requireReviewRole(params.reviewId, user.id, 'owner');
  return json(await withImportUpload(request, (upload) => previewImport(user.id, params.reviewId, upload)));
});
