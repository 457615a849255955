/**
 * The one Prisma client of the process, built from configuration (lib/db/config.ts). Only code in
 * lib/db imports it. Tests install their own client (fresh database per file) with setDb().
 */
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { databaseTargetFromEnv } from './config';
import { PrismaClient, type Prisma } from './generated/client';
import { startEmbeddedMaintenance } from './embedded-maintenance';
import { acquirePgliteLock } from './pglite-lock';
import { pgliteRunner, postgresRunner, prismaRunner, type SqlRunner } from './sql';
import pg from 'pg';

export type Db = PrismaClient;
/** The client inside `db.$transaction(async (tx) => ...)`. */
export type Tx = Prisma.TransactionClient;

const holder = globalThis as unknown as { __sieveDb?: PrismaClient; __sievePglite?: PGlite; __sieveSql?: SqlRunner; __sievePool?: pg.Pool };

function createDbFromEnv(): PrismaClient {
  const target = databaseTargetFromEnv();
  if (target.kind === 'postgres') {
    // One pool for the Prisma client and the hot statements of lib/db/sql.ts.
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
    // An idle connection the server closed (restart, admin) is dropped and replaced by the pool;
    // without a listener, Node would treat the 'error' event as fatal.
    pool.on('error', (e) => console.error(`database connection lost: ${e.message}`));
    holder.__sievePool = pool;
    holder.__sieveSql = postgresRunner(pool);
    return new PrismaClient({ adapter: new PrismaPg(pool) });
  }
  acquirePgliteLock(target.dataDir!);
  holder.__sievePglite = new PGlite(target.dataDir);
  holder.__sieveSql = pgliteRunner(holder.__sievePglite);
  const client = new PrismaClient({ adapter: new PrismaPGlite(holder.__sievePglite) });
  // In the server only: scripts and the CLI open the database briefly and close it again.
  if (process.env.NEXT_RUNTIME) startEmbeddedMaintenance(() => client);
  return client;
}

export function getDb(): PrismaClient {
  // Kept on globalThis so Next.js dev reloads do not open the embedded database twice.
  holder.__sieveDb ??= createDbFromEnv();
  return holder.__sieveDb;
}

/** The runner for the hot statements (lib/db/sql.ts), on the same database as getDb(). */
export function getSql(): SqlRunner {
  const db = getDb();
  holder.__sieveSql ??= prismaRunner(db);
  return holder.__sieveSql;
}

/** Installs a client (tests), with a runner on the same database when there is one. */
export function setDb(client: PrismaClient | undefined, sql?: SqlRunner): void {
  holder.__sieveDb = client;
  holder.__sieveSql = client ? sql : undefined;
}

/** Closes the process's database, if one was opened (CLI and scripts; the server never closes it). */
export async function closeDb(): Promise<void> {
  const client = holder.__sieveDb;
  const pglite = holder.__sievePglite;
  const pool = holder.__sievePool;
  holder.__sieveDb = undefined;
  holder.__sievePglite = undefined;
  holder.__sieveSql = undefined;
  holder.__sievePool = undefined;
  await client?.$disconnect();
  await pool?.end();
  if (pglite && !pglite.closed) await pglite.close();
}
