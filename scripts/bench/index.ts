/**
 * `npm run bench`: runs the registered benchmarks and prints one line per figure
 * (`name  value unit  (details)`), then writes every figure with machine information to
 * bench-results/latest.json and a timestamped copy. Benchmarks are commands that print figures,
 * never timed tests.
 *
 *   npm run bench -- --only <substring>       run benchmarks whose name contains the substring
 *   npm run bench -- --db pglite|postgres|both
 *        default: both when PostgreSQL answers at BENCH_DATABASE_URL (or
 *        postgresql://root@127.0.0.1:5432/postgres), else pglite only
 *   --concurrency N (10)  --duration S (10)  --warmup S (2)    closed-loop load settings
 *   SIEVE_SKIP_BUILD=1    reuse the existing .next build
 *
 * To add a benchmark: export a `Benchmark` ({ name, run(ctx) => Promise<Figure[]> }) from a file
 * in this folder and append it to BENCHMARKS.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../../tests/helpers/app-server';
import { apiReviewsList } from './api-reviews-list';
import { import100k } from './import-100k';
import { screening } from './screening';
import { screeningPage } from './screening-page';
import { DEFAULT_POSTGRES_URL, postgresReachable } from './databases';
import type { Benchmark, BenchContext, DatabaseKind, Figure } from './types';

const BENCHMARKS: Benchmark[] = [apiReviewsList, import100k, screening, screeningPage];

const ROOT = path.resolve(import.meta.dirname, '../..');
const log = (m: string) => console.error(`[bench] ${m}`);

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    db: { type: 'string' },
    concurrency: { type: 'string', default: '10' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
  },
  strict: true,
});

function positive(name: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
}

async function chooseDatabases(): Promise<{ databases: DatabaseKind[]; postgresUrl?: string }> {
  const choice = values.db ?? 'auto';
  if (!['auto', 'pglite', 'postgres', 'both'].includes(choice)) throw new Error('--db must be pglite, postgres or both');
  if (choice === 'pglite') return { databases: ['pglite'] };
  const url = process.env.BENCH_DATABASE_URL || DEFAULT_POSTGRES_URL;
  const reachable = await postgresReachable(url);
  if (reachable) return { databases: choice === 'postgres' ? ['postgres'] : ['pglite', 'postgres'], postgresUrl: url };
  if (choice !== 'auto') throw new Error(`PostgreSQL is not reachable at ${url} (set BENCH_DATABASE_URL)`);
  console.log(`note: PostgreSQL is not reachable at ${url}; measuring on PGlite only (set BENCH_DATABASE_URL to include it).`);
  return { databases: ['pglite'] };
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

// Teardown registered by benchmarks; also run on Ctrl-C so no server or database is left behind.
// Teardown already under way is awaited too, so exiting on a signal never cuts it short.
const cleanups = new Set<() => Promise<void> | void>();
const running = new Set<Promise<void>>();
function runOne(fn: () => Promise<void> | void): Promise<void> {
  const p = Promise.resolve()
    .then(fn)
    .catch((e) => log(`cleanup failed: ${(e as Error).message}`))
    .finally(() => running.delete(p));
  running.add(p);
  return p;
}
async function runCleanups() {
  for (const fn of [...cleanups].reverse()) {
    cleanups.delete(fn);
    await runOne(fn);
  }
  await Promise.all([...running]);
}
// `process.on`, not `once`: Ctrl-C reaches this process twice (from the terminal and relayed by
// tsx), and a second, unhandled SIGINT would kill it mid-teardown.
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: cleaning up`);
    void runCleanups().finally(() => process.exit(130));
  });
}

function format(f: Figure): string {
  const value = Number.isInteger(f.value) ? String(f.value) : f.value.toFixed(2);
  return `${f.name.padEnd(34)}  ${value.padStart(9)} ${f.unit}${f.details ? `  (${f.details})` : ''}`;
}

async function main(): Promise<number> {
  const selected = BENCHMARKS.filter((b) => !values.only || b.name.includes(values.only));
  if (!selected.length) throw new Error(`no benchmark matches "${values.only}"; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
  const { databases, postgresUrl } = await chooseDatabases();
  let built = false;
  const ctx: BenchContext = {
    databases,
    postgresUrl,
    load: {
      concurrency: Math.floor(positive('concurrency', values.concurrency!)),
      durationMs: positive('duration', values.duration!) * 1000,
      warmupMs: positive('warmup', values.warmup!) * 1000,
    },
    ensureBuilt() {
      if (built) return;
      log(process.env.SIEVE_SKIP_BUILD === '1' ? 'reusing the existing build (SIEVE_SKIP_BUILD=1)' : 'building the app (next build)');
      buildApp();
      built = true;
    },
    onCleanup(fn) {
      cleanups.add(fn);
      return async () => {
        if (cleanups.delete(fn)) await runOne(fn);
      };
    },
    log,
  };

  const figures: Figure[] = [];
  const failures: string[] = [];
  for (const bench of selected) {
    log(`running ${bench.name} on ${databases.join(' and ')}`);
    try {
      const result = await bench.run(ctx);
      for (const f of result) console.log(format(f));
      figures.push(...result);
      failures.push(...result.filter((f) => f.mustBeZero && f.value !== 0).map((f) => `${f.name} is ${f.value}, expected 0`));
    } catch (e) {
      failures.push(`${bench.name} failed: ${(e as Error).message}`);
    }
  }

  const date = new Date();
  const report = {
    date: date.toISOString(),
    commit: gitCommit(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? null, memoryGb: Math.round(os.totalmem() / 2 ** 30), platform: `${os.platform()} ${os.release()} ${os.arch()}`, node: process.version },
    settings: { databases, ...ctx.load, only: values.only ?? null },
    figures: figures.map(({ mustBeZero: _, ...f }) => f),
    failures,
  };
  const dir = path.join(ROOT, 'bench-results');
  fs.mkdirSync(dir, { recursive: true });
  const json = JSON.stringify(report, null, 2) + '\n';
  fs.writeFileSync(path.join(dir, 'latest.json'), json);
  const stamped = path.join(dir, `${date.toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(stamped, json);
  log(`wrote bench-results/latest.json and ${path.relative(ROOT, stamped)}`);
  for (const f of failures) console.error(`FAIL: ${f}`);
  return failures.length ? 1 : 0;
}

try {
  process.exitCode = await main();
} catch (e) {
  console.error(`bench: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  await runCleanups();
}
