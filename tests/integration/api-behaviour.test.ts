/**
 * The JSON API's conventions (lib/api/respond.ts): malformed requests are 400 `bad_request`,
 * invalid fields 422 `invalid` naming each field in details.issues, lists page with
 * `{ items, total, limit, offset }`, creations answer 201 with an id, conflicts 409, unknown
 * paths 404 JSON, and no error body ever shows a stack trace or a source path.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../lib/db/client';
import { createReview } from '../../lib/services/reviews';
import { decide } from '../../lib/services/screening';
import { call, expectApiError, responseLog, stackTraceLeaks } from '../helpers/api-client';
import { useTestDatabase } from '../helpers/db';
import { addMember, makeRecords, makeReview, makeUser } from '../helpers/factories';

useTestDatabase();

type User = Awaited<ReturnType<typeof makeUser>>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let owner: User;
let colleague: User;
let reviewId: string;
let recordIds: string[];

beforeAll(async () => {
  [owner, colleague] = await Promise.all([makeUser('owner'), makeUser('colleague')]);
  reviewId = (await makeReview(owner.id)).id;
  recordIds = await makeRecords(reviewId, owner.id, 4);
});

const decisionsPath = (recordId = recordIds[0]) => `/api/v1/reviews/${reviewId}/records/${recordId}/decisions`;

async function counts() {
  const db = getDb();
  const [reviews, memberships, auditEvents] = await Promise.all([db.review.count(), db.membership.count(), db.auditEvent.count()]);
  return { reviews, memberships, auditEvents };
}

/** The write endpoints that take a JSON body. */
const writes = () => [
  { name: 'POST /api/v1/reviews', method: 'POST' as const, path: '/api/v1/reviews' },
  { name: 'POST members', method: 'POST' as const, path: `/api/v1/reviews/${reviewId}/members` },
  { name: 'PATCH member', method: 'PATCH' as const, path: `/api/v1/reviews/${reviewId}/members/${owner.id}` },
  { name: 'POST decision', method: 'POST' as const, path: decisionsPath() },
];

describe('request bodies', () => {
  it.each([
    ['truncated JSON', '{"title": '],
    ['a trailing comma', '{"title": "Ketamine",}'],
    ['single quotes', "{'title': 'Ketamine'}"],
    ['not JSON at all', 'title=Ketamine'],
    ['only whitespace', '   \n '],
    ['nothing', ''],
  ])('malformed JSON (%s) is 400 bad_request on every write, and changes nothing', async (_label, rawBody) => {
    const before = await counts();
    for (const w of writes()) {
      const res = await call(w.method, w.path, { token: owner.token, rawBody: rawBody || undefined, headers: { 'content-type': 'application/json' } });
      expectApiError(res, 400, 'bad_request');
      expect(res.json.error.message, w.name).toMatch(/JSON/);
    }
    expect(await counts()).toEqual(before);
  });

  it('a JSON body over 1 MB is 413 payload_too_large on every write, whether its length is declared or not, and changes nothing', async () => {
    const before = await counts();
    // Valid JSON, so only its size is wrong: a 1.1 MB note.
    const big = JSON.stringify({ title: 'Ketamine', stage: 'title_abstract', decision: 'include', note: 'x'.repeat(1.1 * 1024 * 1024) });
    for (const w of writes()) {
      for (const headers of [{ 'content-type': 'application/json', 'content-length': String(big.length) }, { 'content-type': 'application/json' }] as Record<string, string>[]) {
        const res = await call(w.method, w.path, { token: owner.token, rawBody: big, headers });
        expectApiError(res, 413, 'payload_too_large');
        expect(res.json.error.message, w.name).toBe('The JSON body is larger than 1 MB.');
      }
    }
    expect(await counts()).toEqual(before);
    expect(await getDb().decision.count({ where: { reviewId } })).toBe(0);
  });

  it.each([
    ['text/plain', { 'content-type': 'text/plain' }],
    ['form encoding', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['multipart', { 'content-type': 'multipart/form-data; boundary=x' }],
    ['no content type', {} as Record<string, string>],
  ])('a JSON body sent as %s is 400 bad_request naming the expected type', async (_label, headers) => {
    const before = await counts();
    for (const w of writes()) {
      const body = { title: 'Ketamine', email: colleague.email, role: 'viewer', stage: 'title_abstract', decision: 'include' };
      const res = await call(w.method, w.path, { token: owner.token, rawBody: JSON.stringify(body), headers });
      expectApiError(res, 400, 'bad_request');
      expect(res.json.error.message, w.name).toContain('application/json');
    }
    expect(await counts()).toEqual(before);
  });

  it('accepts application/json with a charset', async () => {
    const res = await call('POST', '/api/v1/reviews', { token: owner.token, rawBody: JSON.stringify({ title: 'Charset review' }), headers: { 'content-type': 'application/json; charset=utf-8' } });
    expect(res.status).toBe(201);
  });
});

describe('every documented endpoint, from the OpenAPI document', () => {
  type Op = { method: string; path: string; contentTypes: string[]; queryParams: string[] };
  let ops: Op[];

  let passedRecordId: string;

  beforeAll(async () => {
    // A record past title/abstract, for endpoints that check eligibility before reading the body.
    const second = await makeUser('second');
    await addMember(owner.id, reviewId, second.email, 'reviewer');
    passedRecordId = recordIds[2];
    for (const u of [owner, second]) await decide(u.id, reviewId, passedRecordId, { stage: 'title_abstract', decision: 'include' });
    const doc = (await call('GET', '/api/v1/openapi.json')).json;
    ops = Object.entries(doc.paths as Record<string, Record<string, { requestBody?: { content: object }; parameters?: Array<{ name: string; in: string }> }>>).flatMap(([path, byMethod]) =>
      Object.entries(byMethod).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        contentTypes: Object.keys(op.requestBody?.content ?? {}),
        queryParams: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      })),
    );
  });

  /** The owner's review, a record past title/abstract; any other id is well-formed but matches nothing. */
  const concrete = (path: string) => path.replace('{reviewId}', reviewId).replace('{recordId}', passedRecordId).replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000');

  it('answers 400 bad_request to malformed JSON wherever a JSON body is accepted', async () => {
    const jsonOps = ops.filter((o) => o.contentTypes.includes('application/json'));
    expect(jsonOps.length).toBeGreaterThanOrEqual(3);
    const before = await counts();
    for (const op of jsonOps) {
      const res = await call(op.method as 'POST', concrete(op.path), { token: owner.token, rawBody: '{"oops": ', headers: { 'content-type': 'application/json' } });
      expectApiError(res, 400, 'bad_request');
    }
    expect(await counts()).toEqual(before);
  });

  it('answers 400 bad_request to a body of the wrong content type wherever a body is accepted', async () => {
    const withBody = ops.filter((o) => o.contentTypes.length);
    const before = await counts();
    for (const op of withBody) {
      const res = await call(op.method as 'POST', concrete(op.path), { token: owner.token, rawBody: 'hello', headers: { 'content-type': 'text/plain' } });
      expectApiError(res, 400, 'bad_request');
      for (const type of op.contentTypes) expect(res.json.error.message, `${op.method} ${op.path}`).toContain(type);
    }
    expect(await counts()).toEqual(before);
  });

  it('answers 422 naming limit to limit=0 on every paged list', async () => {
    const paged = ops.filter((o) => o.method === 'GET' && o.queryParams.includes('limit'));
    expect(paged.length).toBeGreaterThanOrEqual(3);
    for (const op of paged) {
      const res = await call('GET', `${concrete(op.path)}?limit=0`, { token: owner.token });
      expectApiError(res, 422, 'invalid');
      expect(res.json.error.details.issues.map((i: { path: string }) => i.path), op.path).toEqual(['limit']);
    }
  });
});

describe('invalid fields are 422 naming each field', () => {
  const cases: Array<{ name: string; method: 'POST' | 'PATCH'; path: () => string; body: unknown; fields: string[]; message?: RegExp }> = [
    { name: 'review title too short', method: 'POST', path: () => '/api/v1/reviews', body: { title: 'ab' }, fields: ['title'], message: /at least 3 characters/ },
    { name: 'review title only spaces', method: 'POST', path: () => '/api/v1/reviews', body: { title: '      ' }, fields: ['title'] },
    { name: 'review title missing', method: 'POST', path: () => '/api/v1/reviews', body: { description: 'No title' }, fields: ['title'] },
    { name: 'review title not a string', method: 'POST', path: () => '/api/v1/reviews', body: { title: 42 }, fields: ['title'] },
    { name: 'review title too long', method: 'POST', path: () => '/api/v1/reviews', body: { title: 'x'.repeat(301) }, fields: ['title'], message: /at most 300/ },
    { name: 'review description too long', method: 'POST', path: () => '/api/v1/reviews', body: { title: 'Fine title', description: 'x'.repeat(2001) }, fields: ['description'] },
    { name: 'review title and description both bad', method: 'POST', path: () => '/api/v1/reviews', body: { title: '', description: 7 }, fields: ['title', 'description'] },
    { name: 'review body an array', method: 'POST', path: () => '/api/v1/reviews', body: [{ title: 'In an array' }], fields: [''] },
    { name: 'review body null', method: 'POST', path: () => '/api/v1/reviews', body: null, fields: [''] },
    { name: 'member email invalid', method: 'POST', path: () => `/api/v1/reviews/${reviewId}/members`, body: { email: 'not-an-email' }, fields: ['email'], message: /valid email/ },
    { name: 'member email missing', method: 'POST', path: () => `/api/v1/reviews/${reviewId}/members`, body: { role: 'viewer' }, fields: ['email'] },
    { name: "member role 'admin'", method: 'POST', path: () => `/api/v1/reviews/${reviewId}/members`, body: { email: 'someone@example.org', role: 'admin' }, fields: ['role'], message: /owner, reviewer or viewer/ },
    { name: 'member email and role both bad', method: 'POST', path: () => `/api/v1/reviews/${reviewId}/members`, body: { email: 'x@', role: 'admin' }, fields: ['email', 'role'] },
    { name: "changed role 'admin'", method: 'PATCH', path: () => `/api/v1/reviews/${reviewId}/members/${owner.id}`, body: { role: 'admin' }, fields: ['role'] },
    { name: 'adjudicator right not a boolean', method: 'PATCH', path: () => `/api/v1/reviews/${reviewId}/members/${owner.id}`, body: { canAdjudicate: 'yes' }, fields: ['canAdjudicate'] },
    { name: "decision 'perhaps'", method: 'POST', path: () => decisionsPath(), body: { stage: 'title_abstract', decision: 'perhaps' }, fields: ['decision'], message: /include, exclude or maybe/ },
    { name: 'decision stage unknown', method: 'POST', path: () => decisionsPath(), body: { stage: 'abstract', decision: 'include' }, fields: ['stage'] },
    { name: 'decision missing both fields', method: 'POST', path: () => decisionsPath(), body: {}, fields: ['stage', 'decision'] },
    { name: 'decision reasonId not a uuid', method: 'POST', path: () => decisionsPath(), body: { stage: 'title_abstract', decision: 'exclude', reasonId: 'abc' }, fields: ['reasonId'] },
    { name: 'decision note too long', method: 'POST', path: () => decisionsPath(), body: { stage: 'title_abstract', decision: 'exclude', note: 'x'.repeat(5001) }, fields: ['note'] },
    { name: 'decision checklist answer unknown', method: 'POST', path: () => decisionsPath(), body: { stage: 'title_abstract', decision: 'include', checklist: { population: 'yes' } }, fields: ['checklist.population'] },
  ];

  it.each(cases)('$name', async (c) => {
    const before = await counts();
    const res = await call(c.method, c.path(), { token: owner.token, body: c.body });
    expectApiError(res, 422, 'invalid');
    const paths = res.json.error.details.issues.map((i: { path: string }) => i.path);
    expect(new Set(paths)).toEqual(new Set(c.fields));
    for (const issue of res.json.error.details.issues) expect(issue.message).toEqual(expect.any(String));
    if (c.message) expect(res.json.error.message).toMatch(c.message);
    expect(await counts()).toEqual(before);
  });

  it("'maybe' at full text is 422 on decision", async () => {
    const res = await call('POST', decisionsPath(), { token: owner.token, body: { stage: 'full_text', decision: 'maybe' } });
    expectApiError(res, 422, 'invalid');
    expect(res.json.error.details).toEqual({ fieldErrors: { decision: [expect.any(String)] } });
  });

  it('an invalid stage in the query is 422 naming stage', async () => {
    for (const path of [`/api/v1/reviews/${reviewId}/screening/next?stage=abstract`, `/api/v1/reviews/${reviewId}/screening/progress?stage=abstract`, `/api/v1/reviews/${reviewId}/decisions?stage=abstract`]) {
      const res = await call('GET', path, { token: owner.token });
      expectApiError(res, 422, 'invalid');
      expect(res.json.error.details.issues.map((i: { path: string }) => i.path), path).toEqual(['stage']);
    }
  });

  it('an invalid stage when withdrawing a decision is 422 naming stage', async () => {
    const res = await call('DELETE', `${decisionsPath()}?stage=abstract`, { token: owner.token });
    expectApiError(res, 422, 'invalid');
    expect(res.json.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['stage']);
  });

  // PostgreSQL text and jsonb cannot hold U+0000 (SQLSTATE 22021 / 22P05): the API edge refuses it.
  it.each([
    ['review title', 'POST', (): string => '/api/v1/reviews', { title: 'Keta\u0000mine' }],
    ['review description', 'POST', (): string => '/api/v1/reviews', { title: 'Ketamine', description: 'with a \u0000 inside' }],
    ['decision note', 'POST', (): string => decisionsPath(recordIds[3]), { stage: 'title_abstract', decision: 'include', note: 'a\u0000b' }],
    ['decision checklist key', 'POST', (): string => decisionsPath(recordIds[3]), { stage: 'title_abstract', decision: 'include', checklist: { 'a\u0000': 'met' } }],
    ['decision list q', 'GET', (): string => `/api/v1/reviews/${reviewId}/decisions?q=%00`, undefined],
  ] as const)('a NUL character in the %s is 422, not 500', async (_field, method, path, body) => {
    const res = await call(method, path(), { token: owner.token, body });
    expectApiError(res, 422, 'invalid');
  });
});

describe('paging', () => {
  let none: User;
  let one: User;
  let many: User;
  let manyIds: string[];

  beforeAll(async () => {
    [none, one, many] = await Promise.all([makeUser('none'), makeUser('one'), makeUser('many')]);
    await createReview(one.id, { title: 'The only review' });
    const created: string[] = [];
    for (let i = 0; i < 250; i += 25) {
      const batch = await Promise.all(Array.from({ length: 25 }, (_, j) => createReview(many.id, { title: `Review number ${i + j}` })));
      created.push(...batch.map((r) => r.id));
    }
    manyIds = created.sort();
  });

  const user = (who: 'none' | 'one' | 'many') => ({ none, one, many })[who];

  it.each([
    ['none', '', 0, 0, 50, 0],
    ['one', '', 1, 1, 50, 0],
    ['many', '', 250, 50, 50, 0],
    ['none', '?limit=10&offset=5', 0, 0, 10, 5],
    ['one', '?limit=1', 1, 1, 1, 0],
    ['one', '?offset=1', 1, 0, 50, 1],
    ['many', '?limit=500', 250, 250, 500, 0],
    ['many', '?limit=100&offset=200', 250, 50, 100, 200],
    ['many', '?limit=1&offset=249', 250, 1, 1, 249],
    ['many', '?offset=250', 250, 0, 50, 250],
    ['many', '?offset=100000', 250, 0, 50, 100000],
    ['many', '?limit=7&offset=3&unknown=ignored', 250, 7, 7, 3],
  ] as const)('%s%s: total %i, %i items, limit %i, offset %i', async (who, query, total, count, limit, offset) => {
    const res = await call('GET', `/api/v1/reviews${query}`, { token: user(who).token });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ total, limit, offset });
    expect(Object.keys(res.json).sort()).toEqual(['items', 'limit', 'offset', 'total']);
    expect(res.json.items).toHaveLength(count);
  });

  it('pages are disjoint and together are exactly the reviews the user belongs to', async () => {
    const seen: string[] = [];
    for (let offset = 0; offset < 250; offset += 60) {
      const res = await call('GET', `/api/v1/reviews?limit=60&offset=${offset}`, { token: many.token });
      seen.push(...res.json.items.map((r: { id: string }) => r.id));
    }
    expect(seen).toHaveLength(250);
    expect([...seen].sort()).toEqual(manyIds);
    const first = (await call('GET', '/api/v1/reviews?limit=1', { token: many.token })).json.items[0];
    expect(first).toMatchObject({ id: expect.stringMatching(UUID), role: 'owner', memberCount: 1, title: expect.stringMatching(/^Review number/) });
  });

  it('pages members the same way', async () => {
    const review = await makeReview(owner.id, 'Paged members');
    const members = [colleague, ...(await Promise.all([makeUser('second'), makeUser('third')]))];
    for (const u of members) await addMember(owner.id, review.id, u.email, 'viewer');
    const page = await call('GET', `/api/v1/reviews/${review.id}/members?limit=2&offset=1`, { token: owner.token });
    expect(page.json).toMatchObject({ total: 4, limit: 2, offset: 1 });
    expect(page.json.items.map((m: { email: string }) => m.email)).toEqual([members[0].email, members[1].email]);
    const past = await call('GET', `/api/v1/reviews/${review.id}/members?offset=10`, { token: owner.token });
    expect(past.json).toMatchObject({ items: [], total: 4, offset: 10 });
  });

  it('pages decisions the same way', async () => {
    const review = await makeReview(owner.id, 'Paged decisions');
    const records = await makeRecords(review.id, owner.id, 3);
    const base = `/api/v1/reviews/${review.id}/decisions`;
    expect((await call('GET', base, { token: owner.token })).json).toEqual({ items: [], total: 0, limit: 50, offset: 0 });
    for (const r of records) expect((await call('POST', `/api/v1/reviews/${review.id}/records/${r}/decisions`, { token: owner.token, body: { stage: 'title_abstract', decision: 'include' } })).status).toBe(201);
    const page = await call('GET', `${base}?limit=2&offset=1`, { token: owner.token });
    expect(page.json).toMatchObject({ total: 3, limit: 2, offset: 1 });
    expect(Object.keys(page.json).sort()).toEqual(['items', 'limit', 'offset', 'total']);
    expect(page.json.items).toHaveLength(2);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=', 'limit'],
    ['limit=-5', 'limit'],
    ['limit=1.5', 'limit'],
    ['limit=501', 'limit'],
    ['offset=-1', 'offset'],
    ['offset=abc', 'offset'],
    ['offset=2.5', 'offset'],
    ['limit=0&offset=-1', 'limit,offset'],
  ])('?%s is 422 naming %s, on every list', async (query, fields) => {
    for (const path of ['/api/v1/reviews', `/api/v1/reviews/${reviewId}/members`, `/api/v1/reviews/${reviewId}/decisions`]) {
      const res = await call('GET', `${path}?${query}`, { token: owner.token });
      expectApiError(res, 422, 'invalid');
      expect(res.json.error.details.issues.map((i: { path: string }) => i.path).sort().join(','), path).toBe(fields);
    }
  });
});

describe('created resources', () => {
  it('a new review is 201 with its id and a Location that serves it', async () => {
    const res = await call('POST', '/api/v1/reviews', { token: owner.token, body: { title: '  Trimmed title  ', description: 'About' } });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ id: expect.stringMatching(UUID), title: 'Trimmed title', description: 'About', role: 'owner', memberCount: 1 });
    expect(res.headers.get('location')).toBe(`/api/v1/reviews/${res.json.id}`);
    const fetched = await call('GET', res.headers.get('location')!, { token: owner.token });
    expect(fetched.status).toBe(200);
    expect(fetched.json).toEqual(res.json);
  });

  it('a new member is 201 with the member user id as id, default role reviewer', async () => {
    const review = await makeReview(owner.id, 'Members review');
    const res = await call('POST', `/api/v1/reviews/${review.id}/members`, { token: owner.token, body: { email: colleague.email.toUpperCase() } });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ id: colleague.id, userId: colleague.id, email: colleague.email, role: 'reviewer', canAdjudicate: false });
  });
});

describe('conflicts and missing things', () => {
  it('removing or demoting the last owner is 409 and changes nothing; with a second owner it works', async () => {
    const review = await makeReview(owner.id, 'One owner');
    const before = await counts();
    const removed = await call('DELETE', `/api/v1/reviews/${review.id}/members/${owner.id}`, { token: owner.token });
    expectApiError(removed, 409, 'conflict');
    expect(removed.json.error.message).toMatch(/at least one owner/);
    expectApiError(await call('PATCH', `/api/v1/reviews/${review.id}/members/${owner.id}`, { token: owner.token, body: { role: 'viewer' } }), 409, 'conflict');
    expect(await counts()).toEqual(before);

    await addMember(owner.id, review.id, colleague.email, 'owner');
    expect((await call('PATCH', `/api/v1/reviews/${review.id}/members/${owner.id}`, { token: owner.token, body: { role: 'viewer' } })).status).toBe(200);
    expectApiError(await call('DELETE', `/api/v1/reviews/${review.id}/members/${colleague.id}`, { token: colleague.token }), 409, 'conflict');
  });

  it('adding an existing member (in any letter case, or yourself) is 409', async () => {
    const review = await makeReview(owner.id, 'Existing member');
    await addMember(owner.id, review.id, colleague.email, 'viewer');
    const before = await counts();
    for (const email of [colleague.email, colleague.email.toUpperCase(), ` ${colleague.email} `, owner.email]) {
      const res = await call('POST', `/api/v1/reviews/${review.id}/members`, { token: owner.token, body: { email, role: 'owner' } });
      expectApiError(res, 409, 'conflict');
      expect(res.json.error.message).toMatch(/already a member/);
    }
    expect(await counts()).toEqual(before);
  });

  it('inviting an email with no account is 422 saying what to do', async () => {
    const before = await counts();
    const res = await call('POST', `/api/v1/reviews/${reviewId}/members`, { token: owner.token, body: { email: 'Nobody.Here@Example.org' } });
    expectApiError(res, 422, 'invalid');
    expect(res.json.error.message).toContain('nobody.here@example.org');
    expect(res.json.error.message).toMatch(/sign up/i);
    expect(res.json.error.details).toEqual({ fieldErrors: { email: [expect.any(String)] } });
    expect(await counts()).toEqual(before);
  });

  it('changing or removing someone who is not a member is 404', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', colleague.id, 'not-a-uuid']) {
      expectApiError(await call('PATCH', `/api/v1/reviews/${reviewId}/members/${id}`, { token: owner.token, body: { role: 'viewer' } }), 404, 'not_found');
      expectApiError(await call('DELETE', `/api/v1/reviews/${reviewId}/members/${id}`, { token: owner.token }), 404, 'not_found');
    }
  });

  it.each(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const)('an unknown /api/v1 path is 404 JSON for %s', async (method) => {
    for (const path of ['/api/v1/nothing-here', '/api/v1/reviews/x/y/z', `/api/v1/reviews/${reviewId}/no-such-endpoint`]) {
      const res = await call(method, path, { token: owner.token, body: method === 'GET' ? undefined : {} });
      expectApiError(res, 404, 'not_found');
      expect(res.json.error.message).toContain(`${method} ${path}`);
      expect(res.json.error.message).toContain('/api/v1/openapi.json');
    }
  });
});

describe('concurrent requests (PostgreSQL runs them truly in parallel)', () => {
  // Membership changes of a review are serialised by an advisory lock (lib/db/reviews.ts), so
  // "a review keeps an owner" and "one membership per person" hold under real parallelism.

  async function twoOwners(title: string) {
    const review = await makeReview(owner.id, title);
    await addMember(owner.id, review.id, colleague.email, 'owner');
    return review.id;
  }
  const ownersOf = (id: string) => getDb().membership.count({ where: { reviewId: id, role: 'owner' } });

  it('two owners demoting themselves at once leave one owner', async () => {
    const left: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const id = await twoOwners(`Race demote ${attempt}`);
      const results = await Promise.all(
        [owner, colleague].map((u) => call('PATCH', `/api/v1/reviews/${id}/members/${u.id}`, { token: u.token, body: { role: 'viewer' } })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      left.push(await ownersOf(id));
    }
    expect(left).toEqual(left.map(() => 1));
  });

  it('two owners removing themselves at once leave one owner', async () => {
    const left: number[] = [];
    for (let attempt = 0; attempt < 10; attempt++) {
      const id = await twoOwners(`Race remove ${attempt}`);
      const results = await Promise.all([owner, colleague].map((u) => call('DELETE', `/api/v1/reviews/${id}/members/${u.id}`, { token: u.token })));
      expect(results.map((r) => r.status).sort()).toEqual([204, 409]);
      left.push(await ownersOf(id));
    }
    expect(left).toEqual(left.map(() => 1));
  });

  it('adding the same person twice at once is one 201 and one 409, never 500', async () => {
    for (let attempt = 0; attempt < 6; attempt++) {
      const review = await makeReview(owner.id, `Race add ${attempt}`);
      const results = await Promise.all([1, 2].map(() => call('POST', `/api/v1/reviews/${review.id}/members`, { token: owner.token, body: { email: colleague.email } })));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    }
  });
});

describe('health', () => {
  it('GET /api/health is 200 with the database reachable', async () => {
    const res = await call('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: 'ok', database: { ok: true } });
    expect(res.json.database.error).toBeUndefined();
  });
});

// Runs last (vitest runs a file's tests in order): every error response produced above.
describe('error bodies', () => {
  it('never contain a stack trace or a source path', () => {
    const errors = responseLog.filter((r) => r.status >= 400);
    expect(errors.length).toBeGreaterThan(100);
    const leaks = errors.map((r) => ({ call: `${r.method} ${r.path} -> ${r.status}`, leaks: stackTraceLeaks(r.text) })).filter((r) => r.leaks.length);
    expect(leaks).toEqual([]);
    for (const r of errors) expect(Object.keys(r.json ?? {}), `${r.method} ${r.path}`).toEqual(['error']);
  });

  it('the leak detector itself finds stack traces', () => {
    const e = new Error('boom');
    expect(stackTraceLeaks(JSON.stringify({ error: { message: e.stack } }))).not.toEqual([]);
    expect(stackTraceLeaks(JSON.stringify({ error: { message: 'failed in /work/main/lib/db/reviews.ts:30:36' } }))).not.toEqual([]);
    expect(stackTraceLeaks(JSON.stringify({ error: { message: 'Give the review a title of at least 3 characters.' } }))).toEqual([]);
  });
});
