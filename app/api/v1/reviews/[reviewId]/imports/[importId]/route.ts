import { apiRoute } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { getImportProgress } from '@/lib/services/import';

/** Progress of an import or preview sent with this `importId`; poll it while the upload's request runs. */
export const GET = apiRoute<{ reviewId: string; importId: string }>(async ({ user, params }) => {
  return json(await getImportProgress(user.id, params.reviewId, params.importId), 200, { 'Cache-Control': 'no-store' });
});
