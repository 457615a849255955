import { apiRoute } from '@/lib/api/handler';
import { json, readJson } from '@/lib/api/respond';
import { resolveConflict } from '@/lib/services/dual-screening';

/** Adjudicators: the final decision (and, at full text, the reason) on a conflict. */
export const POST = apiRoute<{ reviewId: string; recordId: string }>(async ({ request, user, params }) => {
  const { resolution, outcome } = await resolveConflict(user.id, params.reviewId, params.recordId, await readJson(request));
  return json({ ...resolution, decision: resolution.value, outcome }, 201);
});
