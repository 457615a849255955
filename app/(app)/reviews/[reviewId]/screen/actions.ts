'use server';
import { actionError, type ActionResult } from '@/lib/actions/result';
import { requireActionUser } from '@/lib/auth/session';
import { stageSchema } from '@/lib/schemas/screening';
import { loadQueue } from './_lib/load-screening';
import type { ProgressView, QueueItem } from './_lib/types';

/** The next records of the caller's queue (passing over `skip`), with their progress at the stage. */
export async function loadQueueAction(reviewId: string, stage: string, skip: string[], count: number): Promise<ActionResult<{ items: QueueItem[]; progress: ProgressView }>> {
  try {
    const user = await requireActionUser();
    const ids = Array.isArray(skip) ? skip.filter((s): s is string => typeof s === 'string') : [];
    return { ok: true, ...(await loadQueue(user.id, reviewId, stageSchema.parse(stage), ids, Number(count) || 1)) };
  } catch (error) {
    return actionError(error, `loadQueue review=${reviewId} stage=${stage}`);
  }
}
