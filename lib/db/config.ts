/**
 * Which database to use: a PostgreSQL server when DATABASE_URL is set, otherwise embedded PGlite
 * in `<SIEVE_DATA_DIR>/db`. Both speak the same PostgreSQL dialect and share one migration history.
 */
import path from 'node:path';
import { getEnv } from '../env';

export type DatabaseTarget =
  | { kind: 'postgres'; url: string }
  /** dataDir undefined means in-memory (tests). */
  | { kind: 'pglite'; dataDir?: string };

export function databaseTargetFromEnv(): DatabaseTarget {
  const env = getEnv();
  if (env.DATABASE_URL) return { kind: 'postgres', url: env.DATABASE_URL };
  return { kind: 'pglite', dataDir: path.join(env.dataDir, 'db') };
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
