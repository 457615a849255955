/**
 * Runs the real, built app (`scripts/server.ts`, as `npm start` does) on a free port with its own database: a fresh embedded
 * PGlite folder by default, or a given PostgreSQL database. Used by end-to-end tests and benchmarks.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface RunningApp {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Builds the production app once per run (skip with SIEVE_SKIP_BUILD=1 when .next is fresh). */
export function buildApp(): void {
  if (process.env.SIEVE_SKIP_BUILD === '1' && fs.existsSync(path.join(ROOT, '.next/BUILD_ID'))) return;
  const r = spawnSync('npx', ['next', 'build'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (r.status !== 0) throw new Error('next build failed');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export async function startApp(options: { databaseUrl?: string; env?: Record<string, string> } = {}): Promise<RunningApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sieve-app-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    SIEVE_DATA_DIR: dataDir,
    NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
    NEXTAUTH_URL: url,
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...options.env,
  };
  if (!options.databaseUrl) delete env.DATABASE_URL;
  const removeDataDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  const migrate = spawnSync('npx', ['tsx', 'scripts/db-migrate.ts'], { cwd: ROOT, env, encoding: 'utf8' });
  if (migrate.status !== 0) {
    removeDataDir();
    throw new Error(`migration failed: ${migrate.stderr || migrate.stdout}`);
  }

  // Node runs the production server directly (not through npx), so the pid we hold is the server's
  // and stop() returns only once the server, and its hold on the embedded database, is gone.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/server.ts', '-p', String(port), '-H', '127.0.0.1'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      /* already gone */
    }
    await exited;
  };
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      removeDataDir();
      throw new Error(`the app exited early:\n${output}`);
    }
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await kill();
      removeDataDir();
      throw new Error(`the app did not become healthy in 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    dataDir,
    async stop() {
      await kill();
      removeDataDir();
    },
  };
}
