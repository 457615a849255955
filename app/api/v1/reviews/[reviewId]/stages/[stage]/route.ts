import { apiRoute } from '@/lib/api/handler';
import { json, readJson } from '@/lib/api/respond';
import { changeStageSettings } from '@/lib/services/dual-screening';

/** Owners: decisions required per record (1-3), blinding (unblinding is logged), checklist. */
export const PATCH = apiRoute<{ reviewId: string; stage: string }>(async ({ request, user, params }) =>
  json(await changeStageSettings(user.id, params.reviewId, params.stage, await readJson(request))),
);
