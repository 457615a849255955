import { apiRoute } from '@/lib/api/handler';
import { json, queryObject, readJson } from '@/lib/api/respond';
import { decide, undoDecision } from '@/lib/services/screening';

type P = { reviewId: string; recordId: string };

/** Records (or changes) the caller's decision; a repeated identical submission is answered 200, not stored twice. */
export const POST = apiRoute<P>(async ({ request, user, params }) => {
  const result = await decide(user.id, params.reviewId, params.recordId, await readJson(request));
  const body = { ...result.decision, decision: result.decision.value, effect: result.effect, decisionsCount: result.decisionsCount, requiredDecisions: result.required };
  return json(body, result.effect === 'created' ? 201 : 200);
});

/** Withdraws the caller's own decision at `?stage=` (undo). */
export const DELETE = apiRoute<P>(async ({ request, user, params }) => {
  await undoDecision(user.id, params.reviewId, params.recordId, queryObject(request).stage ?? 'title_abstract');
  return new Response(null, { status: 204 });
});
