/**
 * Driver adapters for the Prisma 7 client (no native query engine): node-postgres for servers,
 * PGlite in-process for the embedded default. Also used by the WASM schema engine for migrations.
 */
import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { DatabaseTarget } from './config';

export interface OpenedAdapter {
  factory: PrismaPg | PrismaPGlite;
  /** The PGlite instance, when embedded (tests use it to load data quickly). */
  pglite?: PGlite;
  close(): Promise<void>;
}

export async function openAdapter(target: DatabaseTarget, options: { loadDataDir?: Blob } = {}): Promise<OpenedAdapter> {
  if (target.kind === 'postgres') {
    // A small pool: the app is I/O bound and PostgreSQL's default is 100 connections in total.
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
    const factory = withWholeScripts(new PrismaPg(pool));
    return { factory, close: () => pool.end() };
  }
  if (target.dataDir) fs.mkdirSync(target.dataDir, { recursive: true });
  const pglite = await PGlite.create(target.dataDir ? { dataDir: target.dataDir } : { loadDataDir: options.loadDataDir });
  return {
    factory: new PrismaPGlite(pglite),
    pglite,
    close: async () => {
      if (!pglite.closed) await pglite.close();
    },
  };
}

type PgAdapter = Awaited<ReturnType<PrismaPg['connect']>>;

/**
 * @prisma/adapter-pg 7 runs a migration script by splitting it on every ";", which breaks
 * PL/pgSQL bodies (our audit trigger). PostgreSQL's simple query protocol runs a whole
 * multi-statement script in one call, so send it as is.
 */
function withWholeScripts(factory: PrismaPg): PrismaPg {
  const patch = (adapter: PgAdapter): PgAdapter => {
    const client = (adapter as unknown as { client: { query(sql: string): Promise<unknown> } }).client;
    adapter.executeScript = async (script: string) => {
      try {
        await client.query(script);
      } catch (error) {
        (adapter as unknown as { onError(e: unknown): never }).onError(error);
      }
    };
    return adapter;
  };
  const connect = factory.connect.bind(factory);
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connect = async () => patch(await connect());
  factory.connectToShadowDb = async () => patch(await connectToShadowDb());
  return factory;
}
