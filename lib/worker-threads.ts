/**
 * What the app's two worker threads (deduplication, the embedded database) share.
 *
 * Bundling: `new Worker(new URL('./x.ts', import.meta.url))` is the form Next's bundler
 * (Turbopack) compiles into a worker chunk of the built app, so it stays at each call site. Run
 * from source (vitest, tsx), a module's URL ends in .ts and its worker starts here instead, through
 * ts-worker-source.mjs, which registers tsx first.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** Whether the module at `moduleUrl` runs from source rather than from the built app. */
export const runsFromSource = (moduleUrl: string): boolean => moduleUrl.endsWith('.ts');

/** Starts the TypeScript file `entryFile` (an absolute path) as a worker, from source. */
export function startSourceWorker(entryFile: string, options: WorkerOptions = {}): Worker {
  const bootstrap = path.join(path.dirname(fileURLToPath(import.meta.url)), 'ts-worker-source.mjs');
  const workerData = { ...(options.workerData as object | undefined), entry: pathToFileURL(entryFile).href };
  // Reflect.construct, not `new Worker(...)`: the bundler would compile the bootstrap (and tsx) as a worker entry.
  return Reflect.construct(Worker, [bootstrap, { ...options, workerData }]) as Worker;
}

/**
 * Replies awaited from a worker, by request id. The worker keeps the process alive only while one
 * is awaited; when the worker fails, every awaited reply is rejected with the failure.
 */
export class PendingReplies<T> {
  private readonly waiting = new Map<number, { resolve: (value: T) => void; reject: (e: Error) => void }>();

  constructor(private readonly worker: Worker) {
    worker.unref();
  }

  get size(): number {
    return this.waiting.size;
  }

  add(id: number, resolve: (value: T) => void, reject: (e: Error) => void): void {
    this.waiting.set(id, { resolve, reject });
    if (this.waiting.size === 1) this.worker.ref();
  }

  /** The waiter for `id`, no longer awaited (undefined if it was not). */
  take(id: number): { resolve: (value: T) => void; reject: (e: Error) => void } | undefined {
    const waiter = this.waiting.get(id);
    if (!waiter) return undefined;
    this.waiting.delete(id);
    if (this.waiting.size === 0) this.worker.unref();
    return waiter;
  }

  rejectAll(e: Error): void {
    for (const id of [...this.waiting.keys()]) this.take(id)!.reject(e);
  }
}
