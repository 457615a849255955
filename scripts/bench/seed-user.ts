/**
 * Seed step run BEFORE the app starts (the embedded database is single-process): migrates the
 * database named by SIEVE_DATA_DIR or DATABASE_URL, creates one user and one API token, and prints
 * the token alone on the last line. Usage: `npx tsx scripts/bench/seed-user.ts <email>`.
 */
import { closeDb } from '../../lib/db/client';
import { openAdapter } from '../../lib/db/adapter';
import { databaseTargetFromEnv } from '../../lib/db/config';
import { applyMigrations } from '../../lib/db/schema-engine';
import { signUp } from '../../lib/services/accounts';
import { createApiToken } from '../../lib/services/api-tokens';

const email = process.argv[2] ?? 'bench@example.org';
const adapter = await openAdapter(databaseTargetFromEnv());
try {
  await applyMigrations(adapter.factory);
} finally {
  await adapter.close();
}
try {
  const user = await signUp({ email, name: 'Bench User', password: 'bench password long enough 1' });
  const { token } = await createApiToken(user.id, 'bench');
  console.log(token);
} finally {
  await closeDb();
}
