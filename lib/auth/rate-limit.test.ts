import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit';

describe('sign-in rate limiter', () => {
  it('allows N failures, then asks to wait until the oldest leaves the window', () => {
    const rl = createRateLimiter(3, 60);
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) {
      expect(rl.retryAfter('a', t0 + i * 1000)).toBe(0);
      rl.fail('a', t0 + i * 1000);
    }
    expect(rl.retryAfter('a', t0 + 3000)).toBe(57);
    expect(rl.retryAfter('b', t0 + 3000)).toBe(0);
    expect(rl.retryAfter('a', t0 + 60_001)).toBe(0);
  });
  it('forgets failures after a success', () => {
    const rl = createRateLimiter(1, 60);
    rl.fail('a', 0);
    expect(rl.retryAfter('a', 1)).toBeGreaterThan(0);
    rl.reset('a');
    expect(rl.retryAfter('a', 1)).toBe(0);
  });
});
