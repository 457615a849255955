import { apiRoute } from '@/lib/api/handler';
import { csvResponse } from '@/lib/api/csv-response';
import { json, queryObject } from '@/lib/api/respond';
import { stageQuerySchema } from '@/lib/schemas/screening';
import { stageAgreement, stageAgreementCsv } from '@/lib/services/agreement';

/** Cohen's kappa and percent agreement, overall and per reviewer pair; `format=csv` downloads. */
export const GET = apiRoute<{ reviewId: string }>(async ({ request, user, params }) => {
  const query = queryObject(request);
  const { stage } = stageQuerySchema.parse(query);
  if (query.format === 'csv') return csvResponse(await stageAgreementCsv(user.id, params.reviewId, stage), `agreement-${stage}.csv`);
  return json(await stageAgreement(user.id, params.reviewId, stage));
});
