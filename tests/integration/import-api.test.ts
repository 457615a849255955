/**
 * The identification API through its route handlers, called directly with real Requests:
 * multipart import (201 / 422 / 413 shapes), preview, searches, records, duplicates, and who may
 * do what (owners import and decide; members read; non-members get 404).
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { POST as previewRoute } from '../../app/api/v1/reviews/[reviewId]/imports/preview/route';
import { POST as decideRoute } from '../../app/api/v1/reviews/[reviewId]/duplicates/[pairId]/route';
import { GET as duplicatesRoute } from '../../app/api/v1/reviews/[reviewId]/duplicates/route';
import { GET as recordRoute } from '../../app/api/v1/reviews/[reviewId]/records/[recordId]/route';
import { GET as recordsRoute } from '../../app/api/v1/reviews/[reviewId]/records/route';
import { GET as searchRoute } from '../../app/api/v1/reviews/[reviewId]/searches/[searchId]/route';
import { GET as searchesRoute, POST as importRoute } from '../../app/api/v1/reviews/[reviewId]/searches/route';
import { getDb } from '../../lib/db/client';
import { addMember, makeReview, makeUser } from '../helpers/factories';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

const DATA = path.resolve(import.meta.dirname, '../../../shared/data');
const BASE = 'http://localhost';

let owner: { id: string; token: string };
let reviewer: { id: string; email: string; token: string };
let stranger: { id: string; token: string };
let reviewId: string;

beforeAll(async () => {
  owner = await makeUser('owner');
  reviewer = await makeUser('reviewer');
  stranger = await makeUser('stranger');
  reviewId = (await makeReview(owner.id)).id;
  await addMember(owner.id, reviewId, reviewer.email, 'reviewer');
});

function form(rel: string | { name: string; bytes: Uint8Array }, fields: Record<string, string> = {}): FormData {
  const fd = new FormData();
  const file = typeof rel === 'string' ? { name: path.basename(rel), bytes: fs.readFileSync(path.join(DATA, rel)) } : rel;
  fd.append('file', new File([Uint8Array.from(file.bytes)], file.name));
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
}

type Handler<P> = (request: Request, ctx: { params: Promise<P> }) => Promise<Response>;

async function call<P extends Record<string, string>>(handler: Handler<P>, method: string, url: string, params: P, init: { token?: string; body?: BodyInit; json?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...init.headers };
  let body = init.body;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  }
  const res = await handler(new Request(`${BASE}${url}`, { method, headers, body }), { params: Promise.resolve(params) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
}

const searchesUrl = () => `/api/v1/reviews/${reviewId}/searches`;
const counts = async () => ({ searches: await getDb().search.count(), records: await getDb().record.count() });

describe('POST /searches (multipart import)', () => {
  it('201 with the search, its counts, duplicates and problems, and a Location that serves it', async () => {
    const res = await call(importRoute, 'POST', searchesUrl(), { reviewId }, {
      token: owner.token,
      body: form('pubmed-medline/ncbiutils_medlines.txt', { source: 'PubMed', sourceType: 'database', query: 'fracture risk', dateRun: '2024-01-31', notes: 'n', skipProblemRecords: 'true' }),
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      id: expect.any(String), source: 'PubMed', sourceType: 'database', query: 'fracture risk', dateRun: '2024-01-31', fileName: 'ncbiutils_medlines.txt',
      format: 'medline', recordsRead: 6, recordsImported: 5, identified: 5, problemsSkipped: 1,
      duplicates: { exact: 0, likely: 0, withinFile: { exact: 0, likely: 0 }, againstEarlierImports: { exact: 0, likely: 0 } },
    });
    expect(res.json.problems).toContainEqual(expect.objectContaining({ line: 141, code: 'no-title-or-abstract' }));
    const location = res.headers.get('location')!;
    const fetched = await call(searchRoute, 'GET', location, { reviewId, searchId: res.json.id }, { token: reviewer.token });
    expect(fetched.status).toBe(200);
    expect(fetched.json).toMatchObject({ id: res.json.id, identified: 5, problemsSkipped: 1 });
    expect(fetched.json.problems).toHaveLength(res.json.problems.length);
  });

  it('a second file finds its duplicates among the first', async () => {
    const res = await call(importRoute, 'POST', searchesUrl(), { reviewId }, { token: owner.token, body: form('pubmed-xml/ncbiutils_pubmed.xml', { source: 'PubMed' }) });
    expect(res.status).toBe(201);
    expect(res.json.duplicates.againstEarlierImports.exact).toBe(5);
    expect(res.json.duplicates.duplicatesRemovedChange).toBe(5);
  });

  it('422 with the problems when nothing can be imported, naming the file and line; nothing stored', async () => {
    const before = await counts();
    const res = await call(importRoute, 'POST', searchesUrl(), { reviewId }, { token: owner.token, body: form({ name: 'cut.xml', bytes: fs.readFileSync(path.join(DATA, 'pubmed-xml/asreview_pubmed.xml')).subarray(0, 30_000) }, { source: 'PubMed' }) });
    expect(res.status).toBe(422);
    expect(res.json.error).toMatchObject({ code: 'invalid', message: expect.stringMatching(/cut\.xml.*line \d+/) });
    expect(res.json.error.details.problems[0]).toMatchObject({ code: 'truncated', severity: 'error', line: expect.any(Number) });
    expect(await counts()).toEqual(before);

    const problems = await call(importRoute, 'POST', searchesUrl(), { reviewId }, { token: owner.token, body: form('pubmed-medline/ncbiutils_medlines.txt', { source: 'PubMed' }) });
    expect(problems.status).toBe(422);
    expect(problems.json.error.details).toMatchObject({ problemRecords: 1, problems: expect.arrayContaining([expect.objectContaining({ line: 141, code: 'no-title-or-abstract' })]) });
    expect(await counts()).toEqual(before);
  });

  it('422 for missing metadata or file, 400 for a body that is not multipart', async () => {
    const noSource = await call(importRoute, 'POST', searchesUrl(), { reviewId }, { token: owner.token, body: form('ris/asreview_embase.ris', { sourceType: 'journal' }) });
    expect(noSource.status).toBe(422);
    expect(noSource.json.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['source', 'sourceType']);
    const noFile = new FormData();
    noFile.append('source', 'PubMed');
    expect((await call(importRoute, 'POST', searchesUrl(), { reviewId }, { token: owner.token, body: noFile })).status).toBe(422);
    const asJson = await call(importRoute, 'POST', searchesUrl(), { reviewId }, { token: owner.token, json: { source: 'PubMed' } });
    expect(asJson.status).toBe(400);
  });

  it('413 when the announced upload is over the limit, before the body is read', async () => {
    const res = await call(importRoute, 'POST', searchesUrl(), { reviewId }, {
      token: owner.token,
      body: form('ris/asreview_embase.ris', { source: 'Embase' }),
      headers: { 'content-length': String(1024 * 1024 * 1024) },
    });
    expect(res.status).toBe(413);
    expect(res.json.error).toMatchObject({ code: 'payload_too_large', message: expect.stringMatching(/upload limit of 250 MB \(SIEVE_MAX_UPLOAD_MB\)/) });
  });

  it('reviewers cannot import (403); non-members get 404; no token 401', async () => {
    const before = await counts();
    const asReviewer = await call(importRoute, 'POST', searchesUrl(), { reviewId }, { token: reviewer.token, body: form('ris/asreview_embase.ris', { source: 'Embase' }) });
    expect(asReviewer.status).toBe(403);
    const asStranger = await call(importRoute, 'POST', searchesUrl(), { reviewId }, { token: stranger.token, body: form('ris/asreview_embase.ris', { source: 'Embase' }) });
    expect(asStranger.status).toBe(404);
    expect((await call(importRoute, 'POST', searchesUrl(), { reviewId }, { body: form('ris/asreview_embase.ris', { source: 'Embase' }) })).status).toBe(401);
    expect((await call(previewRoute, 'POST', `/api/v1/reviews/${reviewId}/imports/preview`, { reviewId }, { token: reviewer.token, body: form('ris/asreview_embase.ris') })).status).toBe(403);
    expect(await counts()).toEqual(before);
  });
});

describe('preview and reads', () => {
  it('POST /imports/preview tells what an import would do and stores nothing', async () => {
    const before = await counts();
    const res = await call(previewRoute, 'POST', `/api/v1/reviews/${reviewId}/imports/preview`, { reviewId }, { token: owner.token, body: form('pubmed-medline/ncbiutils_medlines.txt') });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ format: 'medline', recordsRead: 6, recordsImportable: 5, problemRecords: 1, duplicates: { againstEarlierImports: { exact: 10 }, newRecordsRemoved: 5 } });
    expect(res.json.sample[0]).toMatchObject({ line: 2, pmid: '35196497', hasAbstract: true });
    expect(await counts()).toEqual(before);
  });

  it('GET /searches, /records, /records/{id} for members; 404 for others', async () => {
    const searches = await call(searchesRoute, 'GET', searchesUrl(), { reviewId }, { token: reviewer.token });
    expect(searches.status).toBe(200);
    expect(searches.json).toMatchObject({ total: 2, limit: 50, offset: 0, totals: { identified: 10, duplicatesRemoved: 5, afterDuplicatesRemoved: 5 } });
    expect(searches.json.items.map((s: { identified: number }) => s.identified)).toEqual([5, 5]);

    const records = await call(recordsRoute, 'GET', `/api/v1/reviews/${reviewId}/records?isDuplicate=false&limit=2`, { reviewId }, { token: reviewer.token });
    expect(records.status).toBe(200);
    expect(records.json).toMatchObject({ total: 5, limit: 2, offset: 0 });
    const bad = await call(recordsRoute, 'GET', `/api/v1/reviews/${reviewId}/records?year=soon`, { reviewId }, { token: reviewer.token });
    expect(bad.status).toBe(422);

    const recordId = records.json.items[0].id;
    const one = await call(recordRoute, 'GET', `/api/v1/reviews/${reviewId}/records/${recordId}`, { reviewId, recordId }, { token: reviewer.token });
    expect(one.status).toBe(200);
    expect(one.json).toMatchObject({ id: recordId, survivorId: recordId, duplicates: [expect.objectContaining({ title: expect.any(String) })] });

    expect((await call(searchesRoute, 'GET', searchesUrl(), { reviewId }, { token: stranger.token })).status).toBe(404);
    expect((await call(recordRoute, 'GET', `/api/v1/reviews/${reviewId}/records/${recordId}`, { reviewId, recordId }, { token: stranger.token })).status).toBe(404);
    const other = await makeReview(stranger.id, 'Not yours');
    expect((await call(recordRoute, 'GET', `/api/v1/reviews/${other.id}/records/${recordId}`, { reviewId: other.id, recordId }, { token: stranger.token })).status).toBe(404);
  });

  it('GET /duplicates and POST /duplicates/{pairId}: owners decide, reviewers read', async () => {
    const list = await call(duplicatesRoute, 'GET', `/api/v1/reviews/${reviewId}/duplicates?status=merged`, { reviewId }, { token: reviewer.token });
    expect(list.status).toBe(200);
    expect(list.json).toMatchObject({ total: 5, counts: { merged: 5, pending: 0, not_duplicate: 0 } });
    const pair = list.json.items[0];
    expect(pair).toMatchObject({ tier: 'exact', status: 'merged', reasons: ['pmid'], recordA: { title: expect.any(String) }, recordB: { title: expect.any(String) } });

    const url = `/api/v1/reviews/${reviewId}/duplicates/${pair.id}`;
    expect((await call(decideRoute, 'POST', url, { reviewId, pairId: pair.id }, { token: reviewer.token, json: { action: 'undo' } })).status).toBe(403);
    const undone = await call(decideRoute, 'POST', url, { reviewId, pairId: pair.id }, { token: owner.token, json: { action: 'undo' } });
    expect(undone.status).toBe(200);
    expect(undone.json).toMatchObject({ status: 'pending', decidedBy: null });
    const again = await call(decideRoute, 'POST', url, { reviewId, pairId: pair.id }, { token: owner.token, json: { action: 'undo' } });
    expect(again.status).toBe(409);
    const merged = await call(decideRoute, 'POST', url, { reviewId, pairId: pair.id }, { token: owner.token, json: { action: 'merge', keepRecordId: pair.recordA.id } });
    expect(merged.status).toBe(200);
    expect(merged.json).toMatchObject({ status: 'merged', decidedBy: { id: owner.id }, recordA: { duplicateOfId: null }, recordB: { duplicateOfId: pair.recordA.id } });
    expect((await call(decideRoute, 'POST', url, { reviewId, pairId: pair.id }, { token: owner.token, json: { action: 'split' } })).status).toBe(422);
    expect((await call(duplicatesRoute, 'GET', `/api/v1/reviews/${reviewId}/duplicates?status=maybe`, { reviewId }, { token: owner.token })).status).toBe(422);
  });
});
