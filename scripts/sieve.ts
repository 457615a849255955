/**
 * Admin command line for self-hosters: `npm run sieve -- <command> [options]`.
 * Works on the embedded database while the app is stopped, and on a PostgreSQL server any time.
 */
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { databaseTargetFromEnv, describeTarget } from '../lib/db/config';
import { closeDb } from '../lib/db/client';
import { listAllReviews } from '../lib/db/reviews';
import { findUserByEmail } from '../lib/db/users';
import { isAppError } from '../lib/errors';
import { resetPassword, signUp } from '../lib/services/accounts';
import { createApiToken } from '../lib/services/api-tokens';

const HELP = `Sieve admin commands (database: ${describeTarget(databaseTargetFromEnv())})

Usage: npm run sieve -- <command> [options]

  users:create --email E --password P [--name N]   create an account
  users:reset-password --email E --password P      set a new password
  tokens:create --email E [--name N]               create an API token; printed once, alone on the last line
  reviews:list                                     list every review with its owners
  --help                                           show this help

The embedded database can only be opened by one process: stop the app first,
or run against a PostgreSQL server with DATABASE_URL.`;

const [command, ...rest] = process.argv.slice(2);
const { values } = parseArgs({
  args: rest,
  options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean' } },
  allowPositionals: false,
  strict: true,
});

function need(name: 'email' | 'password'): string {
  const v = values[name];
  if (!v) throw new Error(`--${name} is required for ${command}. See --help.`);
  return v;
}

async function main(): Promise<void> {
  switch (command) {
    case undefined:
    case '--help':
    case 'help':
      console.log(HELP);
      return;
    case 'users:create': {
      const email = need('email');
      const user = await signUp({ email, password: need('password'), name: values.name ?? email.split('@')[0] });
      console.log(`Created user ${user.email} (${user.id}).`);
      return;
    }
    case 'users:reset-password': {
      const user = await resetPassword(need('email'), need('password'));
      console.log(`Password changed for ${user.email}.`);
      return;
    }
    case 'tokens:create': {
      const email = need('email').trim().toLowerCase();
      const user = await findUserByEmail(email);
      if (!user) throw new Error(`No account uses ${email}.`);
      const { token } = await createApiToken(user.id, values.name ?? 'CLI token');
      console.log(`API token for ${user.email} (store it now; it is not shown again):`);
      console.log(token);
      return;
    }
    case 'reviews:list': {
      const reviews = await listAllReviews();
      if (!reviews.length) console.log('No reviews.');
      for (const r of reviews) console.log(`${r.id}  ${r.title}  (owners: ${r.owners.join(', ')}; ${r.members} member(s); created ${r.createdAt.toISOString().slice(0, 10)})`);
      return;
    }
    default:
      throw new Error(`Unknown command "${command}".\n\n${HELP}`);
  }
}

try {
  await main();
} catch (e) {
  const message = e instanceof ZodError ? e.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('\n') : isAppError(e) ? e.message : (e as Error).message;
  console.error(`Error: ${message}`);
  process.exitCode = 1;
} finally {
  await closeDb().catch(() => {});
}
