/**
 * Messages between the app's thread and the worker thread that owns the embedded database
 * (pglite-in-worker.ts, pglite-worker.ts). Everything here survives structured cloning: no
 * functions (parsers stay on the app's side), Blobs travel as ArrayBuffers.
 */

/** Query options as sent: parsers become the list of type ids the worker must leave as text. */
export type WireQueryOptions = {
  rowMode?: 'array' | 'object';
  /** Type ids the caller parses itself (its own `parsers`): the worker returns them as text. */
  rawTypes?: number[];
  paramTypes?: number[];
  /** COPY ... FROM '/dev/blob' input. */
  blob?: ArrayBuffer;
};

export type WorkerRequest =
  | { id: number; op: 'query'; tx?: number; sql: string; params?: unknown[]; options?: WireQueryOptions }
  | { id: number; op: 'exec'; tx?: number; sql: string; options?: WireQueryOptions }
  | { id: number; op: 'txBegin' }
  | { id: number; op: 'txRollback'; tx: number }
  /** Ends a transaction: commit (unless rolled back already) or roll back. */
  | { id: number; op: 'txEnd'; tx: number; commit: boolean }
  | { id: number; op: 'close' };

export type WireResults = {
  rows: unknown[];
  fields: { name: string; dataTypeID: number }[];
  affectedRows?: number;
  /** COPY ... TO '/dev/blob' output. */
  blob?: ArrayBuffer;
};

/** An error as data: message, name and every primitive field (code, severity, detail…). */
export type WireError = { message: string; name: string; stack?: string; database: boolean; fields: Record<string, string | number | boolean | undefined> };

export type WorkerReply = { id: number; ok: true; result?: unknown } | { id: number; ok: false; error: WireError };

/** Where the database is: a folder, or (tests) a dump to load into memory; neither: in memory. */
export type WorkerOptions = { dataDir?: string; loadDataDir?: ArrayBuffer };

export type WorkerData = WorkerOptions & { entry?: string };
