/**
 * The protocol's JSON API, calling the route handlers as Next.js does: response shapes, 422 with
 * field issues, 403 for members below owner, 404 for non-members and for ids of another review.
 */
import { describe, expect, it } from 'vitest';
import * as criteriaRoute from '../../app/api/v1/reviews/[reviewId]/criteria/route';
import * as criterionRoute from '../../app/api/v1/reviews/[reviewId]/criteria/[criterionId]/route';
import * as reasonsRoute from '../../app/api/v1/reviews/[reviewId]/exclusion-reasons/route';
import * as reasonRoute from '../../app/api/v1/reviews/[reviewId]/exclusion-reasons/[reasonId]/route';
import * as fromCriteriaRoute from '../../app/api/v1/reviews/[reviewId]/exclusion-reasons/from-criteria/route';
import * as protocolRoute from '../../app/api/v1/reviews/[reviewId]/protocol/route';
import * as versionsRoute from '../../app/api/v1/reviews/[reviewId]/protocol/versions/route';
import * as versionRoute from '../../app/api/v1/reviews/[reviewId]/protocol/versions/[version]/route';
import * as reviewsRoute from '../../app/api/v1/reviews/route';
import { getDb } from '../../lib/db/client';
import { useTestDatabase } from '../helpers/db';
import { addMember, makeRecords, makeReview, makeUser } from '../helpers/factories';

useTestDatabase();

// Any route handler: each declares its own params type.
type Handler = (request: Request, ctx: { params: Promise<never> }) => Promise<Response>;

async function api(handler: Handler, method: string, path: string, params: Record<string, string>, token: string, body?: unknown) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await handler(new Request(`http://localhost${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }), {
    params: Promise.resolve(params) as Promise<never>,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
}

async function world() {
  const owner = await makeUser('owner');
  const reviewer = await makeUser('reviewer');
  const viewer = await makeUser('viewer');
  const stranger = await makeUser('stranger');
  const review = await makeReview(owner.id);
  await addMember(owner.id, review.id, reviewer.email, 'reviewer');
  await addMember(owner.id, review.id, viewer.email, 'viewer');
  const reviewId = review.id;
  const base = `/api/v1/reviews/${reviewId}`;
  return { owner, reviewer, viewer, stranger, reviewId, base, p: { reviewId } };
}

describe('GET and PUT /protocol', () => {
  it('returns the whole protocol to any member and replaces fields for owners', async () => {
    const w = await world();
    const got = await api(protocolRoute.GET, 'GET', `${w.base}/protocol`, w.p, w.viewer.token);
    expect(got.status).toBe(200);
    expect(Object.keys(got.json).sort()).toEqual(
      [
        'reviewId', 'version', 'updatedAt', 'question', 'registry', 'registrationId', 'registrationUrl', 'population', 'intervention', 'comparator', 'outcomes',
        'studyDesigns', 'setting', 'languages', 'dateLimits', 'notes', 'highlightInclude', 'highlightExclude', 'criteria', 'exclusionReasons', 'decisionsCount',
        'decisionVersions', 'screeningWarning', 'hints',
      ].sort(),
    );
    expect(got.json).toMatchObject({ reviewId: w.reviewId, version: 1, decisionsCount: 0, screeningWarning: null });

    const body = { ...got.json, question: 'Does ketamine increase BDNF within 7 days?', highlightInclude: ['ketamine', 'BDNF'], population: 'Mice' };
    const put = await api(protocolRoute.PUT, 'PUT', `${w.base}/protocol`, w.p, w.owner.token, body);
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({ version: 2, question: body.question, population: 'Mice', highlightInclude: ['ketamine', 'BDNF'] });

    // PUT replaces: fields left out are emptied.
    const replaced = await api(protocolRoute.PUT, 'PUT', `${w.base}/protocol`, w.p, w.owner.token, { question: 'Only a question' });
    expect(replaced.json).toMatchObject({ version: 3, question: 'Only a question', population: '', highlightInclude: [] });
  });

  it('answers 422 with the issue of each field, 400 for a body that is not JSON', async () => {
    const w = await world();
    const res = await api(protocolRoute.PUT, 'PUT', `${w.base}/protocol`, w.p, w.owner.token, { registrationUrl: 'not a url', highlightExclude: ['*'], question: 7 });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe('invalid');
    expect(res.json.error.details.issues).toEqual(
      expect.arrayContaining([
        { path: 'registrationUrl', message: 'Enter a full web address starting with https://, or leave it empty.' },
        { path: 'highlightExclude', message: '“*” has no letters or digits to match.' },
        expect.objectContaining({ path: 'question' }),
      ]),
    );
    const raw = await protocolRoute.PUT(new Request(`http://localhost${w.base}/protocol`, { method: 'PUT', headers: { authorization: `Bearer ${w.owner.token}` }, body: 'question=x' }), {
      params: Promise.resolve(w.p),
    });
    expect(raw.status).toBe(400);
    expect((await api(protocolRoute.GET, 'GET', `${w.base}/protocol`, w.p, w.owner.token)).json.version).toBe(1);
  });

  it('refuses reviewers and viewers (403) and hides the review from non-members (404)', async () => {
    const w = await world();
    for (const user of [w.reviewer, w.viewer]) {
      const res = await api(protocolRoute.PUT, 'PUT', `${w.base}/protocol`, w.p, user.token, { question: 'Mine now' });
      expect(res.status).toBe(403);
      expect(res.json.error.message).toMatch(/needs the owner role/);
      expect((await api(criteriaRoute.POST, 'POST', `${w.base}/criteria`, w.p, user.token, { kind: 'inclusion', label: 'X' })).status).toBe(403);
      expect((await api(reasonsRoute.POST, 'POST', `${w.base}/exclusion-reasons`, w.p, user.token, { label: 'X' })).status).toBe(403);
    }
    expect((await api(protocolRoute.GET, 'GET', `${w.base}/protocol`, w.p, w.reviewer.token)).status).toBe(200);
    for (const [handler, method] of [
      [protocolRoute.GET, 'GET'],
      [protocolRoute.PUT, 'PUT'],
      [versionsRoute.GET, 'GET'],
      [criteriaRoute.GET, 'GET'],
      [reasonsRoute.GET, 'GET'],
    ] as const) {
      const res = await api(handler, method, `${w.base}/protocol`, w.p, w.stranger.token, method === 'PUT' ? { question: 'x' } : undefined);
      expect(res.status, method).toBe(404);
      expect(res.json.error.message).toBe('Review not found.');
    }
    expect((await getDb().protocol.findUniqueOrThrow({ where: { reviewId: w.reviewId } })).version).toBe(1);
  });
});

describe('criteria and exclusion reasons', () => {
  it('create, list, move, retire and delete criteria with the API shapes', async () => {
    const w = await world();
    const created = await api(criteriaRoute.POST, 'POST', `${w.base}/criteria`, w.p, w.owner.token, { kind: 'inclusion', label: 'Adults', description: 'Aged 18+' });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`${w.base}/criteria/${created.json.id}`);
    expect(created.json).toEqual({
      id: expect.any(String), kind: 'inclusion', label: 'Adults', description: 'Aged 18+', stages: ['title_abstract', 'full_text'], position: 1,
      isRetired: false, retiredAt: null, createdAt: expect.any(String),
    });
    const second = await api(criteriaRoute.POST, 'POST', `${w.base}/criteria`, w.p, w.owner.token, { kind: 'exclusion', label: 'Animal study', stages: ['full_text'] });
    const moved = await api(criterionRoute.PATCH, 'PATCH', '', { ...w.p, criterionId: second.json.id }, w.owner.token, { position: 1, retired: true });
    expect(moved.json).toMatchObject({ position: 1, isRetired: true, retiredAt: expect.any(String) });

    const list = await api(criteriaRoute.GET, 'GET', `${w.base}/criteria?limit=1`, w.p, w.viewer.token);
    expect(list.json).toMatchObject({ total: 2, limit: 1, offset: 0, items: [{ label: 'Animal study', position: 1 }] });

    const bad = await api(criterionRoute.PATCH, 'PATCH', '', { ...w.p, criterionId: created.json.id }, w.owner.token, { stages: [] });
    expect(bad.status).toBe(422);
    expect(bad.json.error.details.issues).toEqual([{ path: 'stages', message: 'Choose at least one stage it applies to.' }]);
    expect((await api(criterionRoute.PATCH, 'PATCH', '', { ...w.p, criterionId: created.json.id }, w.owner.token, {})).status).toBe(422);

    expect((await api(criterionRoute.DELETE, 'DELETE', '', { ...w.p, criterionId: created.json.id }, w.reviewer.token)).status).toBe(403);
    const deleted = await api(criterionRoute.DELETE, 'DELETE', '', { ...w.p, criterionId: created.json.id }, w.owner.token);
    expect(deleted.status).toBe(204);
    expect((await api(criterionRoute.DELETE, 'DELETE', '', { ...w.p, criterionId: created.json.id }, w.owner.token)).status).toBe(404);
    expect((await api(criterionRoute.PATCH, 'PATCH', '', { ...w.p, criterionId: 'nope' }, w.owner.token, { label: 'x' })).status).toBe(404);
  });

  it('answers 404 for a criterion or reason of another review, even to its owner', async () => {
    const w = await world();
    const other = await makeReview(w.owner.id, 'Other review');
    const c = await api(criteriaRoute.POST, 'POST', '', { reviewId: other.id }, w.owner.token, { kind: 'exclusion', label: 'Elsewhere' });
    const r = await api(reasonsRoute.POST, 'POST', '', { reviewId: other.id }, w.owner.token, { label: 'Elsewhere' });
    const patchC = await api(criterionRoute.PATCH, 'PATCH', '', { ...w.p, criterionId: c.json.id }, w.owner.token, { label: 'Moved in' });
    expect(patchC.status).toBe(404);
    expect(patchC.json.error.message).toBe('Criterion not found.');
    expect((await api(reasonRoute.PATCH, 'PATCH', '', { ...w.p, reasonId: r.json.id }, w.owner.token, { label: 'Moved in' })).status).toBe(404);
    expect((await api(reasonRoute.DELETE, 'DELETE', '', { ...w.p, reasonId: r.json.id }, w.owner.token)).status).toBe(404);
  });

  it('refuse to delete a used reason (409) and protect the built-in one, with clear messages', async () => {
    const w = await world();
    await api(criteriaRoute.POST, 'POST', '', w.p, w.owner.token, { kind: 'exclusion', label: 'Review article' });
    const fromCriteria = await api(fromCriteriaRoute.POST, 'POST', '', w.p, w.owner.token);
    expect(fromCriteria.status).toBe(201);
    expect(fromCriteria.json).toMatchObject({ total: 1, items: [{ label: 'Review article', kind: 'standard', priority: 1, usedCount: 0 }] });
    expect((await api(fromCriteriaRoute.POST, 'POST', '', w.p, w.owner.token)).json).toMatchObject({ total: 0, items: [] });
    const reasonId = fromCriteria.json.items[0].id;

    const [recordId] = await makeRecords(w.reviewId, w.owner.id, 1);
    await getDb().decision.create({ data: { reviewId: w.reviewId, recordId, stage: 'full_text', reviewerId: w.reviewer.id, value: 'exclude', reasonId, protocolVersion: 3 } });
    const refused = await api(reasonRoute.DELETE, 'DELETE', '', { ...w.p, reasonId }, w.owner.token);
    expect(refused.status).toBe(409);
    expect(refused.json.error).toEqual({ code: 'conflict', message: expect.stringMatching(/^“Review article” was given in 1 decision, so it cannot be deleted\. Retire it instead/) });
    const retired = await api(reasonRoute.PATCH, 'PATCH', '', { ...w.p, reasonId }, w.owner.token, { retired: true });
    expect(retired.json).toMatchObject({ isRetired: true, usedCount: 1 });

    const reasons = await api(reasonsRoute.GET, 'GET', '', w.p, w.viewer.token);
    expect(reasons.json.items.map((r: { kind: string; label: string }) => [r.kind, r.label])).toEqual([
      ['not_retrieved', 'Full text not retrievable'],
      ['standard', 'Review article'],
    ]);
    const systemId = reasons.json.items[0].id;
    const rename = await api(reasonRoute.PATCH, 'PATCH', '', { ...w.p, reasonId: systemId }, w.owner.token, { label: 'Could not find it' });
    expect(rename.status).toBe(409);
    expect(rename.json.error.message).toMatch(/PRISMA counts it apart, as reports not retrieved/);
    expect((await api(reasonRoute.DELETE, 'DELETE', '', { ...w.p, reasonId: systemId }, w.owner.token)).status).toBe(409);

    const protocol = await api(protocolRoute.GET, 'GET', '', w.p, w.owner.token);
    expect(protocol.json).toMatchObject({ decisionsCount: 1, decisionVersions: [3], screeningWarning: expect.stringMatching(/^Screening has started: 1 decision was made under version 3\./) });
  });
});

describe('versions and review creation', () => {
  it('lists versions newest first and returns one with its snapshot', async () => {
    const w = await world();
    await api(protocolRoute.PUT, 'PUT', '', w.p, w.owner.token, { question: 'First question' });
    await api(protocolRoute.PUT, 'PUT', '', w.p, w.owner.token, { question: 'Second question' });
    const list = await api(versionsRoute.GET, 'GET', `${w.base}/protocol/versions?limit=2`, w.p, w.viewer.token);
    expect(list.json).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(list.json.items.map((v: { version: number; changes: string[] }) => [v.version, v.changes])).toEqual([
      [3, ['Review question edited']],
      [2, ['Review question added']],
    ]);
    expect(list.json.items[0].createdBy).toEqual({ id: w.owner.id, name: 'owner' });

    const one = await api(versionRoute.GET, 'GET', '', { ...w.p, version: '2' }, w.reviewer.token);
    expect(one.json).toMatchObject({ version: 2, snapshot: { format: 1, fields: { question: 'First question' } }, changes: ['Review question added'] });
    expect((await api(versionRoute.GET, 'GET', '', { ...w.p, version: '9' }, w.owner.token)).status).toBe(404);
    expect((await api(versionRoute.GET, 'GET', '', { ...w.p, version: 'latest' }, w.owner.token)).status).toBe(404);
    expect((await api(versionRoute.GET, 'GET', '', { ...w.p, version: '1' }, w.stranger.token)).status).toBe(404);
  });

  it('creates a review from the ketamine template through POST /reviews, and refuses unknown templates', async () => {
    const owner = await makeUser('owner');
    const created = await api(reviewsRoute.POST, 'POST', '/api/v1/reviews', {}, owner.token, { title: 'Ketamine review', template: 'ketamine-neuroplasticity' });
    expect(created.status).toBe(201);
    const protocol = await api(protocolRoute.GET, 'GET', '', { reviewId: created.json.id }, owner.token);
    expect(protocol.json).toMatchObject({ version: 1, registry: 'PROSPERO', registrationId: '', highlightInclude: expect.arrayContaining(['ketamine', 'synap*']) });
    expect(protocol.json.criteria).toHaveLength(10);
    expect(protocol.json.exclusionReasons).toHaveLength(7);

    const bad = await api(reviewsRoute.POST, 'POST', '/api/v1/reviews', {}, owner.token, { title: 'Another review', template: 'cochrane' });
    expect(bad.status).toBe(422);
    expect(bad.json.error.details.issues).toEqual([{ path: 'template', message: 'Choose a protocol template: none or ketamine-neuroplasticity.' }]);
  });
});
