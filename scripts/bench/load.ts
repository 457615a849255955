/**
 * Closed-loop HTTP load: N clients each send one request, wait for the full response, and send the
 * next, for a warm-up (discarded) and then a measured period. Bounded by time and by request count,
 * and only ever aimed at 127.0.0.1. Uses Node's built-in fetch (undici, keep-alive).
 */
import { httpRequest } from './http-client';

export interface LoadOptions {
  concurrency: number;
  durationMs: number;
  warmupMs: number;
  /** Hard cap on measured requests (safety bound); default 5,000,000. */
  maxRequests?: number;
  headers?: Record<string, string>;
}

export interface LoadResult {
  requests: number;
  errors: number;
  /** First error seen (status and body excerpt, or exception message), to explain a non-zero count. */
  firstError?: string;
  elapsedMs: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export async function runLoad(url: string, options: LoadOptions): Promise<LoadResult> {
  if (new URL(url).hostname !== '127.0.0.1') throw new Error(`load generation is only allowed against 127.0.0.1, not ${url}`);
  const maxRequests = options.maxRequests ?? 5_000_000;

  let measuring = false;
  let stopAt = performance.now() + options.warmupMs;
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;

  async function client(): Promise<void> {
    while (performance.now() < stopAt && latencies.length + errors < maxRequests) {
      const t0 = performance.now();
      let failure: string | undefined;
      try {
        const res = await httpRequest(url, { headers: options.headers });
        if (res.status !== 200) failure = `HTTP ${res.status}: ${res.text.slice(0, 200)}`;
      } catch (e) {
        failure = (e as Error).message;
      }
      if (!measuring) continue;
      if (failure) {
        errors++;
        firstError ??= failure;
      } else {
        latencies.push(performance.now() - t0);
      }
    }
  }

  // Warm-up: same clients, results discarded.
  await Promise.all(Array.from({ length: options.concurrency }, client));
  measuring = true;
  const start = performance.now();
  stopAt = start + options.durationMs;
  await Promise.all(Array.from({ length: options.concurrency }, client));
  const elapsedMs = performance.now() - start;

  latencies.sort((a, b) => a - b);
  const pct = (p: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] : NaN);
  const requests = latencies.length + errors;
  return {
    requests,
    errors,
    firstError,
    elapsedMs,
    rps: latencies.length / (elapsedMs / 1000),
    p50: pct(50),
    p95: pct(95),
    p99: pct(99),
    max: latencies.at(-1) ?? NaN,
  };
}
