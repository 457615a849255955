import { getDb } from './client';
import { databaseTargetFromEnv } from './config';

/** Whether the database answers, and which kind it is (never its address or credentials). */
export async function checkDatabase(): Promise<{ ok: boolean; kind: 'pglite' | 'postgres'; error?: string }> {
  const kind = databaseTargetFromEnv().kind;
  try {
    await getDb().$queryRaw`SELECT 1`;
    return { ok: true, kind };
  } catch (e) {
    console.error('[health] database check failed:', e);
    return { ok: false, kind, error: 'The database is not reachable.' };
  }
}
