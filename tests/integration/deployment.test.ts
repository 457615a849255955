/**
 * What can be checked of self-hosting without a Docker engine (none runs on our machines): the
 * compose file's structure, the image's start command, and the start script's safety rules.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { getAuthSecret, getEnv } from '../../lib/env';

const ROOT = path.resolve(import.meta.dirname, '../..');
const compose = parse(fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'));

describe('docker-compose.yml', () => {
  it('runs PostgreSQL 16 on a named volume with a healthcheck', () => {
    const db = compose.services.db;
    expect(db.image).toMatch(/^postgres:16/);
    expect(db.volumes).toContain('pgdata:/var/lib/postgresql/data');
    expect(Object.keys(compose.volumes)).toEqual(expect.arrayContaining(['pgdata', 'files']));
    expect(db.healthcheck.test.join(' ')).toContain('pg_isready');
  });

  it('starts the app from the Dockerfile once the database is healthy, on that database', () => {
    const app = compose.services.app;
    expect(app.build).toBe('.');
    expect(app.depends_on.db.condition).toBe('service_healthy');
    expect(app.environment.DATABASE_URL).toMatch(/^postgresql:\/\/sieve:\$\{POSTGRES_PASSWORD\}@db:5432\/sieve$/);
    // Secrets must be supplied: compose refuses to start without them (":?").
    expect(app.environment.NEXTAUTH_SECRET).toMatch(/^\$\{NEXTAUTH_SECRET:\?/);
    expect(compose.services.db.environment.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
  });

  it('builds an image whose command migrates then serves, with a health check', () => {
    const dockerfile = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^FROM node:20/m);
    expect(dockerfile).toMatch(/CMD \["npm", "start"\]/);
    expect(dockerfile).toContain('/api/health');
    const start = fs.readFileSync(path.join(ROOT, 'scripts/start.ts'), 'utf8');
    // Migrations first, then the production server (scripts/server.ts: Next.js plus the screening hot path).
    const migrate = start.indexOf('scripts/db-migrate.ts');
    const serve = start.indexOf("'scripts/server.ts'");
    expect(migrate).toBeGreaterThan(-1);
    expect(serve).toBeGreaterThan(migrate);
  });
});

describe('safe defaults', () => {
  it('refuses to run in production without a strong secret', () => {
    expect(() => getAuthSecret(getEnv({ NODE_ENV: 'production' }))).toThrow(/NEXTAUTH_SECRET must be set/);
    expect(() => getAuthSecret(getEnv({ NODE_ENV: 'production', NEXTAUTH_SECRET: 'short' }))).toThrow(/at least 32/);
    expect(getAuthSecret(getEnv({ NODE_ENV: 'production', NEXTAUTH_SECRET: 'x'.repeat(40) }))).toBe('x'.repeat(40));
  });

  it('explains a malformed DATABASE_URL', () => {
    expect(() => getEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must be a PostgreSQL URL/);
  });

  it('npm start refuses a shared database without NEXTAUTH_SECRET, before building or serving', () => {
    const env = { ...process.env, DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none', NEXTAUTH_SECRET: '' };
    const r = spawnSync('npx', ['tsx', 'scripts/start.ts'], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('NEXTAUTH_SECRET is not set');
  });
});
