/**
 * The one Prisma client of the process, built from configuration (lib/db/config.ts). Only code in
 * lib/db imports it. Tests install their own client (fresh database per file) with setDb().
 *
 * Beside the client, the driver it runs on (the node-postgres pool, or the PGlite instance): bulk
 * loading uses COPY, which Prisma cannot send (lib/db/staged-records.ts), and screening's hot
 * statements skip the client's per-query work (lib/db/sql.ts, decision 009).
 */
import os from 'node:os';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { getEnv } from '../env';
import { databaseTargetFromEnv, pgliteWorkerEnabled } from './config';
import { PrismaClient, type Prisma } from './generated/client';
import { startEmbeddedMaintenance } from './embedded-maintenance';
import { WorkerPGlite, type PGliteLike } from './pglite-in-worker';
import { acquirePgliteLock } from './pglite-lock';
import { pgliteRunner, postgresRunner, type SqlRunner } from './sql';

export type Db = PrismaClient;
/** The client inside `db.$transaction(async (tx) => ...)`. */
export type Tx = Prisma.TransactionClient;

/** The driver under the Prisma client: the same database, for what Prisma cannot do (COPY). */
export type DbDriver = { kind: 'postgres'; pool: pg.Pool } | { kind: 'pglite'; pglite: PGliteLike };

/** Whether this process runs the embedded database in a worker thread (config.ts). */
export function pgliteInWorker(): boolean {
  return pgliteWorkerEnabled(getEnv(), Boolean(process.env.NEXT_RUNTIME), os.availableParallelism());
}

const holder = globalThis as unknown as { __sieveDb?: PrismaClient; __sieveDriver?: DbDriver; __sieveOwnsDriver?: boolean };

function createDbFromEnv(): { client: PrismaClient; driver: DbDriver } {
  const target = databaseTargetFromEnv();
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
    // An idle connection the server closed (restart, admin) is dropped and replaced by the pool;
    // without a listener, Node would treat the 'error' event as fatal.
    pool.on('error', (e) => console.error(`database connection lost: ${e.message}`));
    // The client ends the pool when it disconnects, as it would a pool of its own.
    return { client: new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) }), driver: { kind: 'postgres', pool } };
  }
  acquirePgliteLock(target.dataDir!);
  const pglite: PGliteLike = pgliteInWorker() ? new WorkerPGlite(target.dataDir) : new PGlite(target.dataDir);
  // The adapter uses query, exec and transaction (with tx.query/exec/rollback): all in PGliteLike.
  const client = new PrismaClient({ adapter: new PrismaPGlite(pglite as PGlite) });
  // In the server only: scripts and the CLI open the database briefly and close it again.
  if (process.env.NEXT_RUNTIME) startEmbeddedMaintenance(() => client);
  return { client, driver: { kind: 'pglite', pglite } };
}

function open(): void {
  const { client, driver } = createDbFromEnv();
  holder.__sieveDb = client;
  holder.__sieveDriver = driver;
  holder.__sieveOwnsDriver = true;
}

export function getDb(): PrismaClient {
  // Kept on globalThis so Next.js dev reloads do not open the embedded database twice.
  if (!holder.__sieveDb) open();
  return holder.__sieveDb!;
}

/** The driver under getDb()'s client. */
export function getDbDriver(): DbDriver {
  if (!holder.__sieveDb) open();
  return holder.__sieveDriver!;
}

// On globalThis like the client: the built app has a copy of this module per route bundle, and a
// runner remembers which statements its database has prepared.
const runners = ((globalThis as unknown as { __sieveRunners?: WeakMap<object, SqlRunner> }).__sieveRunners ??= new WeakMap());

/** The runner for the hot statements (lib/db/sql.ts), on the driver under getDb()'s client. */
export function getSql(): SqlRunner {
  const driver = getDbDriver();
  const key = driver.kind === 'postgres' ? driver.pool : driver.pglite;
  let runner = runners.get(key);
  if (!runner) {
    runner = driver.kind === 'postgres' ? postgresRunner(driver.pool) : pgliteRunner(driver.pglite);
    runners.set(key, runner);
  }
  return runner;
}

/** Installs a client and the driver it runs on (tests); the caller keeps closing both. */
export function setDb(db: { client: PrismaClient; driver: DbDriver } | undefined): void {
  holder.__sieveDb = db?.client;
  holder.__sieveDriver = db?.driver;
  holder.__sieveOwnsDriver = false;
}

/** Closes the process's database, if one was opened (CLI and scripts; the server never closes it). */
export async function closeDb(): Promise<void> {
  const client = holder.__sieveDb;
  const driver = holder.__sieveOwnsDriver ? holder.__sieveDriver : undefined;
  holder.__sieveDb = undefined;
  holder.__sieveDriver = undefined;
  await client?.$disconnect();
  if (driver?.kind === 'pglite' && !driver.pglite.closed) await driver.pglite.close();
}
