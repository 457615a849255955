/**
 * `npm start`: build if needed, migrate, then serve. On a fresh clone this is the whole install:
 * the embedded database is created in SIEVE_DATA_DIR and a session secret is generated there.
 * With DATABASE_URL (a shared server, a team install) the secret must be given explicitly.
 */
import { spawnSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { getEnv } from '../lib/env';

const env = getEnv();
const childEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' };
const port = process.env.PORT ?? '3000';

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: childEnv });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (!env.NEXTAUTH_SECRET) {
  if (env.DATABASE_URL) {
    console.error('NEXTAUTH_SECRET is not set. With DATABASE_URL (a shared server) set it explicitly, e.g. NEXTAUTH_SECRET=$(openssl rand -base64 32).');
    process.exit(1);
  }
  const file = path.join(env.dataDir, 'secret');
  fs.mkdirSync(env.dataDir, { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  childEnv.NEXTAUTH_SECRET = fs.readFileSync(file, 'utf8').trim();
}
childEnv.NEXTAUTH_URL ??= `http://localhost:${port}`;

if (!fs.existsSync('.next/BUILD_ID')) {
  console.log('No production build yet: building (about a minute, once)…');
  run('npx', ['next', 'build']);
}
run('npx', ['tsx', 'scripts/db-migrate.ts']);
console.log(`Sieve is starting on http://localhost:${port}`);
// Next.js's handler with the screening hot path beside it (scripts/server.ts, decision 013).
const server = spawn(process.execPath, ['--import', 'tsx', 'scripts/server.ts', '-p', port], { stdio: 'inherit', env: childEnv });
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));
