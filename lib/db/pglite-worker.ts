/**
 * Worker thread entry that owns the embedded database (pglite-in-worker.ts is the app's side).
 * Requests are handed to PGlite as they arrive: PGlite itself queues statements behind a running
 * one and behind an open transaction, exactly as it does in the app's thread.
 *
 * A transaction is `pglite.transaction(cb)` whose callback waits for the app's side to end it;
 * statements tagged with its id run on its `tx`. Ending it waits for the statements already sent
 * on it (a ROLLBACK sent without waiting, as Prisma's adapter does, settles before the end).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type QueryOptions, type Results, type Transaction } from '@electric-sql/pglite';
import type { WireError, WireQueryOptions, WireResults, WorkerData, WorkerReply, WorkerRequest } from './pglite-worker-protocol';

const data = workerData as WorkerData;
const pglite = data.loadDataDir ? new PGlite({ loadDataDir: new Blob([data.loadDataDir]) }) : new PGlite(data.dataDir);

type OpenTx = { tx: Transaction; end: (commit: boolean) => void; endId?: number; pending: Promise<unknown> };
const transactions = new Map<number, OpenTx>();
let nextTx = 0;

const reply = (m: WorkerReply, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(m, transfer);
const fail = (id: number, e: unknown) => reply({ id, ok: false, error: toWire(e) });

function toWire(e: unknown): WireError {
  if (!(e instanceof Error)) return { message: String(e), name: 'Error', database: false, fields: {} };
  const fields: WireError['fields'] = {};
  for (const [k, v] of Object.entries(e)) {
    if (v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') fields[k] = v;
  }
  // DatabaseError is PGlite's server error (it carries severity and the SQLSTATE code).
  const database = e.constructor?.name === 'DatabaseError' || (typeof fields.severity === 'string' && typeof fields.code === 'string');
  return { message: e.message, name: e.name, stack: e.stack, database, fields };
}

const identity = (v: string) => v;

function queryOptions(o: WireQueryOptions | undefined): QueryOptions | undefined {
  if (!o) return undefined;
  const options: QueryOptions = {};
  if (o.rowMode) options.rowMode = o.rowMode;
  if (o.paramTypes) options.paramTypes = o.paramTypes;
  if (o.rawTypes?.length) options.parsers = Object.fromEntries(o.rawTypes.map((t) => [t, identity]));
  if (o.blob) options.blob = new Blob([o.blob]);
  return options;
}

async function toWireResults(r: Results<unknown>, transfer: ArrayBuffer[]): Promise<WireResults> {
  const out: WireResults = { rows: r.rows, fields: r.fields };
  if (r.affectedRows !== undefined) out.affectedRows = r.affectedRows;
  if (r.blob) {
    out.blob = await r.blob.arrayBuffer();
    transfer.push(out.blob);
  }
  return out;
}

function target(m: { tx?: number }): Pick<Transaction, 'query' | 'exec'> {
  return m.tx === undefined ? pglite : openTx(m.tx);
}

function openTx(txId: number): Transaction {
  const open = transactions.get(txId);
  if (!open) throw new Error('Transaction is closed');
  return open.tx;
}

async function run(m: WorkerRequest): Promise<void> {
  const transfer: ArrayBuffer[] = [];
  switch (m.op) {
    case 'query': {
      const r = await target(m).query(m.sql, m.params, queryOptions(m.options));
      return reply({ id: m.id, ok: true, result: await toWireResults(r, transfer) }, transfer);
    }
    case 'exec': {
      const rs = await target(m).exec(m.sql, queryOptions(m.options));
      const result = [];
      for (const r of rs) result.push(await toWireResults(r, transfer));
      return reply({ id: m.id, ok: true, result }, transfer);
    }
    case 'txBegin': {
      const txId = ++nextTx;
      let begun = false;
      pglite
        .transaction(async (tx) => {
          const ended = new Promise<boolean>((resolve) => transactions.set(txId, { tx, end: resolve, pending: Promise.resolve() }));
          begun = true;
          reply({ id: m.id, ok: true, result: txId });
          if (!(await ended)) throw ROLLBACK;
        })
        .then(
          () => settleTx(txId, undefined),
          (e: unknown) => {
            if (!begun) fail(m.id, e);
            else settleTx(txId, e === ROLLBACK ? undefined : e);
          },
        );
      return;
    }
    case 'txRollback':
      await openTx(m.tx).rollback();
      return reply({ id: m.id, ok: true });
    case 'txEnd': {
      const open = transactions.get(m.tx);
      if (!open) return fail(m.id, new Error('Transaction is closed'));
      open.endId = m.id;
      // Statements sent on the transaction before its end settle first (see the file's comment).
      await open.pending.catch(() => undefined);
      open.end(m.commit);
      return;
    }
    case 'close':
      for (const open of transactions.values()) open.end(false);
      await pglite.close();
      reply({ id: m.id, ok: true });
      setImmediate(() => process.exit(0));
      return;
  }
}

const ROLLBACK = Symbol('rollback');

function settleTx(txId: number, error: unknown): void {
  const open = transactions.get(txId);
  transactions.delete(txId);
  if (open?.endId === undefined) return;
  if (error === undefined) reply({ id: open.endId, ok: true });
  else fail(open.endId, error);
}

parentPort!.on('message', (m: WorkerRequest) => {
  const done = run(m).catch((e: unknown) => fail(m.id, e));
  if ((m.op === 'query' || m.op === 'exec' || m.op === 'txRollback') && m.tx !== undefined) {
    const open = transactions.get(m.tx);
    if (open) open.pending = Promise.all([open.pending, done]);
  }
});
