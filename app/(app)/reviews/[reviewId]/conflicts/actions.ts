'use server';
import { revalidatePath } from 'next/cache';
import { actionError, type ActionResult } from '@/lib/actions/result';
import { requireActionUser } from '@/lib/auth/session';
import { commentOnConflict, resolveConflict } from '@/lib/services/dual-screening';

export type ResolutionPayload = { stage: 'title_abstract' | 'full_text'; decision: 'include' | 'exclude'; reasonId: string | null; note: string };

// A resolution moves the record on (full text, PRISMA counts, progress): refresh the workspace.
const revalidate = (reviewId: string) => revalidatePath(`/reviews/${reviewId}`, 'layout');

/** Records the final decision on a conflict (or changes it); the reviewers' decisions stay as they were. */
export async function resolveConflictAction(reviewId: string, recordId: string, input: ResolutionPayload): Promise<ActionResult<{ outcome: string }>> {
  try {
    const user = await requireActionUser();
    const { outcome } = await resolveConflict(user.id, reviewId, recordId, input);
    revalidate(reviewId);
    return { ok: true, outcome };
  } catch (error) {
    return actionError(error, `resolveConflict review=${reviewId} record=${recordId}`);
  }
}

/** Adds a comment to a conflict's discussion. */
export async function commentOnConflictAction(reviewId: string, recordId: string, input: { stage: 'title_abstract' | 'full_text'; body: string }): Promise<ActionResult> {
  try {
    const user = await requireActionUser();
    await commentOnConflict(user.id, reviewId, recordId, input);
    revalidatePath(`/reviews/${reviewId}/conflicts`);
    return { ok: true };
  } catch (error) {
    return actionError(error, `commentOnConflict review=${reviewId} record=${recordId}`);
  }
}
