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
 * Bundling: `new Worker(new URL('./dedup-worker.ts', import.meta.url))` is the form Next's
 * bundler (Turbopack) recognises and compiles into a worker chunk of the built app
 * (.next/server/chunks/[worker thread]-...dedup-worker...js). Run from source (vitest, tsx), this
 * module's URL ends in .ts and the worker starts through dedup-worker-source.mjs, which registers
 * tsx first.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../errors';
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
  if (import.meta.url.endsWith('.ts')) {
    const entry = pathToFileURL(sourceFile('worker')).href;
    // Reflect.construct, not `new Worker(...)`: the bundler would compile the bootstrap (and tsx) as a worker entry.
    return Reflect.construct(Worker, [sourceFile('bootstrap'), { workerData: { entry }, resourceLimits }]) as Worker;
  }
  return new Worker(new URL('./dedup-worker.ts', import.meta.url), { resourceLimits });
}

/** Source files (the built app never uses them). */
const SOURCE_FILES = { worker: 'dedup-worker.ts', bootstrap: 'dedup-worker-source.mjs' };
const sourceFile = (key: keyof typeof SOURCE_FILES) => path.join(path.dirname(fileURLToPath(import.meta.url)), SOURCE_FILES[key]);

export class WorkerDedupSession implements DedupSession {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (plan: DuplicatePlan) => void; reject: (e: Error) => void }>();
  private seq = 0;
  private failure?: Error;
  private closed = false;

  constructor(private readonly heapMb: number) {
    this.worker = startWorker(heapMb);
    this.worker.unref(); // kept alive only while a plan is awaited (see plan)
    this.worker.on('message', (reply: WorkerReply) => {
      const waiter = this.pending.get(reply.seq);
      if (!waiter) return;
      this.settled(reply.seq);
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
      this.pending.set(seq, { resolve, reject });
      this.worker.ref();
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

  private settled(seq: number): void {
    this.pending.delete(seq);
    if (this.pending.size === 0) this.worker.unref();
  }

  private fail(e: Error & { code?: string }): void {
    if (this.failure) return;
    this.failure =
      e.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new AppError('payload_too_large', `Deduplicating this file needs more than ${this.heapMb} MB of memory; import the search in several smaller files. Nothing was imported.`)
        : e;
    for (const [seq, waiter] of this.pending) {
      this.settled(seq);
      waiter.reject(this.failure);
    }
  }
}
