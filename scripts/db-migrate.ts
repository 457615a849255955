/**
 * `npm run db:migrate`: applies pending migrations to the configured database (embedded PGlite
 * in SIEVE_DATA_DIR, or DATABASE_URL). Run automatically before `npm start`, `npm run dev` and
 * in the Docker image.
 */
import { openAdapter } from '../lib/db/adapter';
import { databaseTargetFromEnv, describeTarget } from '../lib/db/config';
import { acquirePgliteLock } from '../lib/db/pglite-lock';
import { applyMigrations } from '../lib/db/schema-engine';

const target = databaseTargetFromEnv();
try {
  if (target.kind === 'pglite' && target.dataDir) acquirePgliteLock(target.dataDir);
  const adapter = await openAdapter(target);
  try {
    const applied = await applyMigrations(adapter.factory);
    console.log(
      applied.length
        ? `Applied ${applied.length} migration(s) to ${describeTarget(target)}: ${applied.join(', ')}`
        : `Database is up to date (${describeTarget(target)}).`,
    );
  } finally {
    await adapter.close();
  }
} catch (e) {
  console.error(`Could not migrate ${describeTarget(target)}: ${(e as Error).message}`);
  process.exit(1);
}
