/**
 * A deduplication session in a worker thread, so seconds of CPU at 100,000 records never block
 * the server's event loop. Records are posted in batches as the file is read (each batch is
 * copied into the worker and dropped here); the worker holds only their dedup fields.
 *
 * The worker's heap is capped (heapLimitMb): a pathological file fails its own import with a clear
 * message instead of exhausting the server's memory. This is a guard, not the budget: the budget
 * comes from compact dedup fields (prepare-record.ts, ~1.2 KB per record) and blocking
 * (blocking.ts). Its young generation is kept small (8 MB): a batch job gains nothing from a
 * large one, and it lowered the 100,000-record import's peak by ~25 MB.
 *
 * Bundling: see lib/worker-threads.ts (the built app's worker chunk is
 * .next/server/chunks/[worker thread]-...dedup-worker...js).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../errors';
import { PendingReplies, runsFromSource, startSourceWorker } from '../../worker-threads';
import type { DedupSession, ExistingRecord, ExistingState } from './dedup-session';
import type { DuplicatePlan, IncomingRecordForDedup } from './plan-duplicates';

/** Room for ~3 KB per MB of file and per earlier record on top of a base: several times what is used. */
export function heapLimitMb(fileBytes: number, earlierRecords: number): number {
  return Math.min(4096, 256 + Math.ceil(fileBytes / 2 ** 20) * 2 + Math.ceil(earlierRecords / 300));
}

export type WorkerRequest =
  | { kind: 'incoming'; items: IncomingRecordForDedup[] }
  | { kind: 'existing'; items: ExistingRecord[] }
  | { kind: 'plan'; seq: number; existing: ExistingState[] };

export type WorkerReply = { seq: number; plan: DuplicatePlan; error?: undefined } | { seq: number; error: string };

function startWorker(heapMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 8 };
  if (runsFromSource(import.meta.url)) return startSourceWorker(path.join(path.dirname(fileURLToPath(import.meta.url)), 'dedup-worker.ts'), { resourceLimits });
  return new Worker(new URL('./dedup-worker.ts', import.meta.url), { resourceLimits });
}

export class WorkerDedupSession implements DedupSession {
  private readonly worker: Worker;
  private readonly pending: PendingReplies<DuplicatePlan>;
  private seq = 0;
  private failure?: Error;
  private closed = false;

  constructor(private readonly heapMb: number) {
    this.worker = startWorker(heapMb);
    this.pending = new PendingReplies(this.worker);
    this.worker.on('message', (reply: WorkerReply) => {
      const waiter = this.pending.take(reply.seq);
      if (!waiter) return;
      if (reply.error !== undefined) waiter.reject(new Error(`deduplication failed: ${reply.error}`));
      else waiter.resolve(reply.plan);
    });
    this.worker.on('error', (e: Error & { code?: string }) => this.fail(e));
    this.worker.on('exit', (code) => this.fail(new Error(`the deduplication worker stopped (exit code ${code})`)));
  }

  addIncoming(items: IncomingRecordForDedup[]): void {
    if (items.length) this.post({ kind: 'incoming', items });
  }

  addExisting(items: ExistingRecord[]): void {
    if (items.length) this.post({ kind: 'existing', items });
  }

  plan(existing: ExistingState[]): Promise<DuplicatePlan> {
    if (this.failure) return Promise.reject(this.failure);
    const seq = ++this.seq;
    return new Promise<DuplicatePlan>((resolve, reject) => {
      this.pending.add(seq, resolve, reject);
      this.post({ kind: 'plan', seq, existing });
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.failure ??= new Error('the deduplication session is closed');
    await this.worker.terminate();
  }

  private post(message: WorkerRequest): void {
    if (!this.failure) this.worker.postMessage(message);
  }

  private fail(e: Error & { code?: string }): void {
    if (this.failure) return;
    this.failure =
      e.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new AppError('payload_too_large', `Deduplicating this file needs more than ${this.heapMb} MB of memory; import the search in several smaller files. Nothing was imported.`)
        : e;
    this.pending.rejectAll(this.failure);
  }
}
