import { getDb, pgliteInWorker } from './client';
import { databaseTargetFromEnv } from './config';

/**
 * Whether the database answers, and which kind it is (never its address or credentials); for the
 * embedded one, whether it runs in a worker thread of the server (SIEVE_PGLITE_WORKER).
 */
export async function checkDatabase(): Promise<{ ok: boolean; kind: 'pglite' | 'postgres'; thread?: 'worker' | 'main'; error?: string }> {
  const kind = databaseTargetFromEnv().kind;
  const where = kind === 'pglite' ? { thread: pgliteInWorker() ? ('worker' as const) : ('main' as const) } : {};
  try {
    await getDb().$queryRaw`SELECT 1`;
    return { ok: true, kind, ...where };
  } catch (e) {
    console.error('[health] database check failed:', e);
    return { ok: false, kind, ...where, error: 'The database is not reachable.' };
  }
}
