/**
 * Prisma's official schema engine, compiled to WebAssembly, driven through our driver adapters.
 * The Prisma CLI would download a native engine that cannot be fetched on our machines, so
 * migrations are applied and authored here (docs/decisions/002-migrations-on-wasm-schema-engine.md).
 * Applying writes Prisma's own `_prisma_migrations` table, so `prisma migrate status` agrees.
 * Only scripts and tests import this module; the Next.js server never does.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { PGlite } from '@electric-sql/pglite';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm';
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { OpenedAdapter } from './adapter';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const SCHEMA_PATH = path.join(ROOT, 'prisma/schema.prisma');
export const MIGRATIONS_DIR = path.join(ROOT, 'prisma/migrations');

let wasmReady: Promise<void> | undefined;

/** Instantiates the engine's .wasm by hand so Node needs no --experimental-wasm-modules flag. */
function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmPath = require
      .resolve('@prisma/schema-engine-wasm/schema_engine_bg')
      .replace(/schema_engine_bg\.js$/, 'schema_engine_bg.wasm');
    const compiled = await WebAssembly.compile(fs.readFileSync(wasmPath));
    const instance = await WebAssembly.instantiate(compiled, { './schema_engine_bg.js': bg });
    const exports = instance.exports as unknown as { __wbindgen_start(): void };
    bg.__wbg_set_wasm(exports);
    exports.__wbindgen_start();
  })();
  return wasmReady;
}

async function createEngine(factory: OpenedAdapter['factory']): Promise<SchemaEngine> {
  await loadWasm();
  const schema = fs.readFileSync(SCHEMA_PATH, 'utf8');
  const logs: string[] = [];
  return bg.SchemaEngine.new(
    { datamodels: [[SCHEMA_PATH, schema]] },
    (line: string) => logs.push(line),
    bindMigrationAwareSqlAdapterFactory(factory),
  ) as Promise<SchemaEngine>;
}

export function loadMigrationsList(baseDir = MIGRATIONS_DIR): MigrationList {
  const dirs = fs.existsSync(baseDir)
    ? fs
        .readdirSync(baseDir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && fs.existsSync(path.join(baseDir, d.name, 'migration.sql')))
        .map((d) => d.name)
        .sort()
    : [];
  const lockPath = path.join(baseDir, 'migration_lock.toml');
  return {
    baseDir,
    lockfile: { path: 'migration_lock.toml', content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: dirs.map((name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok' as const, value: fs.readFileSync(path.join(baseDir, name, 'migration.sql'), 'utf8') },
      },
    })),
  };
}

const noFilters = { externalTables: [], externalEnums: [] };

/** Applies pending migrations; returns the names of those just applied. */
export async function applyMigrations(factory: OpenedAdapter['factory']): Promise<string[]> {
  const engine = await createEngine(factory);
  try {
    const out = await engine.applyMigrations({ migrationsList: loadMigrationsList(), filters: noFilters });
    return out.appliedMigrationNames;
  } finally {
    engine.free();
  }
}

/**
 * SQL that would bring the migrations in line with schema.prisma, or null when they agree.
 * Diffs on a throwaway in-memory PGlite as the shadow database (diffs against a PostgreSQL
 * server's shadow database failed in the WASM engine; stack.md).
 */
export async function diffSchemaAgainstMigrations(): Promise<string | null> {
  const shadow = await PGlite.create();
  const engine = await createEngine(new PrismaPGlite(shadow));
  try {
    const result = await engine.diff({
      from: { tag: 'migrations', ...loadMigrationsList() },
      to: { tag: 'schemaDatamodel', files: [{ path: SCHEMA_PATH, content: fs.readFileSync(SCHEMA_PATH, 'utf8') }] },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    const sql = (result.stdout ?? '').trim();
    return sql === '' || /^-- This is an empty migration\.?$/.test(sql) ? null : sql;
  } finally {
    engine.free();
    await shadow.close();
  }
}
