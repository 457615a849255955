/** Sign-up, sign-in (rate-limited) and password resets. */
import { dummyPasswordHash, hashPassword, verifyPassword } from '../auth/password';
import { createRateLimiter } from '../auth/rate-limit';
import { createUser, findUserByEmail, setPasswordHash, type UserSummary } from '../db/users';
import { getEnv } from '../env';
import { AppError } from '../errors';
import { signUpSchema, emailSchema, passwordSchema } from '../schemas/account';

export async function signUp(input: unknown): Promise<UserSummary> {
  const data = signUpSchema.parse(input);
  return createUser({ email: data.email, name: data.name, passwordHash: await hashPassword(data.password) });
}

const holder = globalThis as unknown as { __sieveLoginLimiter?: ReturnType<typeof createRateLimiter> };
function limiter() {
  const env = getEnv();
  holder.__sieveLoginLimiter ??= createRateLimiter(env.SIEVE_LOGIN_MAX_ATTEMPTS, env.SIEVE_LOGIN_WINDOW_SECONDS);
  return holder.__sieveLoginLimiter;
}

/**
 * The user for a correct email and password, null otherwise. Throws too_many_requests when the
 * email or the client address has failed too often recently.
 */
export async function verifyCredentials(email: string, password: string, clientAddress?: string): Promise<UserSummary | null> {
  const normalized = emailSchema.safeParse(email);
  // Per-address limits need the address a reverse proxy reports; without one, only the email is keyed
  // (keying every caller on one shared value would let anyone lock everybody out).
  const keys = [`email:${normalized.success ? normalized.data : email}`, ...(clientAddress ? [`ip:${clientAddress}`] : [])];
  const wait = Math.max(...keys.map((k) => limiter().retryAfter(k)));
  if (wait > 0) {
    throw new AppError('too_many_requests', `Too many failed sign-in attempts. Try again in ${Math.ceil(wait / 60)} minute(s).`, { retryAfterSeconds: wait });
  }
  const user = normalized.success ? await findUserByEmail(normalized.data) : null;
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !ok) {
    keys.forEach((k) => limiter().fail(k));
    return null;
  }
  limiter().reset(keys[0]);
  return { id: user.id, email: user.email, name: user.name, createdAt: user.createdAt };
}

export async function resetPassword(email: string, password: string): Promise<UserSummary> {
  const e = emailSchema.parse(email);
  const p = passwordSchema.parse(password);
  return setPasswordHash(e, await hashPassword(p));
}
