/**
 * The embedded database (PGlite) in a worker thread, behind the part of PGlite's interface the app
 * uses: query, exec, transaction (query/exec/rollback/closed), close, waitReady. Prisma's adapter
 * (pglite-prisma-adapter), the hot-statement runner (sql.ts) and COPY (staged-records.ts) take it
 * in place of a PGlite instance. Why: PGlite's WASM and JS then run on the machine's second core
 * instead of next to Next.js on the app's only JS thread.
 *
 * - Parsers (functions) stay here: the worker returns the columns of types the caller parses itself
 *   as text, and they are parsed here; every other column is parsed by PGlite in the worker.
 * - Errors keep message, name and fields (code, severity, detail…); a server error is rebuilt as
 *   PGlite's DatabaseError, which Prisma's adapter checks with instanceof.
 * - COPY ... FROM '/dev/blob': the blob's bytes are moved to the worker.
 *
 * Bundling: see lib/worker-threads.ts.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { messages, type PGlite, type QueryOptions, type Results, type Transaction } from '@electric-sql/pglite';
import type { WireError, WireQueryOptions, WireResults, WorkerOptions, WorkerReply, WorkerRequest } from './pglite-worker-protocol';
import { PendingReplies, runsFromSource, startSourceWorker } from '../worker-threads';

/** What the app uses of PGlite (a PGlite instance is one too). */
export type PGliteLike = Pick<PGlite, 'query' | 'exec' | 'transaction' | 'close' | 'closed' | 'waitReady'>;

function startWorker(options: WorkerOptions): Worker {
  if (runsFromSource(import.meta.url)) return startSourceWorker(path.join(path.dirname(fileURLToPath(import.meta.url)), 'pglite-worker.ts'), { workerData: options });
  return new Worker(new URL('./pglite-worker.ts', import.meta.url), { workerData: options });
}

type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export class WorkerPGlite implements PGliteLike {
  private readonly worker: Worker;
  private readonly pending: PendingReplies<unknown>;
  private seq = 0;
  private failure?: Error;
  private isClosed = false;
  private closing?: Promise<void>;
  readonly waitReady: Promise<void>;

  constructor(where: string | WorkerOptions = {}) {
    this.worker = startWorker(typeof where === 'string' ? { dataDir: where } : where);
    this.pending = new PendingReplies(this.worker);
    this.worker.on('message', (m: WorkerReply) => {
      const waiter = this.pending.take(m.id);
      if (!waiter) return;
      if (m.ok) waiter.resolve(m.result);
      else waiter.reject(fromWire(m.error));
    });
    this.worker.on('error', (e) => this.fail(e));
    this.worker.on('exit', (code) => this.fail(new Error(`the embedded database's worker stopped (exit code ${code})`)));
    this.waitReady = this.query('SELECT 1').then(() => undefined);
    this.waitReady.catch(() => undefined);
  }

  get closed(): boolean {
    return this.isClosed;
  }

  async query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    return this.runQuery<T>(undefined, sql, params, options);
  }

  async exec(sql: string, options?: QueryOptions): Promise<Results[]> {
    return this.runExec(undefined, sql, options);
  }

  async transaction<T>(callback: (tx: Transaction) => Promise<T>): Promise<T> {
    const txId = (await this.call({ op: 'txBegin' })) as number;
    let closed = false;
    const check = () => {
      if (closed) throw new Error('Transaction is closed');
    };
    const tx: Transaction = {
      query: async <R>(sql: string, params?: unknown[], options?: QueryOptions) => (check(), this.runQuery<R>(txId, sql, params, options)),
      exec: async (sql: string, options?: QueryOptions) => (check(), this.runExec(txId, sql, options)),
      sql: async () => {
        throw new Error('tx.sql is not supported by the worker proxy');
      },
      listen: async () => {
        throw new Error('tx.listen is not supported by the worker proxy');
      },
      rollback: async () => {
        check();
        await this.call({ op: 'txRollback', tx: txId });
        closed = true;
      },
      get closed() {
        return closed;
      },
    };
    let result: T;
    try {
      result = await callback(tx);
    } catch (e) {
      closed = true;
      await this.call({ op: 'txEnd', tx: txId, commit: false }).catch(() => undefined);
      throw e;
    }
    closed = true;
    await this.call({ op: 'txEnd', tx: txId, commit: true });
    return result;
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      if (!this.failure) await this.call({ op: 'close' }).catch(() => undefined);
      this.isClosed = true;
      this.failure ??= new Error('the embedded database is closed');
      await this.worker.terminate();
    })();
    return this.closing;
  }

  private async runQuery<T>(tx: number | undefined, sql: string, params: unknown[] | undefined, options: QueryOptions | undefined): Promise<Results<T>> {
    const { wire, transfer } = await toWireOptions(options);
    const r = (await this.call({ op: 'query', tx, sql, params, options: wire }, transfer)) as WireResults;
    return fromWireResults(r, options) as Results<T>;
  }

  private async runExec(tx: number | undefined, sql: string, options: QueryOptions | undefined): Promise<Results[]> {
    const { wire, transfer } = await toWireOptions(options);
    const rs = (await this.call({ op: 'exec', tx, sql, options: wire }, transfer)) as WireResults[];
    return rs.map((r) => fromWireResults(r, options));
  }

  private call(request: Request, transfer: ArrayBuffer[] = []): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.add(id, resolve, reject);
      this.worker.postMessage({ ...request, id }, transfer);
    });
  }

  private fail(e: Error): void {
    if (this.failure && this.pending.size === 0) return;
    this.failure ??= e;
    this.isClosed = true;
    this.pending.rejectAll(this.failure);
  }
}

async function toWireOptions(options: QueryOptions | undefined): Promise<{ wire?: WireQueryOptions; transfer: ArrayBuffer[] }> {
  if (!options) return { transfer: [] };
  if (options.serializers || options.onNotice) throw new Error('serializers and onNotice are not supported by the worker proxy');
  const wire: WireQueryOptions = {};
  const transfer: ArrayBuffer[] = [];
  if (options.rowMode) wire.rowMode = options.rowMode;
  if (options.paramTypes) wire.paramTypes = options.paramTypes;
  if (options.parsers) wire.rawTypes = Object.keys(options.parsers).map(Number);
  if (options.blob) {
    wire.blob = await options.blob.arrayBuffer();
    transfer.push(wire.blob);
  }
  return { wire, transfer };
}

function fromWireResults(r: WireResults, options: QueryOptions | undefined): Results {
  const parsers = options?.parsers;
  if (parsers && r.rows.length) {
    const columns: { index: number; name: string; type: number }[] = [];
    r.fields.forEach((f, index) => {
      if (parsers[f.dataTypeID]) columns.push({ index, name: f.name, type: f.dataTypeID });
    });
    if (columns.length) {
      const arrays = options?.rowMode === 'array';
      for (const row of r.rows as Record<string | number, unknown>[]) {
        for (const c of columns) {
          const key = arrays ? c.index : c.name;
          const v = row[key];
          if (v !== null && v !== undefined) row[key] = (parsers[c.type] as (value: string, typeId: number) => unknown)(v as string, c.type);
        }
      }
    }
  }
  const out: Results = { rows: r.rows as Results['rows'], fields: r.fields };
  if (r.affectedRows !== undefined) out.affectedRows = r.affectedRows;
  if (r.blob) out.blob = new Blob([r.blob]);
  return out;
}

function fromWire(w: WireError): Error {
  const e: Error = w.database ? new messages.DatabaseError(w.message, Number(w.fields.length ?? 0), 'error') : new Error(w.message);
  Object.assign(e, w.fields);
  e.name = w.name;
  if (w.stack) e.stack = w.stack;
  return e;
}
