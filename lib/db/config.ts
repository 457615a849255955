/**
 * Which database to use: a PostgreSQL server when DATABASE_URL is set, otherwise embedded PGlite
 * in `<SIEVE_DATA_DIR>/db`. Both speak the same PostgreSQL dialect and share one migration history.
 */
import path from 'node:path';
import { getEnv, type Env } from '../env';

export type DatabaseTarget =
  | { kind: 'postgres'; url: string }
  /** dataDir undefined means in-memory (tests). */
  | { kind: 'pglite'; dataDir?: string };

export function databaseTargetFromEnv(): DatabaseTarget {
  const env = getEnv();
  if (env.DATABASE_URL) return { kind: 'postgres', url: env.DATABASE_URL };
  return { kind: 'pglite', dataDir: path.join(env.dataDir, 'db') };
}

/**
 * Whether the server runs the embedded database in a worker thread (lib/db/pglite-in-worker.ts,
 * decisions 011 and 012). `SIEVE_PGLITE_WORKER=1` or `0` decides; by default (`auto`) the
 * production server does when the machine has a second core for it. Measured on 2 cores: +50–60%
 * screening throughput under load, the same latency at a team's pace. Never in scripts and the CLI
 * (no NEXT_RUNTIME), which open the database briefly, nor in `next dev`, which reloads modules.
 */
export function pgliteWorkerEnabled(env: Pick<Env, 'NODE_ENV' | 'SIEVE_PGLITE_WORKER'>, inServer: boolean, cores: number): boolean {
  if (!inServer || env.SIEVE_PGLITE_WORKER === '0') return false;
  if (env.SIEVE_PGLITE_WORKER === '1') return true;
  return env.NODE_ENV === 'production' && cores >= 2;
}

export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === 'postgres') return `PostgreSQL at ${redactUrl(target.url)}`;
  return target.dataDir ? `embedded PGlite in ${target.dataDir}` : 'in-memory PGlite';
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'an unparseable URL';
  }
}
