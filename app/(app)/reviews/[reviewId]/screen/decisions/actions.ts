'use server';
import { revalidatePath } from 'next/cache';
import { actionError, type ActionResult } from '@/lib/actions/result';
import { requireActionUser } from '@/lib/auth/session';
import { findOwnDecision } from '@/lib/db/screening';
import { decisionInputSchema } from '@/lib/schemas/screening';
import { requireReviewRole } from '@/lib/services/permissions';
import { decide } from '@/lib/services/screening';

/**
 * Changes one of the caller's own decisions from the "My decisions" table; the service keeps the
 * previous version as a revision. The table does not show the checklist, so its answers are
 * carried over rather than cleared.
 */
export async function changeDecisionAction(reviewId: string, recordId: string, input: unknown): Promise<ActionResult> {
  try {
    const user = await requireActionUser();
    const data = decisionInputSchema.parse(input);
    await requireReviewRole(reviewId, user.id, 'reviewer');
    const existing = await findOwnDecision(reviewId, recordId, user.id, data.stage);
    await decide(user.id, reviewId, recordId, { ...data, checklist: data.checklist ?? existing?.checklist ?? null });
    revalidatePath(`/reviews/${reviewId}/screen`, 'layout');
    return { ok: true };
  } catch (error) {
    return actionError(error, `changeDecision review=${reviewId} record=${recordId}`);
  }
}
