/**
 * Benchmark: title/abstract screening through the JSON API (issue 4, "Speed"), against the
 * production server (scripts/server.ts, as `npm start` runs it), on embedded PGlite and on PostgreSQL.
 *
 * Targets: PostgreSQL with 100,000 records, p95 <= 30 ms; PGlite with 10,000 records, p95 <= 50 ms;
 * for both request kinds:
 *   (a) GET  /api/v1/reviews/{id}/screening/next?stage=title_abstract
 *   (b) POST /api/v1/reviews/{id}/records/{recordId}/decisions  {"stage":"title_abstract","decision":"include"|"exclude"}
 *
 * How: a seed step (seed-screening.ts, its own process, before the server starts, since PGlite is
 * single-process) migrates a fresh database and creates an owner, 10 reviewers with API tokens,
 * one review and the records (createMany, batches of 5,000). The app is started on that database.
 * Each of the 10 reviewers drives a screen as the screening page does: while the record on screen
 * is being decided (POST), the next one is fetched (GET next, with the records the screen holds as
 * `skip`), so two requests per reviewer, 20 in all, are in flight at any time (closed loop: the
 * next pair leaves as soon as both answered). The two request kinds are timed separately. A 409
 * on the POST (the record filled up meanwhile) is a handled outcome, counted apart, not an error;
 * a 204 on GET next (nothing left for that reviewer) ends that reviewer.
 *
 * Tabs: 20 clients, two per reviewer, each looping GET next then POST on what it got, knowing
 * nothing of the other (a reviewer screening in two tabs at full speed). The two tabs are served
 * the same record, so about half the POSTs change or repeat a decision (the slower, locked path):
 * the worst case, beside the figures of a normal screen. Warm-up plus a
 * measured period from the harness (--warmup, --duration), bounded in requests, only against
 * 127.0.0.1. After the app stops, the stored decisions are counted from the database.
 *
 * Paced: the same 10 screens, each waiting 0.5–1.5 s between showing a record and deciding it
 * (still faster than people screen): the latency a team feels, beside the closed-loop saturation figures.
 *
 * Floor: the same 20 clients on a request the app refuses before any database work (401, no
 * token), so the screening figures can be read against what Next.js itself costs on this machine.
 *
 * Record counts: BENCH_SCREENING_RECORDS_PGLITE (10000), BENCH_SCREENING_RECORDS_POSTGRES (100000).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp, type RunningApp } from '../../tests/helpers/app-server';
import { createScratchDatabase } from './databases';
import { httpRequest } from './http-client';
import type { Benchmark, BenchContext, DatabaseKind, Figure } from './types';

const NAME = 'screening';
const REVIEWERS = 10;
const CLIENTS = 20;
const MAX_REQUESTS = 2_000_000;
/** Paced run: a reviewer reading a record this long before deciding (a fast screener takes 3–10 s). */
const PACED_THINK_MS = 1000;
const ROOT = path.resolve(import.meta.dirname, '../..');
const TARGET_P95: Record<DatabaseKind, number> = { pglite: 50, postgres: 30 };
const RECORDS: Record<DatabaseKind, number> = {
  pglite: Number(process.env.BENCH_SCREENING_RECORDS_PGLITE) || 10_000,
  postgres: Number(process.env.BENCH_SCREENING_RECORDS_POSTGRES) || 100_000,
};

export const screening: Benchmark = {
  name: NAME,
  async run(ctx) {
    ctx.ensureBuilt();
    const figures: Figure[] = [];
    for (const db of ctx.databases) figures.push(...(await measureOn(ctx, db)));
    return figures;
  },
};

function tsx(args: string[], env: NodeJS.ProcessEnv): string {
  const res = spawnSync('npx', ['tsx', ...args], { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (res.status !== 0) throw new Error(`${args.join(' ')} failed:\n${(res.stderr || res.stdout).slice(-2000)}`);
  return res.stdout.trim().split('\n').at(-1)!;
}

async function measureOn(ctx: BenchContext, db: DatabaseKind): Promise<Figure[]> {
  const teardown: Array<() => Promise<void> | void> = [];
  const cleanup = ctx.onCleanup(async () => {
    for (const fn of teardown.reverse()) await Promise.resolve().then(fn).catch((e) => ctx.log(`teardown: ${(e as Error).message}`));
  });
  try {
    const records = RECORDS[db];
    const env: NodeJS.ProcessEnv = { ...process.env };
    let databaseUrl: string | undefined;
    let dataDir: string | undefined;
    if (db === 'postgres') {
      const scratch = await createScratchDatabase(ctx.postgresUrl!);
      teardown.push(() => scratch.drop());
      databaseUrl = env.DATABASE_URL = scratch.url;
      ctx.log(`${NAME} ${db}: database ${scratch.name}`);
    } else {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sieve-bench-screening-'));
      teardown.push(() => fs.rmSync(dataDir!, { recursive: true, force: true }));
      env.SIEVE_DATA_DIR = dataDir;
      delete env.DATABASE_URL;
    }

    // 1. Seed before the server starts.
    ctx.log(`${NAME} ${db}: seeding ${records.toLocaleString('en')} records, ${REVIEWERS} reviewers`);
    const seed = JSON.parse(tsx(['scripts/bench/seed-screening.ts', 'seed', String(records), String(REVIEWERS)], env)) as { reviewId: string; tokens: string[]; seconds: number };
    ctx.log(`${NAME} ${db}: seeded in ${seed.seconds.toFixed(1)} s`);

    // 2. The production app.
    const app: RunningApp = await startApp(databaseUrl ? { databaseUrl } : { env: { SIEVE_DATA_DIR: dataDir! } });
    let stopped = false;
    const stopApp = async () => {
      if (!stopped) {
        stopped = true;
        await app.stop();
      }
    };
    teardown.push(stopApp);
    if (new URL(app.url).hostname !== '127.0.0.1') throw new Error(`load generation is only allowed against 127.0.0.1, not ${app.url}`);
    const base = `${app.url}/api/v1/reviews/${seed.reviewId}`;

    // 3. Closed-loop screening load.
    const { durationMs, warmupMs } = ctx.load;
    ctx.log(`${NAME} ${db}: ${REVIEWERS} screens (${CLIENTS} requests in flight), ${warmupMs / 1000} s warm-up + ${durationMs / 1000} s measured`);
    const r = await screeningLoad(base, seed.tokens, { durationMs, warmupMs });

    ctx.log(`${NAME} ${db}: tabs, ${CLIENTS} independent clients (2 per reviewer)`);
    const tabs = await screeningLoad(base, seed.tokens, { durationMs, warmupMs, tabs: true });

    // 3a. Paced: the same 10 screens, each reading its record for about a second before deciding
    // (10 decisions a second across the review: a fast team's pace, not a closed loop).
    ctx.log(`${NAME} ${db}: paced, ${REVIEWERS} screens with ${PACED_THINK_MS} ms before each decision`);
    const paced = await screeningLoad(base, seed.tokens, { durationMs, warmupMs, thinkMs: PACED_THINK_MS });

    // 3b. The framework's floor under the same load: an API request answered 401 before any
    // database work (no token). Screening latency can only be judged against it.
    ctx.log(`${NAME} ${db}: floor, ${CLIENTS} clients on a request refused without a token`);
    const floor = await floorLoad(`${app.url}/api/v1/reviews`, Math.min(durationMs, 5000));

    // 4. Stored decisions, read after the app stopped (PGlite is single-process).
    await stopApp();
    const stored = JSON.parse(tsx(['scripts/bench/seed-screening.ts', 'count', seed.reviewId], env)) as { decisions: number };

    const ms = (v: number) => Math.round(v * 100) / 100;
    const secs = (r.elapsedMs / 1000).toFixed(1);
    const figs: Figure[] = [];
    for (const kind of ['next', 'decide'] as const) {
      const k = r[kind];
      const s = stats(k.latencies);
      const label = kind === 'next' ? 'GET screening/next' : 'POST decisions';
      const p95ok = s.p95 <= TARGET_P95[db] ? 'met' : 'NOT met';
      figs.push(
        { name: `${NAME}.${db}.${kind}.rps`, value: Math.round((k.latencies.length / (r.elapsedMs / 1000)) * 10) / 10, unit: 'req/s', details: `${label}, ${db}, ${records} records, ${REVIEWERS} reviewers' screens, ${CLIENTS} requests in flight, ${secs} s, ${k.latencies.length} answered` },
        { name: `${NAME}.${db}.${kind}.p50`, value: ms(s.p50), unit: 'ms', details: label },
        { name: `${NAME}.${db}.${kind}.p95`, value: ms(s.p95), unit: 'ms', details: `${label}; target <= ${TARGET_P95[db]} ms: ${p95ok}` },
        { name: `${NAME}.${db}.${kind}.p99`, value: ms(s.p99), unit: 'ms', details: `${label}, max ${ms(s.max)} ms` },
        { name: `${NAME}.${db}.${kind}.errors`, value: k.errors, unit: 'errors', details: k.firstError ? `${label}, first: ${k.firstError}` : label, mustBeZero: true },
      );
    }
    for (const kind of ['next', 'decide'] as const) {
      const s = stats(tabs[kind].latencies);
      const label = kind === 'next' ? 'GET screening/next' : 'POST decisions';
      figs.push(
        { name: `${NAME}.${db}.tabs.${kind}.p50`, value: ms(s.p50), unit: 'ms', details: `${label}, ${CLIENTS} independent clients (2 per reviewer, same records), ${tabs[kind].latencies.length} answered` },
        { name: `${NAME}.${db}.tabs.${kind}.p95`, value: ms(s.p95), unit: 'ms', details: `${label}, tabs; ${tabs.created} created, ${tabs.changed} changed or repeated` },
        { name: `${NAME}.${db}.tabs.${kind}.errors`, value: tabs[kind].errors, unit: 'errors', details: tabs[kind].firstError ? `${label}, tabs, first: ${tabs[kind].firstError}` : `${label}, tabs`, mustBeZero: true },
      );
    }
    for (const kind of ['next', 'decide'] as const) {
      const s = stats(paced[kind].latencies);
      const label = kind === 'next' ? 'GET screening/next' : 'POST decisions';
      figs.push(
        { name: `${NAME}.${db}.paced.${kind}.p50`, value: ms(s.p50), unit: 'ms', details: `${label}, ${REVIEWERS} screens each deciding after ${PACED_THINK_MS} ms, ${paced[kind].latencies.length} answered` },
        { name: `${NAME}.${db}.paced.${kind}.p95`, value: ms(s.p95), unit: 'ms', details: `${label}, paced` },
        { name: `${NAME}.${db}.paced.${kind}.errors`, value: paced[kind].errors, unit: 'errors', details: paced[kind].firstError ? `${label}, paced, first: ${paced[kind].firstError}` : `${label}, paced`, mustBeZero: true },
      );
    }
    const f = stats(floor.latencies);
    figs.push(
      { name: `${NAME}.${db}.floor.p50`, value: ms(f.p50), unit: 'ms', details: `GET /api/v1/reviews without a token (401, no database work), ${CLIENTS} clients: Next.js's own cost on this machine` },
      { name: `${NAME}.${db}.floor.p95`, value: ms(f.p95), unit: 'ms', details: `same, ${Math.round(floor.latencies.length / (floor.elapsedMs / 1000))} req/s` },
    );
    figs.push(
      { name: `${NAME}.${db}.decide.409`, value: r.decide.conflicts, unit: 'handled', details: 'POST decisions answered 409 (measured period); not errors' },
      { name: `${NAME}.${db}.next.204`, value: r.next.empty, unit: 'handled', details: 'GET next answered 204 (nothing left for that reviewer)' },
      { name: `${NAME}.${db}.decisions.stored`, value: stored.decisions, unit: 'decisions', details: `in the database at the end (warm-up included); ${r.created} answered 201 created, ${r.changed} answered 200` },
    );
    return figs;
  } finally {
    await cleanup();
  }
}

interface KindResult {
  latencies: number[];
  errors: number;
  firstError?: string;
  /** 409 on POST decisions; 204 on GET next. */
  conflicts: number;
  empty: number;
}

async function screeningLoad(base: string, tokens: string[], options: { durationMs: number; warmupMs: number; thinkMs?: number; tabs?: boolean }) {
  let measuring = false;
  let stopAt = performance.now() + options.warmupMs;
  const fresh = (): KindResult => ({ latencies: [], errors: 0, conflicts: 0, empty: 0 });
  const result = { next: fresh(), decide: fresh() };
  let created = 0;
  let changed = 0;
  const total = () => result.next.latencies.length + result.next.errors + result.decide.latencies.length + result.decide.errors;
  const fail = (k: KindResult, why: string) => {
    if (!measuring) return;
    k.errors++;
    k.firstError ??= why;
  };
  const done = new Set<number>();

  /** A "tabs" client: asks for the next record knowing nothing of its reviewer's other client. */
  async function client(i: number): Promise<void> {
    const reviewer = i % tokens.length;
    while (performance.now() < stopAt && total() < MAX_REQUESTS && !done.has(reviewer)) {
      const ids = await next(reviewer, []);
      if (ids === null) continue;
      if (!ids.length) return void done.add(reviewer);
      // Jittered (0.5x to 1.5x), or the clients would stay in step and arrive as bursts of 20.
      if (options.thinkMs) await new Promise((r) => setTimeout(r, options.thinkMs! * (0.5 + Math.random())));
      await decideOn(reviewer, ids[0]);
    }
  }

  /** GET next with the records this screen holds as `skip`; the record ids served (empty at the end). */
  async function next(reviewer: number, skip: string[]): Promise<string[] | null> {
    const t0 = performance.now();
    try {
      const q = skip.length ? `&skip=${skip.join(',')}` : '';
      const { status, text } = await httpRequest(`${base}/screening/next?stage=title_abstract${q}`, { headers: { Authorization: `Bearer ${tokens[reviewer]}` } });
      const dt = performance.now() - t0;
      if (status === 204) {
        if (measuring) {
          result.next.latencies.push(dt);
          result.next.empty++;
        }
        return [];
      }
      if (status !== 200) return fail(result.next, `HTTP ${status}: ${text.slice(0, 200)}`), null;
      const id = (JSON.parse(text) as { record?: { id?: string } }).record?.id;
      const ids = id ? [id] : [];
      if (!ids.length) return fail(result.next, `200 without records: ${text.slice(0, 200)}`), null;
      if (measuring) result.next.latencies.push(dt);
      return ids;
    } catch (e) {
      return fail(result.next, (e as Error).message), null;
    }
  }

  async function decideOn(reviewer: number, recordId: string): Promise<void> {
    const t0 = performance.now();
    try {
      const { status, text } = await httpRequest(`${base}/records/${recordId}/decisions`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${tokens[reviewer]}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ stage: 'title_abstract', decision: Math.random() < 0.5 ? 'include' : 'exclude' }),
      });
      const dt = performance.now() - t0;
      if (status === 201 || status === 200 || status === 409) {
        if (status === 201) created++;
        else if (status === 200) changed++;
        if (measuring) {
          result.decide.latencies.push(dt);
          if (status === 409) result.decide.conflicts++;
        }
      } else fail(result.decide, `HTTP ${status}: ${text.slice(0, 200)}`);
    } catch (e) {
      fail(result.decide, (e as Error).message);
    }
  }

  /**
   * One reviewer's screen, as the screening page drives it: the record on screen and the next one
   * fetched while it is being decided; deciding the one on screen and topping the buffer up (with the records the screen
   * holds as `skip`) are two requests in flight at once, so 10 reviewers make 20 concurrent requests.
   */
  async function screen(reviewer: number): Promise<void> {
    let queue: string[] = [];
    while (performance.now() < stopAt && total() < MAX_REQUESTS && !done.has(reviewer)) {
      if (!queue.length) {
        const ids = await next(reviewer, []);
        if (ids === null) continue;
        if (!ids.length) return void done.add(reviewer);
        queue = ids;
      }
      const current = queue.shift()!;
      if (options.thinkMs) await new Promise((r) => setTimeout(r, options.thinkMs! * (0.5 + Math.random())));
      const [, more] = await Promise.all([decideOn(reviewer, current), next(reviewer, [...queue, current])]);
      if (more === null) continue;
      if (!more.length) done.add(reviewer);
      queue.push(...more.filter((id) => id !== current && !queue.includes(id)));
    }
  }

  const run = () => (options.tabs ? Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i))) : Promise.all(Array.from({ length: REVIEWERS }, (_, i) => screen(i))));
  await run();
  measuring = true;
  const start = performance.now();
  stopAt = start + options.durationMs;
  await run();
  const elapsedMs = performance.now() - start;
  return { ...result, elapsedMs, created, changed };
}

/** CLIENTS closed-loop clients on one URL for `durationMs`, after a one-second warm-up. */
async function floorLoad(url: string, durationMs: number): Promise<{ latencies: number[]; elapsedMs: number }> {
  const latencies: number[] = [];
  let measuring = false;
  let stopAt = performance.now() + 1000;
  const client = async () => {
    while (performance.now() < stopAt) {
      const t0 = performance.now();
      const { status } = await httpRequest(url);
      if (measuring && status === 401) latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  measuring = true;
  const start = performance.now();
  stopAt = start + durationMs;
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return { latencies, elapsedMs: performance.now() - start };
}

function stats(values: number[]) {
  const v = [...values].sort((a, b) => a - b);
  const pct = (p: number) => (v.length ? v[Math.min(v.length - 1, Math.ceil((p / 100) * v.length) - 1)] : NaN);
  return { p50: pct(50), p95: pct(95), p99: pct(99), max: v.at(-1) ?? NaN };
}
