/**
 * Environment, parsed once with clear messages. Every variable is documented in README.md
 * ("Configuration"). Defaults make a fresh clone run on the embedded database with no setup.
 */
import path from 'node:path';
import { z } from 'zod';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .refine((v) => !v || /^postgres(ql)?:\/\//.test(v), {
      message: 'must be a PostgreSQL URL (postgresql://user:password@host:5432/database)',
    }),
  SIEVE_DATA_DIR: z.string().trim().min(1).default('./data'),
  NEXTAUTH_SECRET: z.string().optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  SIEVE_MAX_UPLOAD_MB: z.coerce.number().int().positive().default(250),
  SIEVE_FILES_DIR: z.string().trim().optional(),
  SIEVE_LOGIN_MAX_ATTEMPTS: z.coerce.number().int().positive().default(10),
  SIEVE_LOGIN_WINDOW_SECONDS: z.coerce.number().int().positive().default(900),
  SIEVE_PGLITE_WORKER: z.enum(['auto', '0', '1'], { message: 'must be auto, 0 or 1' }).default('auto'),
});

export type Env = z.infer<typeof schema> & { dataDir: string; filesDir: string };

let cached: Env | undefined;

/** Reads and validates the environment; throws one readable error listing every bad variable. */
export function getEnv(source: Record<string, string | undefined> = process.env): Env {
  if (cached && source === process.env) return cached;
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const dataDir = path.resolve(/*turbopackIgnore: true*/ parsed.data.SIEVE_DATA_DIR);
  const env: Env = {
    ...parsed.data,
    dataDir,
    filesDir: path.resolve(/*turbopackIgnore: true*/ parsed.data.SIEVE_FILES_DIR ?? path.join(dataDir, 'files')),
  };
  if (source === process.env) cached = env;
  return env;
}

/**
 * The secret that signs sessions. In production it must be set (the start script generates and
 * keeps one in the data folder for single-machine installs); a fixed development fallback would
 * let anyone forge sessions on a deployed instance.
 */
export function getAuthSecret(env: Env = getEnv()): string {
  const secret = env.NEXTAUTH_SECRET;
  if (secret && secret.length >= 32) return secret;
  if (env.NODE_ENV === 'production') {
    throw new Error(
      'NEXTAUTH_SECRET must be set to a random string of at least 32 characters in production ' +
        '(for example: openssl rand -base64 32). `npm start` creates one in the data folder for you.',
    );
  }
  return 'sieve-development-secret-not-for-production-use';
}
