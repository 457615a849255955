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

export type Db = PrismaClient;
/** The client inside `db.$transaction(async (tx) => ...)`. */
export type Tx = Prisma.TransactionClient;

const holder = globalThis as unknown as { __sieveDb?: PrismaClient; __sievePglite?: PGlite };

function createDbFromEnv(): PrismaClient {
  const target = databaseTargetFromEnv();
  if (target.kind === 'postgres') {
    return new PrismaClient({ adapter: new PrismaPg({ connectionString: target.url, max: 10 }) });
  }
  acquirePgliteLock(target.dataDir!);
  holder.__sievePglite = new PGlite(target.dataDir);
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

export function setDb(client: PrismaClient | undefined): void {
  holder.__sieveDb = client;
}

/** Closes the process's database, if one was opened (CLI and scripts; the server never closes it). */
export async function closeDb(): Promise<void> {
  const client = holder.__sieveDb;
  const pglite = holder.__sievePglite;
  holder.__sieveDb = undefined;
  holder.__sievePglite = undefined;
  await client?.$disconnect();
  if (pglite && !pglite.closed) await pglite.close();
}
