/**
 * A fresh, migrated database for the calling test file, installed as the process's client so
 * lib/db functions use it. Real PGlite or real PostgreSQL: never a mocked Prisma.
 */
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { afterAll, beforeAll, inject } from 'vitest';
import { setDb, type DbDriver } from '../../lib/db/client';
import { WorkerPGlite, type PGliteLike } from '../../lib/db/pglite-in-worker';
import { PrismaClient } from '../../lib/db/generated/client';
import { withDatabase } from './global-setup';

export const dbKind = () => inject('testDb').kind;

export function useTestDatabase(): { db: () => PrismaClient } {
  let client: PrismaClient | undefined;
  let driver: DbDriver | undefined;
  let cleanup: () => Promise<void> = async () => {};
  beforeAll(async () => {
    const cfg = inject('testDb');
    if (cfg.kind === 'pglite') {
      // SIEVE_TEST_PGLITE_WORKER=1: the database in a worker thread, as the server runs it with SIEVE_PGLITE_WORKER=1.
      let pglite: PGliteLike;
      if (process.env.SIEVE_TEST_PGLITE_WORKER === '1') {
        const dump = fs.readFileSync(cfg.dumpFile);
        pglite = new WorkerPGlite({ loadDataDir: dump.buffer.slice(dump.byteOffset, dump.byteOffset + dump.byteLength) as ArrayBuffer });
        await pglite.waitReady;
      } else {
        pglite = await PGlite.create({ loadDataDir: new Blob([fs.readFileSync(cfg.dumpFile)]) });
      }
      client = new PrismaClient({ adapter: new PrismaPGlite(pglite as PGlite) });
      driver = { kind: 'pglite', pglite };
      cleanup = async () => {
        await client!.$disconnect();
        await pglite.close();
      };
    } else {
      const name = `sieve_t_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: cfg.serverUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${cfg.template}`);
      const pool = new pg.Pool({ connectionString: withDatabase(cfg.serverUrl, name), max: 20 });
      pool.on('error', () => {}); // idle connections closed by the DROP below
      client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
      driver = { kind: 'postgres', pool };
      cleanup = async () => {
        await client!.$disconnect();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      };
    }
    setDb({ client: client!, driver: driver! });
  });
  afterAll(async () => {
    setDb(undefined);
    await cleanup();
  });
  return { db: () => client! };
}
