'use server';
import { revalidatePath } from 'next/cache';
import { actionError, type ActionResult } from '@/lib/actions/result';
import { requireActionUser } from '@/lib/auth/session';
import { decideReviewDuplicate } from '@/lib/services/duplicates';

export type DuplicateDecisionPayload = { action: 'merge' | 'not_duplicate' | 'undo'; keepRecordId?: string };

/** Merges a pair (keeping the chosen record), keeps it apart, or undoes that; owners only. */
export async function decideDuplicateAction(reviewId: string, pairId: string, input: DuplicateDecisionPayload): Promise<ActionResult<{ status: string }>> {
  try {
    const user = await requireActionUser();
    const pair = await decideReviewDuplicate(user.id, reviewId, pairId, input);
    // Counts to screen, PRISMA and the Import page's totals change with every decision.
    revalidatePath(`/reviews/${reviewId}`, 'layout');
    return { ok: true, status: pair.status };
  } catch (error) {
    return actionError(error, `decideDuplicate review=${reviewId} pair=${pairId}`);
  }
}
