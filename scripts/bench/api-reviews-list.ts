/**
 * Benchmark: `GET /api/v1/reviews` (Bearer token, default page of 50) for a user who is a member of
 * 200 reviews, against the production server (scripts/server.ts), on embedded PGlite and on PostgreSQL.
 *
 * How: a seed step (seed-user.ts, its own process, before the server starts, since PGlite is
 * single-process) migrates a fresh database and creates the user and token; the app is started on
 * that database; the 200 reviews are created through the running app (POST /api/v1/reviews); then
 * a closed-loop load of N clients runs for a warm-up plus a measured period (load.ts). Reports
 * requests per second, p50/p95/p99 latency and the count of non-200 responses (must be 0).
 * The load generator shares the machine with the server, so figures are for comparing runs on the
 * same machine, not absolute capacity.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp, type RunningApp } from '../../tests/helpers/app-server';
import { createScratchDatabase } from './databases';
import { runLoad } from './load';
import type { Benchmark, BenchContext, DatabaseKind, Figure } from './types';

const NAME = 'api-reviews-list';
const REVIEWS = 200;
const ROOT = path.resolve(import.meta.dirname, '../..');

export const apiReviewsList: Benchmark = {
  name: NAME,
  async run(ctx) {
    ctx.ensureBuilt();
    const figures: Figure[] = [];
    for (const db of ctx.databases) figures.push(...(await measureOn(ctx, db)));
    return figures;
  },
};

async function measureOn(ctx: BenchContext, db: DatabaseKind): Promise<Figure[]> {
  const teardown: Array<() => Promise<void> | void> = [];
  const cleanup = ctx.onCleanup(async () => {
    for (const fn of teardown.reverse()) await Promise.resolve().then(fn).catch((e) => ctx.log(`teardown: ${(e as Error).message}`));
  });
  try {
    const buildAtStart = buildId();
    // 1. A fresh database, migrated and holding one user with an API token.
    const env: NodeJS.ProcessEnv = { ...process.env };
    let databaseUrl: string | undefined;
    let dataDir: string | undefined;
    if (db === 'postgres') {
      const scratch = await createScratchDatabase(ctx.postgresUrl!);
      teardown.push(() => scratch.drop());
      databaseUrl = env.DATABASE_URL = scratch.url;
      ctx.log(`${db}: database ${scratch.name}`);
    } else {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sieve-bench-'));
      teardown.push(() => fs.rmSync(dataDir!, { recursive: true, force: true }));
      env.SIEVE_DATA_DIR = dataDir;
      delete env.DATABASE_URL;
    }
    const seed = spawnSync('npx', ['tsx', 'scripts/bench/seed-user.ts', 'bench@example.org'], { cwd: ROOT, env, encoding: 'utf8' });
    if (seed.status !== 0) throw new Error(`seed step failed:\n${seed.stderr || seed.stdout}`);
    const token = seed.stdout.trim().split('\n').at(-1)!;
    const auth = { Authorization: `Bearer ${token}` };

    // 2. The production app on that database.
    const app: RunningApp = await startApp(databaseUrl ? { databaseUrl } : { env: { SIEVE_DATA_DIR: dataDir! } });
    teardown.push(() => app.stop());
    ctx.log(`${db}: app at ${app.url}; creating ${REVIEWS} reviews through the API`);

    // 3. 200 reviews through the running app (4 requests in flight).
    const fail = async (what: string, res: Response) => {
      const hint = buildId() !== buildAtStart ? ' (.next was rebuilt meanwhile by another `next build`)' : '';
      return new Error(`${what}: HTTP ${res.status} ${(await res.text()).slice(0, 300)}${hint}`);
    };
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < REVIEWS) {
          const i = next++;
          const res = await fetch(`${app.url}/api/v1/reviews`, {
            method: 'POST',
            headers: { ...auth, 'Content-Type': 'application/json' },
            body: JSON.stringify({ title: `Bench review ${i + 1}`, description: 'Created by npm run bench.' }),
          });
          if (res.status !== 201) throw await fail('POST /api/v1/reviews', res);
        }
      }),
    );
    const target = `${app.url}/api/v1/reviews`;
    const check = await fetch(target, { headers: auth });
    if (check.status !== 200) throw await fail('GET /api/v1/reviews', check);
    const body = (await check.json()) as { items?: unknown[]; total?: number };
    if (body.total !== REVIEWS) throw new Error(`GET /api/v1/reviews: total ${body.total}, expected ${REVIEWS}`);
    const pageSize = body.items?.length ?? 0;

    // 4. Closed-loop load.
    const { concurrency, durationMs, warmupMs } = ctx.load;
    ctx.log(`${db}: ${concurrency} clients, ${warmupMs / 1000} s warm-up + ${durationMs / 1000} s measured`);
    const r = await runLoad(target, { concurrency, durationMs, warmupMs, headers: auth });
    if (buildId() !== buildAtStart) throw new Error('.next was rebuilt while the app was running (another `next build` in this tree?); figures discarded');
    const about = `${db}, ${concurrency} clients, ${(r.elapsedMs / 1000).toFixed(1)} s, ${r.requests} requests, ${pageSize} of ${REVIEWS} reviews per page`;
    const ms = (v: number) => Math.round(v * 100) / 100;
    return [
      { name: `${NAME}.${db}.rps`, value: Math.round(r.rps * 10) / 10, unit: 'req/s', details: about },
      { name: `${NAME}.${db}.p50`, value: ms(r.p50), unit: 'ms', details: db },
      { name: `${NAME}.${db}.p95`, value: ms(r.p95), unit: 'ms', details: db },
      { name: `${NAME}.${db}.p99`, value: ms(r.p99), unit: 'ms', details: `${db}, max ${ms(r.max)} ms` },
      { name: `${NAME}.${db}.errors`, value: r.errors, unit: 'non-200', details: r.firstError ? `${db}, first: ${r.firstError}` : db, mustBeZero: true },
    ];
  } finally {
    await cleanup();
  }
}

/** The id of the build in .next; the server serves whatever is there, so a rebuild mid-run spoils figures. */
function buildId(): string | null {
  try {
    return fs.readFileSync(path.join(ROOT, '.next/BUILD_ID'), 'utf8').trim();
  } catch {
    return null;
  }
}
