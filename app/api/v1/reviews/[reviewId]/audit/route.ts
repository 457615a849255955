import { apiRoute } from '@/lib/api/handler';
import { csvResponse } from '@/lib/api/csv-response';
import { json, queryObject } from '@/lib/api/respond';
import { auditCsv, browseAudit } from '@/lib/services/audit-trail';

/** Owners: the append-only audit trail, oldest first; `format=csv` downloads all of it. */
export const GET = apiRoute<{ reviewId: string }>(async ({ request, user, params }) => {
  const query = queryObject(request);
  if (query.format === 'csv') return csvResponse(await auditCsv(user.id, params.reviewId), 'audit-trail.csv');
  return json(await browseAudit(user.id, params.reviewId, query));
});
