'use server';
import { revalidatePath } from 'next/cache';
import { actionError, type ActionResult } from '@/lib/actions/result';
import { requireActionUser } from '@/lib/auth/session';
import { assignBatch, changeStageSettings } from '@/lib/services/dual-screening';

type Stage = 'title_abstract' | 'full_text';

// Settings change what every workspace page shows (queues, conflicts, agreement): refresh them all.
const revalidate = (reviewId: string) => revalidatePath(`/reviews/${reviewId}`, 'layout');

/** Owners: decisions needed per record, blinding (unblinding is logged) and the checklist. */
export async function changeStageSettingsAction(
  reviewId: string,
  stage: Stage,
  input: { requiredDecisions?: number; isBlinded?: boolean; hasChecklist?: boolean },
): Promise<ActionResult> {
  try {
    const user = await requireActionUser();
    await changeStageSettings(user.id, reviewId, stage, input);
    revalidate(reviewId);
    return { ok: true };
  } catch (error) {
    return actionError(error, `changeStageSettings review=${reviewId} stage=${stage}`);
  }
}

/** Owners: reserves the next `count` unassigned records that still need decisions for one reviewer. */
export async function assignRecordsAction(reviewId: string, input: { reviewerId: string; stage: Stage; count: number }): Promise<ActionResult<{ assigned: number }>> {
  try {
    const user = await requireActionUser();
    const { assigned } = await assignBatch(user.id, reviewId, input);
    revalidate(reviewId);
    return { ok: true, assigned };
  } catch (error) {
    return actionError(error, `assignRecords review=${reviewId} stage=${input.stage}`);
  }
}
