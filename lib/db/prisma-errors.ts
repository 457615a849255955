/** Prisma's error codes become domain errors here, once (P2002 unique, P2025 missing, P2003 FK). */
import { AppError, conflict } from '../errors';

export function prismaCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'string' && /^P\d{4}$/.test(code) ? code : undefined;
}

export function isUniqueViolation(e: unknown): boolean {
  return prismaCode(e) === 'P2002';
}

/** Runs `fn`, turning a unique violation into a Conflict with `message`. */
export async function uniqueOr<T>(fn: () => Promise<T>, message: string): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict(message);
    if (e instanceof AppError) throw e;
    throw e;
  }
}
