/**
 * The screening requests of the JSON API over HTTP, against the production server
 * (scripts/server.ts), which hands "next record" and "decide" straight to their route handlers
 * (decision 013): what a pipeline script sees — statuses, bodies, errors, headers — must be what
 * every other route gives. The review is seeded before the server starts (the benchmark's seed:
 * an owner, two reviewers with API tokens, 30 records).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../helpers/app-server';

const ROOT = path.resolve(import.meta.dirname, '../..');
let app: RunningApp;
let dataDir: string;
let reviewId: string;
let tokens: string[];
const bodies: string[] = [];

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sieve-e2e-api-'));
  const env: NodeJS.ProcessEnv = { ...process.env, SIEVE_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  const seeded = spawnSync('npx', ['tsx', 'scripts/bench/seed-screening.ts', 'seed', '30', '2'], { cwd: ROOT, env, encoding: 'utf8' });
  if (seeded.status !== 0) throw new Error(seeded.stderr);
  ({ reviewId, tokens } = JSON.parse(seeded.stdout.trim().split('\n').at(-1)!) as { reviewId: string; tokens: string[] });
  app = await startApp({ env: { SIEVE_DATA_DIR: dataDir } });
}, 120_000);

afterAll(async () => {
  await app?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function call(method: string, apiPath: string, options: { token?: string; body?: string; type?: string } = {}) {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = options.type ?? 'application/json';
  const res = await fetch(`${app.url}/api/v1${apiPath}`, { method, headers, body: options.body });
  const text = await res.text();
  bodies.push(text);
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
}

const nextPath = (review = reviewId, query = 'stage=title_abstract') => `/reviews/${review}/screening/next?${query}`;
const decide = (record: string, token: string, body: unknown = { stage: 'title_abstract', decision: 'include' }) =>
  call('POST', `/reviews/${reviewId}/records/${record}/decisions`, { token, body: JSON.stringify(body) });

describe('screening through the JSON API', () => {
  it('serves the next record with the headers every response carries', async () => {
    const res = await call('GET', nextPath(), { token: tokens[0] });
    expect(res.status).toBe(200);
    expect(res.json.record).toMatchObject({ id: expect.any(String), title: expect.stringContaining('ketamine') });
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('cache-control')).toContain('no-store');
    // next.config.js's headers, as on every page and route.
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    // The same headers on a route Next.js serves itself.
    const review = await call('GET', `/reviews/${reviewId}`, { token: tokens[0] });
    expect(review.status).toBe(200);
    expect(review.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('records a decision once, answers a repeat as unchanged, and keeps a change', async () => {
    const { json } = await call('GET', nextPath(), { token: tokens[0] });
    const record = json.record.id as string;
    const first = await decide(record, tokens[0]);
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ recordId: record, decision: 'include', effect: 'created', decisionsCount: 1, requiredDecisions: 2 });
    const again = await decide(record, tokens[0]);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ id: first.json.id, effect: 'unchanged' });
    const second = await decide(record, tokens[1], { stage: 'title_abstract', decision: 'exclude', note: 'no neuroplasticity outcome' });
    expect(second.json).toMatchObject({ effect: 'created', decisionsCount: 2, note: 'no neuroplasticity outcome' });
    const changed = await decide(record, tokens[0], { stage: 'title_abstract', decision: 'maybe' });
    expect(changed.json).toMatchObject({ effect: 'changed', decision: 'maybe' });
  });

  it('refuses without a token, with a bad one, and for reviews the caller is not in', async () => {
    const none = await call('GET', nextPath());
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect(none.json.error.code).toBe('unauthorized');
    expect((await call('GET', nextPath(), { token: 'sv_not_a_token' })).status).toBe(401);
    expect((await decide('00000000-0000-4000-8000-000000000000', 'sv_not_a_token')).status).toBe(401);
    const elsewhere = await call('GET', nextPath('00000000-0000-4000-8000-000000000000'), { token: tokens[0] });
    expect(elsewhere.status).toBe(404);
    expect((await call('GET', nextPath('not-a-uuid'), { token: tokens[0] })).status).toBe(404);
    expect((await call('GET', nextPath('%E0%A4%A'), { token: tokens[0] })).status).toBe(404);
  });

  it('says what is wrong with bad input, and stores nothing', async () => {
    const { json } = await call('GET', nextPath(), { token: tokens[1] });
    const record = json.record.id as string;
    const badStage = await call('GET', nextPath(reviewId, 'stage=abstracts'), { token: tokens[0] });
    expect(badStage.status).toBe(422);
    expect(badStage.json.error.code).toBe('invalid');
    const notJson = await call('POST', `/reviews/${reviewId}/records/${record}/decisions`, { token: tokens[1], body: '{"stage":' });
    expect(notJson.status).toBe(400);
    expect(notJson.json.error.message).toMatch(/not valid JSON/);
    const noType = await call('POST', `/reviews/${reviewId}/records/${record}/decisions`, { token: tokens[1], body: '{}', type: 'text/plain' });
    expect(noType.status).toBe(400);
    const badValue = await decide(record, tokens[1], { stage: 'title_abstract', decision: 'perhaps' });
    expect(badValue.status).toBe(422);
    expect(badValue.json.error.details.issues).toEqual([expect.objectContaining({ path: 'decision' })]);
    const oversized = await decide(record, tokens[1], { stage: 'title_abstract', decision: 'include', note: 'x'.repeat(2 * 1024 * 1024) });
    expect(oversized.status).toBe(413);
    expect(oversized.json.error).toMatchObject({ code: 'payload_too_large', message: 'The JSON body is larger than 1 MB.' });
    const unknownRecord = await decide('00000000-0000-4000-8000-000000000000', tokens[1]);
    expect(unknownRecord.status).toBe(404);
    const mine = await call('GET', `/reviews/${reviewId}/decisions?reviewer=me&stage=title_abstract`, { token: tokens[1] });
    expect(mine.json.items.map((d: { recordId: string }) => d.recordId)).not.toContain(record);
  });

  it('answers 204 once nothing is left for the reviewer', async () => {
    for (let i = 0; i < 40; i++) {
      const res = await call('GET', nextPath(), { token: tokens[1] });
      if (res.status === 204) {
        expect(res.json).toBeNull();
        return;
      }
      expect(res.status).toBe(200);
      expect((await decide(res.json.record.id, tokens[1], { stage: 'title_abstract', decision: 'exclude' })).status).toBeLessThan(300);
    }
    throw new Error('the queue never ran out');
  });

  it('never sends a stack trace or a source path', () => {
    expect(bodies.length).toBeGreaterThan(20);
    for (const body of bodies) expect(body).not.toMatch(/\bat .+:\d+:\d+|\/work\/|node_modules|\.ts\b/);
  });
});
