/**
 * Deduplication of an import or preview against the review's earlier records: which session to
 * open (in this thread or a worker), and loading the earlier records it has not seen yet.
 */
import { listDedupCandidateRecords, type DedupCandidateState } from '../../db/records';
import type { Tx } from '../../db/client';
import { LocalDedupSession, type DedupSession } from './dedup-session';
import { heapLimitMb, WorkerDedupSession } from './dedup-in-worker';

/**
 * Below these sizes deduplication takes milliseconds and a worker's start (~50 ms built, more from
 * source) is not worth it: about 500 records of a PubMed file, or 2,000 earlier records.
 */
const WORKER_MIN_FILE_BYTES = 1 << 20;
const WORKER_MIN_EARLIER_RECORDS = 2000;

export function openDedupSession(fileBytes: number, earlierRecords: number): DedupSession {
  const big = fileBytes >= WORKER_MIN_FILE_BYTES || earlierRecords >= WORKER_MIN_EARLIER_RECORDS;
  return big ? new WorkerDedupSession(heapLimitMb(fileBytes, earlierRecords)) : new LocalDedupSession();
}

/** Hands the session the earlier records among `states` that it has not been given yet. */
export async function loadEarlierRecords(session: DedupSession, states: DedupCandidateState[], loaded: Set<string>, tx?: Tx): Promise<void> {
  const missing = states.filter((s) => !loaded.has(s.id)).map((s) => s.id);
  for await (const page of listDedupCandidateRecords(missing, tx)) {
    session.addExisting(page);
    for (const r of page) loaded.add(r.id);
  }
}
