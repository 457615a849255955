/**
 * Worker thread entry of a deduplication session (dedup-in-worker.ts): messages in order,
 * a reply per plan. An error while adding records is reported at the next plan.
 */
import { parentPort } from 'node:worker_threads';
import { LocalDedupSession } from './dedup-session';
import type { WorkerReply, WorkerRequest } from './dedup-in-worker';

const session = new LocalDedupSession();
let failure: string | undefined;

parentPort!.on('message', (m: WorkerRequest) => {
  try {
    if (m.kind === 'incoming') session.addIncoming(m.items);
    else if (m.kind === 'existing') session.addExisting(m.items);
    else {
      if (failure) throw new Error(failure);
      parentPort!.postMessage({ seq: m.seq, plan: session.planNow(m.existing) } satisfies WorkerReply);
    }
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (m.kind === 'plan') parentPort!.postMessage({ seq: m.seq, error: message } satisfies WorkerReply);
    else failure ??= message;
  }
});
