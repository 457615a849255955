/**
 * Integration tests: migrate ONCE, then give every test file a fresh copy (epic-stack's pattern).
 * PGlite (default): a migrated in-memory database dumped to a tarball that each file loads.
 * PostgreSQL (TEST_DATABASE_URL set): a migrated template database each file clones.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openAdapter } from '../../lib/db/adapter';
import { applyMigrations } from '../../lib/db/schema-engine';

export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const adapter = await openAdapter({ kind: 'pglite' });
    await applyMigrations(adapter.factory);
    const dump = await adapter.pglite!.dumpDataDir('none');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sieve-test-')), 'migrated.tar');
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    await adapter.close();
    project.provide('testDb', { kind: 'pglite', dumpFile: file });
    return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
  const template = `sieve_tpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  const templateUrl = withDatabase(serverUrl, template);
  const adapter = await openAdapter({ kind: 'postgres', url: templateUrl });
  await applyMigrations(adapter.factory);
  await adapter.close();
  project.provide('testDb', { kind: 'postgres', serverUrl, template });
  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.end();
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    testDb: { kind: 'pglite'; dumpFile: string } | { kind: 'postgres'; serverUrl: string; template: string };
  }
}
