/**
 * Benchmark: importing a 100,000-record PubMed MEDLINE file (scripts/make-medline-fixture.ts,
 * ~300 MB, written to the temporary folder and removed afterwards).
 *
 * Figures (issue 3 targets in brackets):
 * - parse: decode + detect + MEDLINE parse, MB/s [>= 50]
 * - read+check: reading as the import does it (parse, record checks, dedup copies), MB/s
 * - dedup: deduplication of the 100,000 records against each other, s [<= 20]
 * - end-to-end import (importSearch: read, store, deduplicate, one transaction) into PGlite
 *   [<= 60 s] and PostgreSQL [<= 30 s], with the peak RSS of the importing process [<= 1 GB]
 *   (for PGlite that includes the embedded database). The fixture has 610 copies of a real
 *   record with neither title nor abstract; the import skips them, as a user would choose to.
 * - responsiveness during that import ("the server does not freeze for other users"): the event
 *   loop's delay (p99 and max, perf_hooks.monitorEventLoopDelay), and the latency of another
 *   user's cheap request made every 100 ms while the import runs (the health check's
 *   `SELECT 1` through the app's database client: on PGlite it waits for the one connection).
 * Each measurement runs in its own process (`import-100k.ts child <mode>`), so one's memory
 * never counts towards another's peak.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createScratchDatabase } from './databases';
import type { Benchmark, BenchContext, DatabaseKind, Figure } from './types';

const NAME = 'import-100k';
const RECORDS = 100_000;
const ROOT = path.resolve(import.meta.dirname, '../..');
const SELF = path.join(ROOT, 'scripts/bench/import-100k.ts');

export const import100k: Benchmark = {
  name: NAME,
  async run(ctx) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sieve-bench-import-'));
    const done = ctx.onCleanup(() => fs.rmSync(dir, { recursive: true, force: true }));
    try {
      const fixture = path.join(dir, 'medline-100k.nbib');
      ctx.log(`${NAME}: writing the ${RECORDS.toLocaleString('en')}-record fixture`);
      run(['scripts/make-medline-fixture.ts', fixture, '--records', String(RECORDS)], process.env);
      const mb = fs.statSync(fixture).size / 1024 / 1024;
      const figures: Figure[] = [];

      ctx.log(`${NAME}: parse, read+check and dedup`);
      const pure = child('pure', fixture, process.env);
      figures.push(
        { name: `${NAME} parse`, value: mb / pure.parseSeconds, unit: 'MB/s', details: `${mb.toFixed(0)} MB, ${pure.records} records, ${pure.parseSeconds.toFixed(1)} s` },
        { name: `${NAME} read+check`, value: mb / pure.scanSeconds, unit: 'MB/s', details: `${pure.scanSeconds.toFixed(1)} s` },
        { name: `${NAME} dedup`, value: pure.dedupSeconds, unit: 's', details: `${pure.exact} exact, ${pure.likely} likely pairs` },
      );
      for (const db of ctx.databases) figures.push(...(await importOn(ctx, db, fixture)));
      return figures;
    } finally {
      await done();
    }
  },
};

async function importOn(ctx: BenchContext, db: DatabaseKind, fixture: string): Promise<Figure[]> {
  const env: NodeJS.ProcessEnv = { ...process.env, SIEVE_MAX_UPLOAD_MB: '1024' };
  const teardown: Array<() => Promise<void> | void> = [];
  const cleanup = ctx.onCleanup(async () => {
    for (const fn of teardown.reverse()) await fn();
  });
  try {
    if (db === 'postgres') {
      const scratch = await createScratchDatabase(ctx.postgresUrl!);
      teardown.push(() => scratch.drop());
      env.DATABASE_URL = scratch.url;
    } else {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sieve-bench-pglite-'));
      teardown.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
      env.SIEVE_DATA_DIR = dataDir;
      delete env.DATABASE_URL;
    }
    // Migrations run in their own process, as `npm start` does before serving.
    run(['scripts/db-migrate.ts'], env);
    ctx.log(`${NAME}: end-to-end import into ${db}`);
    const r = child('import', fixture, env);
    return [
      { name: `${NAME} import ${db}`, value: r.importSeconds, unit: 's', details: `${r.recordsImported} records stored, ${r.problemsSkipped} without title and abstract skipped, ${r.duplicatesRemoved} duplicates removed, ${r.pairs} pairs` },
      { name: `${NAME} import ${db} peak RSS`, value: r.peakRssMb, unit: 'MB' },
      { name: `${NAME} import ${db} loop delay p99`, value: r.loopP99Ms, unit: 'ms', details: `max ${r.loopMaxMs.toFixed(0)} ms (event-loop delay while importing)` },
      { name: `${NAME} import ${db} probe max`, value: r.probeMaxMs, unit: 'ms', details: `p50 ${r.probeP50Ms.toFixed(0)} ms, p99 ${r.probeP99Ms.toFixed(0)} ms over ${r.probes} SELECT 1 requests made every 100 ms during the import` },
    ];
  } finally {
    await cleanup();
  }
}

function run(args: string[], env: NodeJS.ProcessEnv): string {
  const res = spawnSync('npx', ['tsx', ...args], { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (res.status !== 0) throw new Error(`${args.join(' ')} failed:\n${res.stderr || res.stdout}`);
  return res.stdout;
}

function child(mode: 'pure' | 'import', fixture: string, env: NodeJS.ProcessEnv) {
  const out = run([SELF, 'child', mode, fixture], env);
  return JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, number>;
}

// ---- child process -------------------------------------------------------------------------

async function childMain(mode: string, fixture: string): Promise<void> {
  const { fileSource } = await import('../../lib/services/import/byte-source');
  const seconds = (t: number) => (performance.now() - t) / 1000;
  if (mode === 'pure') {
    const { readRecords } = await import('../../lib/services/import/read-records');
    const { scanFile } = await import('../../lib/services/import/scan-file');
    const { LocalDedupSession } = await import('../../lib/services/import/dedup-session');
    const source = fileSource('medline-100k.nbib', fixture);
    let t = performance.now();
    const outcome = await readRecords(source, {}, () => {});
    const parseSeconds = seconds(t);
    t = performance.now();
    const scan = await scanFile(source, { maxBytes: Infinity });
    const scanSeconds = seconds(t);
    // Timed as before the session existed: normalising every record, then pairs and plan (an import
    // does the normalising while it reads, in the worker).
    t = performance.now();
    const session = new LocalDedupSession();
    session.addIncoming(scan.items);
    scan.items = [];
    const plan = session.planNow([]);
    const dedupSeconds = seconds(t);
    print({ records: outcome.recordsRead, parseSeconds, scanSeconds, dedupSeconds, exact: plan.counts.exact, likely: plan.counts.likely });
    return;
  }
  const { closeDb, getDb } = await import('../../lib/db/client');
  const { checkDatabase } = await import('../../lib/db/health');
  const { monitorEventLoopDelay } = await import('node:perf_hooks');
  const { signUp } = await import('../../lib/services/accounts');
  const { createReview } = await import('../../lib/services/reviews');
  const { importSearch } = await import('../../lib/services/import');
  try {
    const user = await signUp({ email: 'bench-import@example.org', name: 'Bench', password: 'bench password long enough 1' });
    const review = await createReview(user.id, { title: 'Import benchmark' });
    const loop = monitorEventLoopDelay({ resolution: 10 });
    const probe = startProbe(checkDatabase);
    loop.enable();
    const t = performance.now();
    const result = await importSearch(user.id, review.id, { file: fileSource('medline-100k.nbib', fixture), fields: { source: 'PubMed', skipProblemRecords: true } });
    const importSeconds = seconds(t);
    loop.disable();
    const latencies = await probe.stop();
    const pairs = await getDb().duplicatePair.count({ where: { reviewId: review.id } });
    print({
      importSeconds, recordsImported: result.recordsImported, problemsSkipped: result.problemsSkipped, duplicatesRemoved: result.duplicatesRemoved, pairs,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      loopP99Ms: loop.percentile(99) / 1e6, loopMaxMs: loop.max / 1e6,
      probes: latencies.length, probeP50Ms: percentile(latencies, 50), probeP99Ms: percentile(latencies, 99), probeMaxMs: Math.max(...latencies),
    });
  } finally {
    await closeDb();
  }
}

/** Another user's cheap request, one at a time, starting 100 ms after the previous one answered. */
function startProbe(request: () => Promise<unknown>) {
  const latencies: number[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const t = performance.now();
      await request();
      latencies.push(performance.now() - t);
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return latencies;
    },
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

function print(result: Record<string, number>): void {
  console.log(JSON.stringify(result));
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url && process.argv[2] === 'child') {
  await childMain(process.argv[3], process.argv[4]);
}
