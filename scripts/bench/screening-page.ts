/**
 * Benchmark: what the screening page costs a reviewer's browser, measured in headless Chromium
 * against the production build (scripts/server.ts) on embedded PGlite. The page's weight does not
 * depend on the database, so it runs once.
 *
 * Figures:
 *  - first load of /reviews/{id}/screen: JavaScript files, bytes as transferred (compressed) and
 *    as parsed (decoded): Next.js 16 no longer prints a route's "First Load JS", so this is how
 *    the route's bundle size is reported;
 *  - one decision cycle (press I, the next record on screen), over 20 keyboard decisions: the
 *    JavaScript fetched (must be 0: the cycle runs on code already loaded), the requests and bytes
 *    per cycle, and the time from the key press to the next record's title on screen (p50/p95).
 *
 * The seed (seed-screening.ts) runs before the server starts: 200 records, one reviewer.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page, Request } from 'playwright-core';
import { startApp } from '../../tests/helpers/app-server';
import { launchBrowser } from '../../tests/helpers/browser';
import type { Benchmark, BenchContext, Figure } from './types';

const NAME = 'screening-page';
const ROOT = path.resolve(import.meta.dirname, '../..');
const CYCLES = 20;
const RECORDS = 200;
const REVIEWER = { email: 'reviewer1@bench.example.org', password: 'bench password long enough 1' };

interface Transfer {
  url: string;
  type: string;
  /** Bytes on the wire (body as sent, compressed when it was). */
  wire: number;
  /** Bytes of the body after decoding. */
  decoded: number;
}

export const screeningPage: Benchmark = {
  name: NAME,
  async run(ctx) {
    ctx.ensureBuilt();
    return measure(ctx);
  },
};

async function measure(ctx: BenchContext): Promise<Figure[]> {
  const teardown: Array<() => Promise<void> | void> = [];
  const cleanup = ctx.onCleanup(async () => {
    for (const fn of teardown.reverse()) await Promise.resolve().then(fn).catch((e) => ctx.log(`teardown: ${(e as Error).message}`));
  });
  try {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sieve-bench-page-'));
    teardown.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const env: NodeJS.ProcessEnv = { ...process.env, SIEVE_DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    const seed = spawnSync('npx', ['tsx', 'scripts/bench/seed-screening.ts', 'seed', String(RECORDS), '1'], { cwd: ROOT, env, encoding: 'utf8' });
    if (seed.status !== 0) throw new Error(`seed step failed:\n${seed.stderr || seed.stdout}`);
    const { reviewId } = JSON.parse(seed.stdout.trim().split('\n').at(-1)!) as { reviewId: string };

    const app = await startApp({ env: { SIEVE_DATA_DIR: dataDir } });
    teardown.push(() => app.stop());
    const browser = await launchBrowser();
    teardown.push(() => browser.close());
    const signIn = await browser.newContext({ baseURL: app.url });
    const signInPage = await signIn.newPage();
    signInPage.setDefaultTimeout(20_000);
    ctx.log(`app at ${app.url}; signing in and opening the screening page`);
    await signInPage.goto('/sign-in');
    await signInPage.getByLabel('Email').fill(REVIEWER.email);
    await signInPage.getByLabel('Password').fill(REVIEWER.password);
    await signInPage.getByRole('button', { name: 'Sign in' }).click();
    await signInPage.waitForURL(/\/reviews$/);

    // First load with an empty cache: a new profile holding only the session cookie, so the
    // shared chunks the sign-in page loaded are fetched again and counted.
    const context = await browser.newContext({ baseURL: app.url, viewport: { width: 1400, height: 1000 } });
    const session = await signIn.cookies();
    await context.addCookies(session);
    // The scripts every signed-in page loads (the reviews list's), to tell the route's own apart.
    const shared = new Set((await scriptsOf(await signIn.newPage(), '/reviews')).map((t) => new URL(t.url).pathname));
    await signIn.close();
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    const transfers = record(page);
    await page.goto(`/reviews/${reviewId}/screen?stage=title_abstract`, { waitUntil: 'networkidle' });
    await page.locator('#record-title').waitFor();
    const firstLoad = await transfers.take();
    const scripts = firstLoad.filter((t) => t.type === 'script');
    const own = scripts.filter((t) => !shared.has(new URL(t.url).pathname));

    // Decision cycles: I, then wait for another title. Prefetching has settled before each press,
    // as it would while a reviewer reads.
    const times: number[] = [];
    const perCycle: Transfer[][] = [];
    for (let n = 0; n < CYCLES; n++) {
      const before = await page.locator('#record-title').innerText();
      await page.waitForLoadState('networkidle');
      await transfers.take();
      const t0 = performance.now();
      await page.keyboard.press('i');
      await page.waitForFunction((prev) => {
        const title = document.querySelector('#record-title');
        return title !== null && title.textContent !== prev;
      }, before);
      times.push(performance.now() - t0);
      await page.getByText('All decisions saved', { exact: true }).waitFor();
      await page.waitForLoadState('networkidle');
      perCycle.push(await transfers.take());
    }
    const cycleScripts = perCycle.flat().filter((t) => t.type === 'script');
    const cycleRequests = perCycle.reduce((s, c) => s + c.length, 0) / CYCLES;
    const cycleWire = perCycle.reduce((s, c) => s + sum(c, 'wire'), 0) / CYCLES;
    times.sort((a, b) => a - b);
    const kb = (b: number) => Math.round((b / 1024) * 10) / 10;
    const ms = (v: number) => Math.round(v * 100) / 100;
    const kinds = [...new Set(perCycle.flat().map((t) => `${t.type} ${new URL(t.url).pathname.replace(/[0-9a-f-]{36}/g, ':id')}`))].join('; ');
    return [
      { name: `${NAME}.first-load.js.files`, value: scripts.length, unit: 'files', details: 'JavaScript files loaded by /reviews/{id}/screen, empty cache' },
      { name: `${NAME}.first-load.js.wire`, value: kb(sum(scripts, 'wire')), unit: 'kB', details: 'as transferred (compressed)' },
      { name: `${NAME}.first-load.js.decoded`, value: kb(sum(scripts, 'decoded')), unit: 'kB', details: 'as parsed' },
      { name: `${NAME}.own.js.wire`, value: kb(sum(own, 'wire')), unit: 'kB', details: `${own.length} files the reviews list does not load (the route's own code), as transferred; ${kb(sum(own, 'decoded'))} kB as parsed` },
      { name: `${NAME}.first-load.all.wire`, value: kb(sum(firstLoad, 'wire')), unit: 'kB', details: `${firstLoad.length} requests: document, scripts, styles, fonts, API` },
      { name: `${NAME}.cycle.js`, value: cycleScripts.length, unit: 'files', details: `JavaScript fetched during ${CYCLES} decision cycles`, mustBeZero: true },
      { name: `${NAME}.cycle.requests`, value: ms(cycleRequests), unit: 'requests', details: `per decision cycle: ${kinds}` },
      { name: `${NAME}.cycle.wire`, value: kb(cycleWire), unit: 'kB', details: 'per decision cycle, as transferred' },
      { name: `${NAME}.cycle.next-shown.p50`, value: ms(quantile(times, 0.5)), unit: 'ms', details: 'key press to the next record on screen' },
      { name: `${NAME}.cycle.next-shown.p95`, value: ms(quantile(times, 0.95)), unit: 'ms', details: `max ${ms(times.at(-1)!)} ms` },
    ];
  } finally {
    await cleanup();
  }
}

async function scriptsOf(page: Page, url: string): Promise<Transfer[]> {
  const seen = record(page);
  await page.goto(url, { waitUntil: 'networkidle' });
  return (await seen.take()).filter((t) => t.type === 'script');
}

/** Collects every finished request of the page; `take` returns and forgets those seen so far. */
function record(page: Page) {
  const pending: Promise<Transfer | null>[] = [];
  page.on('requestfinished', (req: Request) => pending.push(transfer(req)));
  return {
    async take(): Promise<Transfer[]> {
      const done = await Promise.all(pending.splice(0));
      return done.filter((t): t is Transfer => t !== null);
    },
  };
}

async function transfer(req: Request): Promise<Transfer | null> {
  const res = await req.response();
  if (!res) return null;
  const sizes = await req.sizes();
  const body = res.status() === 204 ? Buffer.alloc(0) : await res.body().catch(() => Buffer.alloc(0));
  return { url: req.url(), type: req.resourceType(), wire: sizes.responseBodySize, decoded: body.length };
}

function sum(ts: Transfer[], key: 'wire' | 'decoded'): number {
  return ts.reduce((s, t) => s + t[key], 0);
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}
