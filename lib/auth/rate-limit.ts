/**
 * Sign-in throttling: at most N failed attempts per email and per client address in a sliding
 * window (OWASP Authentication Cheat Sheet). In memory, per process: right for the single app
 * process Sieve runs as; a multi-instance deployment would need a shared store (documented).
 */
export interface RateLimiter {
  /** Seconds to wait, or 0 when another attempt is allowed. */
  retryAfter(key: string, now?: number): number;
  fail(key: string, now?: number): void;
  reset(key: string): void;
}

export function createRateLimiter(maxAttempts: number, windowSeconds: number): RateLimiter {
  const failures = new Map<string, number[]>();
  const windowMs = windowSeconds * 1000;
  const recent = (key: string, now: number) => {
    const list = (failures.get(key) ?? []).filter((t) => now - t < windowMs);
    if (list.length) failures.set(key, list);
    else failures.delete(key);
    return list;
  };
  return {
    retryAfter(key, now = Date.now()) {
      const list = recent(key, now);
      if (list.length < maxAttempts) return 0;
      return Math.ceil((list[list.length - maxAttempts] + windowMs - now) / 1000);
    },
    fail(key, now = Date.now()) {
      const list = recent(key, now);
      list.push(now);
      failures.set(key, list);
      // Keep memory bounded under a flood of distinct keys.
      if (failures.size > 50_000) failures.delete(failures.keys().next().value as string);
    },
    reset(key) {
      failures.delete(key);
    },
  };
}
