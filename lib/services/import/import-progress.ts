/**
 * Server-side progress of imports and previews, for the Import page: the caller names the job
 * with a UUID of its choosing (form field `importId`) and polls GET /imports/{importId} while its
 * request runs. Phases: reading (bytes and records), deduplicating, saving (records), then done
 * or failed. Kept in this process's memory, like the sign-in rate limiter: one app process serves
 * a Sieve instance (see docs/decisions/001). Finished jobs are forgotten after KEEP_FINISHED_MS.
 */
import { AppError, type ErrorCode } from '../../errors';
import type { ImportProgress } from './scan-file';

const KEEP_FINISHED_MS = 10 * 60_000;

export interface ImportJob {
  id: string;
  reviewId: string;
  kind: 'import' | 'preview';
  phase: ImportProgress['phase'] | 'done' | 'failed';
  bytesRead: number;
  totalBytes: number;
  /** Records read (reading), records to deduplicate (deduplicating), records saved (saving). */
  records: number;
  /** Records to save, known once reading has ended. */
  totalRecords?: number;
  /** The imported search, once done. */
  searchId?: string;
  error?: { code: ErrorCode | 'internal'; message: string };
  startedAt: string;
  updatedAt: string;
}

interface Entry {
  job: ImportJob;
  userId: string;
  finishedAt?: number;
}

// On globalThis: Next.js may load this module once per route bundle, and the polling route must
// see the jobs the import route registers.
const holder = globalThis as unknown as { __sieveImportJobs?: Map<string, Entry> };
const jobs = (holder.__sieveImportJobs ??= new Map());

export interface ImportTracker {
  onProgress(p: ImportProgress): void;
  done(searchId?: string): void;
  failed(error: unknown): void;
}

/** Registers a job; 409 when the id is already in use by a job that has not finished. */
export function trackImport(importId: string, reviewId: string, userId: string, kind: ImportJob['kind'], totalBytes: number): ImportTracker {
  forgetOld();
  const current = jobs.get(importId);
  if (current && current.finishedAt === undefined) throw new AppError('conflict', 'An import with this importId is already running; choose a new UUID.');
  const now = new Date().toISOString();
  const entry: Entry = { userId, job: { id: importId, reviewId, kind, phase: 'reading', bytesRead: 0, totalBytes, records: 0, startedAt: now, updatedAt: now } };
  jobs.set(importId, entry);
  const update = (change: Partial<ImportJob>) => Object.assign(entry.job, change, { updatedAt: new Date().toISOString() });
  return {
    onProgress: (p) => update({ phase: p.phase, bytesRead: p.bytesRead, totalBytes: p.totalBytes, records: p.records, ...(p.phase === 'deduplicating' ? { totalRecords: p.records } : {}) }),
    done: (searchId) => {
      update({ phase: 'done', bytesRead: entry.job.totalBytes, ...(searchId ? { searchId } : {}) });
      entry.finishedAt = Date.now();
    },
    failed: (error) => {
      const e = error instanceof AppError ? { code: error.code, message: error.message } : { code: 'internal' as const, message: 'The import failed on the server. Nothing was imported.' };
      update({ phase: 'failed', error: e });
      entry.finishedAt = Date.now();
    },
  };
}

/** The job of that review, or undefined (unknown, forgotten, or another review's). */
export function findImportJob(reviewId: string, importId: string): ImportJob | undefined {
  forgetOld();
  const entry = jobs.get(importId);
  return entry && entry.job.reviewId === reviewId ? { ...entry.job } : undefined;
}

function forgetOld(): void {
  const cutoff = Date.now() - KEEP_FINISHED_MS;
  for (const [id, entry] of jobs) if (entry.finishedAt !== undefined && entry.finishedAt < cutoff) jobs.delete(id);
}

/** Runs `work` reporting to the job named `importId`, when there is one. */
export async function withImportTracking<T>(
  job: { importId?: string; reviewId: string; userId: string; kind: ImportJob['kind']; totalBytes: number },
  onProgress: ((p: ImportProgress) => void) | undefined,
  work: (onProgress: ((p: ImportProgress) => void) | undefined) => Promise<T>,
  searchIdOf: (result: T) => string | undefined = () => undefined,
): Promise<T> {
  if (!job.importId) return work(onProgress);
  const tracker = trackImport(job.importId, job.reviewId, job.userId, job.kind, job.totalBytes);
  try {
    const result = await work((p) => {
      tracker.onProgress(p);
      onProgress?.(p);
    });
    tracker.done(searchIdOf(result));
    return result;
  } catch (e) {
    tracker.failed(e);
    throw e;
  }
}
