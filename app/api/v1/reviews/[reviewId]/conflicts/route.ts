import { apiRoute } from '@/lib/api/handler';
import { json, queryObject } from '@/lib/api/respond';
import { listStageConflicts } from '@/lib/services/dual-screening';

/** Adjudicators: records whose decisions disagree (`status=open`, default) or were resolved. */
export const GET = apiRoute<{ reviewId: string }>(async ({ request, user, params }) => json(await listStageConflicts(user.id, params.reviewId, queryObject(request))));
