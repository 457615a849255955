/**
 * Full texts through the API (issue 4): a PDF or a link attached to a record that passed
 * title/abstract screening, type-checked by content, size-limited, stored under the review's
 * folder by hash, and served back to the review's members only.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as route from '../../app/api/v1/reviews/[reviewId]/records/[recordId]/full-text/route';
import { getDb } from '../../lib/db/client';
import { decide } from '../../lib/services/screening';
import { useTestDatabase } from '../helpers/db';
import { addMember, makeRecords, makeReview, makeUser } from '../helpers/factories';

// getEnv() reads process.env once, on its first call: configure before anything can call it.
const env = await vi.hoisted(async () => {
  const [{ mkdtempSync }, { join }, { tmpdir }] = await Promise.all([import('node:fs'), import('node:path'), import('node:os')]);
  const saved = { files: process.env.SIEVE_FILES_DIR, max: process.env.SIEVE_MAX_UPLOAD_MB };
  const dir = mkdtempSync(join(tmpdir(), 'sieve-files-'));
  process.env.SIEVE_FILES_DIR = dir;
  process.env.SIEVE_MAX_UPLOAD_MB = '1'; // the PDF limit is min(50 MB, SIEVE_MAX_UPLOAD_MB): 1 MB here
  return { saved, dir };
});

useTestDatabase();

afterAll(() => {
  for (const [key, value] of [['SIEVE_FILES_DIR', env.saved.files], ['SIEVE_MAX_UPLOAD_MB', env.saved.max]] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  fs.rmSync(env.dir, { recursive: true, force: true });
});

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n' +
    '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

type Method = 'GET' | 'POST' | 'DELETE';
async function send(method: Method, token: string | null, reviewId: string, recordId: string, init: { form?: FormData; json?: unknown; query?: string } = {}) {
  const headers = new Headers();
  if (token) headers.set('authorization', `Bearer ${token}`);
  let body: FormData | string | undefined = init.form;
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(init.json);
  }
  const request = new NextRequest(new URL(`/api/v1/reviews/${reviewId}/records/${recordId}/full-text${init.query ?? ''}`, 'http://test'), { method, headers, body });
  const response = await route[method](request, { params: Promise.resolve({ reviewId, recordId }) });
  const bytes = Buffer.from(await response.arrayBuffer());
  const text = bytes.toString('utf8');
  let json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read any field
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, bytes, json };
}

const fileForm = (bytes: Buffer, name: string, type = 'application/pdf') => {
  const form = new FormData();
  form.append('file', new File([new Uint8Array(bytes)], name, { type }));
  return form;
};

const filesIn = (reviewId: string) => (fs.existsSync(path.join(env.dir, reviewId)) ? fs.readdirSync(path.join(env.dir, reviewId)).sort() : []);

let owner: Awaited<ReturnType<typeof makeUser>>;
let reviewer: Awaited<ReturnType<typeof makeUser>>;
let viewer: Awaited<ReturnType<typeof makeUser>>;
let stranger: Awaited<ReturnType<typeof makeUser>>;
let reviewId: string;
let passed: string;
let excluded: string;
let pending: string;

beforeAll(async () => {
  [owner, reviewer, viewer, stranger] = await Promise.all([makeUser('owner'), makeUser('reviewer'), makeUser('viewer'), makeUser('stranger')]);
  reviewId = (await makeReview(owner.id)).id;
  await addMember(owner.id, reviewId, reviewer.email, 'reviewer');
  await addMember(owner.id, reviewId, viewer.email, 'viewer');
  [passed, excluded, pending] = await makeRecords(reviewId, owner.id, 3);
  // Two reviewers each (the default): both include one record, both exclude another.
  for (const [recordId, decision] of [[passed, 'include'], [excluded, 'exclude']] as const) {
    await decide(owner.id, reviewId, recordId, { stage: 'title_abstract', decision });
    await decide(reviewer.id, reviewId, recordId, { stage: 'title_abstract', decision });
  }
});

describe('attaching a PDF', () => {
  it('stores it under <filesDir>/<reviewId>/<sha256>.pdf whatever its name, records the report and an audit event', async () => {
    const res = await send('POST', reviewer.token, reviewId, passed, { form: fileForm(PDF, '../../etc/Smith "2020".pdf') });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ recordId: passed, url: null, file: { name: 'Smith 2020.pdf', size: PDF.length, sha256: sha(PDF), href: `/api/v1/reviews/${reviewId}/records/${passed}/full-text` } });
    expect(filesIn(reviewId)).toEqual([`${sha(PDF)}.pdf`]);
    expect(fs.readFileSync(path.join(env.dir, reviewId, `${sha(PDF)}.pdf`)).equals(PDF)).toBe(true);
    const report = await getDb().report.findUniqueOrThrow({ where: { recordId: passed } });
    expect(report).toMatchObject({ reviewId, fileName: 'Smith 2020.pdf', filePath: `${reviewId}/${sha(PDF)}.pdf`, fileSize: PDF.length, fileSha256: sha(PDF) });
    const events = await getDb().auditEvent.findMany({ where: { reviewId, entityType: 'report' } });
    expect(events.map((e) => [e.action, e.actorId])).toEqual([['report.file_attached', reviewer.id]]);
  });

  it('serves the bytes back inline to members only', async () => {
    for (const member of [viewer, owner, reviewer]) {
      const res = await send('GET', member.token, reviewId, passed);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-disposition')).toBe(`inline; filename="Smith 2020.pdf"; filename*=UTF-8''Smith%202020.pdf`);
      expect(res.bytes.equals(PDF)).toBe(true);
    }
    const outsider = await send('GET', stranger.token, reviewId, passed);
    expect(outsider.status).toBe(404);
    expect(outsider.bytes.includes(Buffer.from('%PDF'))).toBe(false);
    expect((await send('GET', null, reviewId, passed)).status).toBe(401);
    // Through a review the caller does belong to, another review's record is not found either.
    const own = await makeReview(stranger.id, 'Stranger review');
    expect((await send('GET', stranger.token, own.id, passed)).status).toBe(404);
  });

  it('refuses a file that is not a PDF, whatever its name (422), and stores nothing', async () => {
    const before = filesIn(reviewId);
    const zip = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(200, 1)]);
    const res = await send('POST', reviewer.token, reviewId, passed, { form: fileForm(zip, 'paper.pdf') });
    expect(res.status).toBe(422);
    expect(res.json.error.message).toMatch(/paper\.pdf is not a PDF/);
    expect((await send('POST', reviewer.token, reviewId, passed, { form: fileForm(Buffer.alloc(0), 'empty.pdf') })).status).toBe(422);
    expect(filesIn(reviewId)).toEqual(before);
    expect((await getDb().report.findUniqueOrThrow({ where: { recordId: passed } })).fileSha256).toBe(sha(PDF));
  });

  it('refuses a PDF over the limit (413)', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(1024 * 1024, 32)]);
    const res = await send('POST', reviewer.token, reviewId, passed, { form: fileForm(big, 'big.pdf') });
    expect(res.status).toBe(413);
    expect(res.json.error.message).toMatch(/over the 1 MB limit/);
    expect(filesIn(reviewId)).toEqual([`${sha(PDF)}.pdf`]);
  });

  it('refuses records that did not pass title/abstract (409), and records of another review (404)', async () => {
    for (const recordId of [excluded, pending]) {
      const res = await send('POST', reviewer.token, reviewId, recordId, { form: fileForm(PDF, 'x.pdf') });
      expect(res.status).toBe(409);
      expect(res.json.error.message).toMatch(/has not passed title\/abstract screening/);
    }
    const other = await makeReview(owner.id, 'Another review');
    const [foreign] = await makeRecords(other.id, owner.id, 1);
    expect((await send('POST', reviewer.token, reviewId, foreign, { form: fileForm(PDF, 'x.pdf') })).status).toBe(404);
    expect(await getDb().report.count({ where: { recordId: { in: [excluded, pending, foreign] } } })).toBe(0);
  });

  it('refuses viewers (403) and non-members (404)', async () => {
    expect((await send('POST', viewer.token, reviewId, passed, { form: fileForm(PDF, 'x.pdf') })).status).toBe(403);
    expect((await send('POST', stranger.token, reviewId, passed, { form: fileForm(PDF, 'x.pdf') })).status).toBe(404);
    expect((await send('DELETE', viewer.token, reviewId, passed)).status).toBe(403);
    expect((await send('DELETE', stranger.token, reviewId, passed)).status).toBe(404);
  });
});

describe('links and removal', () => {
  it('attaches a web link (JSON or multipart) and refuses other schemes', async () => {
    const res = await send('POST', owner.token, reviewId, passed, { json: { url: 'https://doi.org/10.1000/example' } });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ url: 'https://doi.org/10.1000/example', file: { sha256: sha(PDF) } });
    const bad = await send('POST', owner.token, reviewId, passed, { json: { url: 'javascript:alert(1)' } });
    expect(bad.status).toBe(422);
    const form = new FormData();
    form.append('url', 'https://example.org/full.pdf');
    expect((await send('POST', owner.token, reviewId, passed, { form })).json.url).toBe('https://example.org/full.pdf');
  });

  it('removes the PDF (deleting the stored file once unused) and keeps the link and the report sought', async () => {
    const res = await send('DELETE', reviewer.token, reviewId, passed, { query: '?part=file' });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ file: null, url: 'https://example.org/full.pdf' });
    expect(filesIn(reviewId)).toEqual([]);
    const get = await send('GET', viewer.token, reviewId, passed);
    expect(get.status).toBe(404);
    expect(get.json.error.details).toEqual({ url: 'https://example.org/full.pdf' });
    expect(await getDb().report.count({ where: { recordId: passed } })).toBe(1);
    const actions = (await getDb().auditEvent.findMany({ where: { reviewId, entityType: 'report' }, orderBy: { id: 'asc' } })).map((e) => e.action);
    expect(actions).toEqual(['report.file_attached', 'report.link_attached', 'report.link_attached', 'report.full_text_removed']);
  });
});
