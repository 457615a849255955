/**
 * Autovacuum for the embedded database. PGlite runs PostgreSQL in this process without its
 * background workers, so nothing ever refreshes planner statistics or reclaims dead rows: after a
 * 10,000-record import the planner still believes the tables are empty, and the screening queue's
 * lease rows churn on every request. This does what autovacuum would, with its default thresholds,
 * checked once a minute (a catalogue read) and acting only on tables that changed enough.
 */
import type { PrismaClient } from './generated/client';

const CHECK_EVERY_MS = 60_000;

/** VACUUM/ANALYZE the tables that autovacuum's default thresholds would pick. Returns what it did. */
export async function maintainEmbeddedDatabase(db: PrismaClient): Promise<{ vacuumed: string[]; analyzed: string[] }> {
  // One process, one connection: the statistics this backend counted are only published when it
  // reports them, so ask for that, and read them fresh rather than from a cached snapshot.
  await db.$executeRawUnsafe("SELECT pg_stat_force_next_flush(), pg_stat_clear_snapshot()");
  const rows = await db.$queryRaw<Array<{ relname: string; vacuum: boolean; analyze: boolean }>>`
    SELECT relname,
      n_dead_tup > 50 + 0.2 * n_live_tup AS vacuum,
      n_mod_since_analyze > 50 + 0.1 * n_live_tup AS analyze
    FROM pg_stat_user_tables
    WHERE schemaname = 'public'
      AND (n_dead_tup > 50 + 0.2 * n_live_tup OR n_mod_since_analyze > 50 + 0.1 * n_live_tup)`;
  const done = { vacuumed: [] as string[], analyzed: [] as string[] };
  for (const r of rows) {
    // Table names come from the catalogue, quoted as identifiers.
    const table = `"${r.relname.replaceAll('"', '""')}"`;
    if (r.vacuum) {
      await db.$executeRawUnsafe(`VACUUM (ANALYZE) ${table}`);
      done.vacuumed.push(r.relname);
    } else {
      await db.$executeRawUnsafe(`ANALYZE ${table}`);
    }
    done.analyzed.push(r.relname);
  }
  return done;
}

/**
 * Starts the periodic check; never keeps the process alive. The first run is at once, when the
 * database is first opened, so statistics a previous run left stale are fixed before traffic
 * builds up rather than in the middle of it.
 */
export function startEmbeddedMaintenance(db: () => PrismaClient): void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await maintainEmbeddedDatabase(db());
    } catch (error) {
      console.error('[db] embedded database maintenance failed:', (error as Error).message);
    } finally {
      running = false;
    }
  };
  setImmediate(tick).unref();
  setInterval(tick, CHECK_EVERY_MS).unref();
}
