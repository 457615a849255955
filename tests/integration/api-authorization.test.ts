/**
 * Who may call what: every /api endpoint and method against every kind of caller. The table
 * `ENDPOINTS` drives the tests; a new endpoint is one row, and the completeness test fails until
 * that row exists. Rules (lib/auth/session.ts, lib/services/permissions.ts): no or bad credentials
 * get 401 with WWW-Authenticate; non-members of a review get 404 (existence is not revealed);
 * members below the needed role get 403; refused calls change nothing.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encode } from 'next-auth/jwt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listApiTokens, revokeApiToken } from '../../lib/db/api-tokens';
import { getDb } from '../../lib/db/client';
import { getAuthSecret } from '../../lib/env';
import { createApiToken } from '../../lib/services/api-tokens';
import { decide } from '../../lib/services/screening';
import { call, expectApiError, type ApiResponse, type CallOptions } from '../helpers/api-client';
import { exportedMethods, listRouteFiles, type HttpMethod } from '../helpers/api-routes';
import { useTestDatabase } from '../helpers/db';
import { addMember, makeRecords, makeReview, makeUser } from '../helpers/factories';

useTestDatabase();

// Full-text PDFs are stored under SIEVE_FILES_DIR: a throwaway folder, not the working tree's data/.
const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sieve-api-files-'));
process.env.SIEVE_FILES_DIR = filesDir;
afterAll(() => fs.rmSync(filesDir, { recursive: true, force: true }));

type User = Awaited<ReturnType<typeof makeUser>>;
type Role = 'viewer' | 'reviewer' | 'owner';

/** Shared users; each test gets a fresh review in which they hold their roles. */
interface World {
  owner: User;
  reviewer: User;
  viewer: User;
  nonMember: User;
  /** A viewer of the review that owner-only member changes act on. */
  target: User;
  /** Has an account but is not in the review; owners add them. */
  invitee: User;
  reviewId: string;
  /** A record nobody has decided yet. */
  recordId: string;
  /** A record the reviewer and the owner both include, for rows whose setup is decideFirstRecord. */
  decidedRecordId: string;
  /** Another undecided record (the other half of a duplicate pair). */
  spareRecordId: string;
}

const CALLERS = ['anonymous', 'wrongToken', 'malformedHeader', 'nonMember', 'viewer', 'reviewer', 'owner'] as const;
type Caller = (typeof CALLERS)[number];

function userFor(caller: Caller, w: World): User {
  if (caller === 'nonMember' || caller === 'viewer' || caller === 'reviewer' || caller === 'owner') return w[caller];
  throw new Error(`${caller} is not a user`);
}

function credentials(caller: Caller, w: World): CallOptions {
  switch (caller) {
    case 'anonymous':
      return {};
    case 'wrongToken':
      return { token: `sieve_${randomBytes(32).toString('base64url')}` };
    case 'malformedHeader':
      // The owner's real secret under the wrong scheme: the scheme matters, not just the secret.
      return { headers: { authorization: `Token ${w.owner.token}` } };
    default:
      return { token: userFor(caller, w).token };
  }
}

/** 'adjudicator': owners and members with the adjudicator right (reviewers here have none; viewers never). */
type Access = 'public' | 'authenticated' | Role | 'adjudicator';

interface Endpoint {
  /** `METHOD /path` with `{param}` placeholders, as in the OpenAPI document. */
  route: string;
  access: Access;
  /** Status for callers who are allowed. */
  ok: number;
  /** Creates what the call acts on (as the owner, before the snapshot); returns more path params. */
  setup?: (w: World) => Promise<Record<string, string>>;
  /** Overrides the path built from `route` (catch-alls, query strings). */
  path?: (w: World, params: Record<string, string>) => string;
  body?: (w: World) => unknown;
  form?: () => FormData;
  /** A non-GET call that changes nothing even when allowed (a preview). */
  changesNothing?: true;
  /** Checks the effect of an allowed call. */
  verify?: (res: ApiResponse, w: World, caller: Caller, params: Record<string, string>) => Promise<void> | void;
}

const PDF = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';
const RIS = ['TY  - JOUR', 'TI  - Ketamine and synaptic plasticity in depression', 'AU  - Doe, Jane', 'PY  - 2020', 'AB  - An abstract.', 'ER  - ', ''].join('\n');
const risUpload = () => {
  const form = new FormData();
  form.set('file', new File([RIS], 'search.ris', { type: 'application/x-research-info-systems' }));
  form.set('source', 'Embase');
  return form;
};

/** The reviewer and the owner both include the first record, so screening has started. */
async function decideFirstRecord(w: World): Promise<Record<string, string>> {
  for (const u of [w.reviewer, w.owner]) await decide(u.id, w.reviewId, w.decidedRecordId, { stage: 'title_abstract', decision: 'include' });
  return {};
}

/** The reviewer includes the undecided record and the owner excludes it: a conflict at title/abstract. */
async function makeConflict(w: World): Promise<Record<string, string>> {
  await decide(w.reviewer.id, w.reviewId, w.recordId, { stage: 'title_abstract', decision: 'include' });
  await decide(w.owner.id, w.reviewId, w.recordId, { stage: 'title_abstract', decision: 'exclude' });
  return {};
}

/** Setup steps run through the API as the owner, so the matrix depends on no internal module. */
async function asOwner(w: World, method: HttpMethod, path: string, body?: unknown): Promise<ApiResponse> {
  const res = await call(method, `/api/v1/reviews/${w.reviewId}${path}`, { token: w.owner.token, body });
  if (res.status >= 300) throw new Error(`setup ${method} ${path} failed: ${res.status} ${res.text}`);
  return res;
}

const ENDPOINTS: Endpoint[] = [
  { route: 'GET /api/health', access: 'public', ok: 200 },
  { route: 'GET /api/v1/openapi.json', access: 'public', ok: 200, verify: (res) => expect(res.json.openapi).toBe('3.1.0') },
  { route: 'GET /api/v1', access: 'public', ok: 200, verify: (res) => expect(res.json.openapi).toBe('/api/v1/openapi.json') },
  {
    route: 'GET /api/v1/me',
    access: 'authenticated',
    ok: 200,
    verify: (res, w, caller) => expect(res.json).toMatchObject({ id: userFor(caller, w).id, email: userFor(caller, w).email }),
  },
  {
    route: 'GET /api/v1/reviews',
    access: 'authenticated',
    ok: 200,
    verify: (res, w, caller) => {
      const ids = res.json.items.map((r: { id: string }) => r.id);
      if (caller === 'nonMember') expect(ids).not.toContain(w.reviewId);
      else expect(ids).toContain(w.reviewId);
    },
  },
  {
    route: 'POST /api/v1/reviews',
    access: 'authenticated',
    ok: 201,
    body: () => ({ title: 'Psilocybin for depression' }),
    verify: async (res, w, caller) => {
      const who = userFor(caller, w);
      expect(res.json).toMatchObject({ title: 'Psilocybin for depression', role: 'owner' });
      expect(await getDb().membership.findMany({ where: { reviewId: res.json.id }, select: { userId: true, role: true } })).toEqual([{ userId: who.id, role: 'owner' }]);
    },
  },
  { route: 'GET /api/v1/reviews/{reviewId}', access: 'viewer', ok: 200, verify: (res, w, caller) => expect(res.json).toMatchObject({ id: w.reviewId, role: caller }) },

  // Members
  { route: 'GET /api/v1/reviews/{reviewId}/members', access: 'viewer', ok: 200, verify: (res) => expect(res.json.total).toBe(4) },
  {
    route: 'POST /api/v1/reviews/{reviewId}/members',
    access: 'owner',
    ok: 201,
    body: (w) => ({ email: w.invitee.email, role: 'viewer' }),
    verify: async (res, w) => {
      expect(res.json).toMatchObject({ id: w.invitee.id, role: 'viewer' });
      expect(await roleOf(w.reviewId, w.invitee.id)).toBe('viewer');
    },
  },
  {
    route: 'PATCH /api/v1/reviews/{reviewId}/members/{userId}',
    access: 'owner',
    ok: 200,
    body: () => ({ role: 'reviewer', canAdjudicate: true }),
    verify: async (res, w) => {
      expect(res.json).toMatchObject({ id: w.target.id, role: 'reviewer', canAdjudicate: true });
      expect(await roleOf(w.reviewId, w.target.id)).toBe('reviewer');
    },
  },
  {
    route: 'DELETE /api/v1/reviews/{reviewId}/members/{userId}',
    access: 'owner',
    ok: 204,
    verify: async (res, w) => {
      expect(res.text).toBe('');
      expect(await roleOf(w.reviewId, w.target.id)).toBeNull();
    },
  },

  // Protocol, criteria and exclusion reasons
  { route: 'GET /api/v1/reviews/{reviewId}/protocol', access: 'viewer', ok: 200, verify: (res, w) => expect(res.json.reviewId).toBe(w.reviewId) },
  {
    route: 'PUT /api/v1/reviews/{reviewId}/protocol',
    access: 'owner',
    ok: 200,
    body: () => ({ question: 'Does ketamine change synaptic plasticity in adults with depression?' }),
    verify: (res) => expect(res.json.question).toMatch(/^Does ketamine/),
  },
  { route: 'GET /api/v1/reviews/{reviewId}/protocol/versions', access: 'viewer', ok: 200, verify: (res) => expect(res.json.total).toBeGreaterThan(0) },
  {
    route: 'GET /api/v1/reviews/{reviewId}/protocol/versions/{version}',
    access: 'viewer',
    ok: 200,
    setup: async (w) => {
      await asOwner(w, 'PUT', '/protocol', { question: 'A question, so there is a version' });
      return { version: String((await asOwner(w, 'GET', '/protocol/versions')).json.items[0].version) };
    },
    verify: (res, _w, _c, params) => expect(String(res.json.version)).toBe(params.version),
  },
  { route: 'GET /api/v1/reviews/{reviewId}/criteria', access: 'viewer', ok: 200 },
  {
    route: 'POST /api/v1/reviews/{reviewId}/criteria',
    access: 'owner',
    ok: 201,
    body: () => ({ kind: 'exclusion', label: 'Animal studies' }),
    verify: (res) => expect(res.json).toMatchObject({ kind: 'exclusion', label: 'Animal studies' }),
  },
  {
    route: 'PATCH /api/v1/reviews/{reviewId}/criteria/{criterionId}',
    access: 'owner',
    ok: 200,
    setup: async (w) => ({ criterionId: (await asOwner(w, 'POST', '/criteria', { kind: 'inclusion', label: 'Adults' })).json.id }),
    body: () => ({ label: 'Adults aged 18 or over' }),
    verify: (res) => expect(res.json.label).toBe('Adults aged 18 or over'),
  },
  {
    route: 'DELETE /api/v1/reviews/{reviewId}/criteria/{criterionId}',
    access: 'owner',
    ok: 204,
    setup: async (w) => ({ criterionId: (await asOwner(w, 'POST', '/criteria', { kind: 'inclusion', label: 'Adults' })).json.id }),
  },
  { route: 'GET /api/v1/reviews/{reviewId}/exclusion-reasons', access: 'viewer', ok: 200 },
  {
    route: 'POST /api/v1/reviews/{reviewId}/exclusion-reasons',
    access: 'owner',
    ok: 201,
    body: () => ({ label: 'Wrong population' }),
    verify: (res) => expect(res.json.label).toBe('Wrong population'),
  },
  {
    route: 'PATCH /api/v1/reviews/{reviewId}/exclusion-reasons/{reasonId}',
    access: 'owner',
    ok: 200,
    setup: async (w) => ({ reasonId: (await asOwner(w, 'POST', '/exclusion-reasons', { label: 'Wrong design' })).json.id }),
    body: () => ({ label: 'Wrong study design' }),
    verify: (res) => expect(res.json.label).toBe('Wrong study design'),
  },
  {
    route: 'DELETE /api/v1/reviews/{reviewId}/exclusion-reasons/{reasonId}',
    access: 'owner',
    ok: 204,
    setup: async (w) => ({ reasonId: (await asOwner(w, 'POST', '/exclusion-reasons', { label: 'Wrong design' })).json.id }),
  },
  {
    route: 'POST /api/v1/reviews/{reviewId}/exclusion-reasons/from-criteria',
    access: 'owner',
    ok: 201,
    setup: async (w) => {
      await asOwner(w, 'POST', '/criteria', { kind: 'exclusion', label: 'Conference abstracts' });
      return {};
    },
    verify: (res) => expect(res.json.items.map((r: { label: string }) => r.label)).toContain('Conference abstracts'),
  },

  // Identification: searches, records, duplicates
  { route: 'GET /api/v1/reviews/{reviewId}/searches', access: 'viewer', ok: 200, verify: (res) => expect(res.json.total).toBe(1) },
  {
    route: 'POST /api/v1/reviews/{reviewId}/searches',
    access: 'owner',
    ok: 201,
    form: risUpload,
    verify: async (res, w) => {
      expect(res.json).toMatchObject({ id: expect.any(String) });
      expect(await getDb().search.count({ where: { reviewId: w.reviewId } })).toBe(2);
    },
  },
  {
    route: 'GET /api/v1/reviews/{reviewId}/searches/{searchId}',
    access: 'viewer',
    ok: 200,
    setup: async (w) => ({ searchId: (await getDb().search.findFirstOrThrow({ where: { reviewId: w.reviewId } })).id }),
    verify: (res, _w, _c, params) => expect(res.json.id).toBe(params.searchId),
  },
  { route: 'POST /api/v1/reviews/{reviewId}/imports/preview', access: 'owner', ok: 200, form: risUpload, changesNothing: true },
  {
    route: 'GET /api/v1/reviews/{reviewId}/imports/{importId}',
    access: 'owner',
    ok: 200,
    setup: async (w) => {
      const importId = randomUUID();
      const form = risUpload();
      form.set('importId', importId);
      await call('POST', `/api/v1/reviews/${w.reviewId}/searches`, { token: w.owner.token, form });
      return { importId };
    },
    verify: (res, w, _c, params) => expect(res.json).toMatchObject({ id: params.importId, reviewId: w.reviewId, kind: 'import', phase: 'done', records: 1 }),
  },
  { route: 'GET /api/v1/reviews/{reviewId}/records', access: 'viewer', ok: 200, verify: (res) => expect(res.json.total).toBe(3) },
  { route: 'GET /api/v1/reviews/{reviewId}/records/{recordId}', access: 'viewer', ok: 200, verify: (res, w) => expect(res.json.id).toBe(w.recordId) },
  { route: 'GET /api/v1/reviews/{reviewId}/duplicates', access: 'viewer', ok: 200 },
  {
    route: 'POST /api/v1/reviews/{reviewId}/duplicates/{pairId}',
    access: 'owner',
    ok: 200,
    // A pair as the importer would store it (the import's own rules are tested elsewhere).
    setup: async (w) => ({
      pairId: (await getDb().duplicatePair.create({ data: { reviewId: w.reviewId, recordAId: w.recordId, recordBId: w.spareRecordId, tier: 'likely', reasons: ['title'] } })).id,
    }),
    body: () => ({ action: 'not_duplicate' }),
    verify: async (_res, _w, _c, params) => expect((await getDb().duplicatePair.findUniqueOrThrow({ where: { id: params.pairId } })).status).toBe('not_duplicate'),
  },

  // Full texts (records that passed title/abstract)
  {
    route: 'POST /api/v1/reviews/{reviewId}/records/{recordId}/full-text',
    access: 'reviewer',
    ok: 201,
    setup: async (w) => ({ ...(await decideFirstRecord(w)), recordId: w.decidedRecordId }),
    body: () => ({ url: 'https://example.org/ketamine-trial.pdf' }),
    verify: (res, w) => expect(res.json).toMatchObject({ recordId: w.decidedRecordId, url: 'https://example.org/ketamine-trial.pdf' }),
  },
  {
    route: 'GET /api/v1/reviews/{reviewId}/records/{recordId}/full-text',
    access: 'viewer',
    ok: 200,
    setup: async (w) => {
      await decideFirstRecord(w);
      const form = new FormData();
      form.set('file', new File([PDF], 'trial.pdf', { type: 'application/pdf' }));
      const res = await call('POST', `/api/v1/reviews/${w.reviewId}/records/${w.decidedRecordId}/full-text`, { token: w.owner.token, form });
      if (res.status !== 201) throw new Error(`setup: attaching a PDF failed: ${res.status} ${res.text}`);
      return { recordId: w.decidedRecordId };
    },
    verify: (res) => {
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.text).toBe(PDF);
    },
  },
  {
    route: 'DELETE /api/v1/reviews/{reviewId}/records/{recordId}/full-text',
    access: 'reviewer',
    ok: 200,
    setup: async (w) => {
      await decideFirstRecord(w);
      await asOwner(w, 'POST', `/records/${w.decidedRecordId}/full-text`, { url: 'https://example.org/a.pdf' });
      return { recordId: w.decidedRecordId };
    },
    verify: (res) => expect(res.json).toMatchObject({ file: null, url: null }),
  },

  // Screening
  { route: 'GET /api/v1/reviews/{reviewId}/screening/next', access: 'reviewer', ok: 200, setup: decideFirstRecord, verify: (res, w) => expect([w.recordId, w.spareRecordId]).toContain(res.json.record.id) },
  {
    route: 'GET /api/v1/reviews/{reviewId}/screening/progress',
    access: 'reviewer',
    ok: 200,
    setup: decideFirstRecord,
    verify: (res) => expect(res.json).toMatchObject({ stage: 'title_abstract', total: 3, screenedByMe: 1 }),
  },
  {
    route: 'GET /api/v1/reviews/{reviewId}/decisions',
    access: 'reviewer',
    ok: 200,
    setup: decideFirstRecord,
    verify: (res, w, caller) => {
      expect(res.json.total).toBe(1);
      expect(res.json.items[0]).toMatchObject({ recordId: w.decidedRecordId, reviewerId: userFor(caller, w).id, decision: 'include' });
    },
  },
  {
    route: 'POST /api/v1/reviews/{reviewId}/records/{recordId}/decisions',
    access: 'reviewer',
    ok: 201,
    body: () => ({ stage: 'title_abstract', decision: 'exclude', note: 'Animal study' }),
    verify: async (res, w, caller) => {
      expect(res.json).toMatchObject({ recordId: w.recordId, reviewerId: userFor(caller, w).id, decision: 'exclude', effect: 'created', decisionsCount: 1 });
      expect(await getDb().decision.count({ where: { recordId: w.recordId } })).toBe(1);
    },
  },
  {
    route: 'DELETE /api/v1/reviews/{reviewId}/records/{recordId}/decisions',
    access: 'reviewer',
    ok: 204,
    setup: decideFirstRecord,
    path: (w) => `/api/v1/reviews/${w.reviewId}/records/${w.decidedRecordId}/decisions?stage=title_abstract`,
    verify: async (_res, w, caller) => {
      const left = await getDb().decision.findMany({ where: { recordId: w.decidedRecordId }, select: { reviewerId: true } });
      expect(left.map((d) => d.reviewerId)).toEqual([caller === 'owner' ? w.reviewer.id : w.owner.id]);
    },
  },

  // Dual screening: stage settings, conflicts and their adjudication, assignments, agreement, audit trail
  {
    route: 'GET /api/v1/reviews/{reviewId}/stages',
    access: 'viewer',
    ok: 200,
    verify: (res) => expect(res.json.items.map((s: { stage: string; requiredDecisions: number; isBlinded: boolean }) => [s.stage, s.requiredDecisions, s.isBlinded]).sort()).toEqual([['full_text', 2, true], ['title_abstract', 2, true]]),
  },
  {
    route: 'PATCH /api/v1/reviews/{reviewId}/stages/{stage}',
    access: 'owner',
    ok: 200,
    setup: async () => ({ stage: 'title_abstract' }),
    body: () => ({ requiredDecisions: 3 }),
    verify: async (res, w) => {
      expect(res.json).toMatchObject({ stage: 'title_abstract', requiredDecisions: 3, isBlinded: true });
      expect((await getDb().reviewStageSetting.findUniqueOrThrow({ where: { reviewId_stage: { reviewId: w.reviewId, stage: 'title_abstract' } } })).requiredDecisions).toBe(3);
    },
  },
  {
    route: 'GET /api/v1/reviews/{reviewId}/conflicts',
    access: 'adjudicator',
    ok: 200,
    setup: makeConflict,
    path: (w) => `/api/v1/reviews/${w.reviewId}/conflicts?stage=title_abstract`,
    verify: (res, w) => {
      expect(res.json.total).toBe(1);
      expect(res.json.items[0].recordId).toBe(w.recordId);
      expect(res.json.items[0].decisions.map((d: { decision: string }) => d.decision).sort()).toEqual(['exclude', 'include']);
    },
  },
  {
    route: 'POST /api/v1/reviews/{reviewId}/records/{recordId}/resolution',
    access: 'adjudicator',
    ok: 201,
    setup: makeConflict,
    body: () => ({ stage: 'title_abstract', decision: 'include', note: 'Adults with depression: in scope' }),
    verify: async (res, w) => {
      expect(res.json).toMatchObject({ recordId: w.recordId, decision: 'include', outcome: 'included' });
      // The reviewers' own decisions stay as they were.
      expect((await getDb().decision.findMany({ where: { recordId: w.recordId }, select: { value: true }, orderBy: { value: 'asc' } })).map((d) => d.value)).toEqual(['include', 'exclude']);
    },
  },
  {
    route: 'GET /api/v1/reviews/{reviewId}/records/{recordId}/comments',
    access: 'adjudicator',
    ok: 200,
    setup: async (w) => {
      await makeConflict(w);
      await asOwner(w, 'POST', `/records/${w.recordId}/comments`, { stage: 'title_abstract', body: 'Is the population adult?' });
      return {};
    },
    path: (w) => `/api/v1/reviews/${w.reviewId}/records/${w.recordId}/comments?stage=title_abstract`,
    verify: (res) => expect(res.json.items.map((c: { body: string }) => c.body)).toEqual(['Is the population adult?']),
  },
  {
    route: 'POST /api/v1/reviews/{reviewId}/records/{recordId}/comments',
    access: 'adjudicator',
    ok: 201,
    setup: makeConflict,
    body: () => ({ stage: 'title_abstract', body: 'Is the population adult?' }),
    verify: async (res, w) => {
      expect(res.json).toMatchObject({ recordId: w.recordId, body: 'Is the population adult?' });
      expect(await getDb().conflictComment.count({ where: { recordId: w.recordId } })).toBe(1);
    },
  },
  {
    route: 'GET /api/v1/reviews/{reviewId}/assignments',
    access: 'owner',
    ok: 200,
    setup: async (w) => {
      await asOwner(w, 'POST', '/assignments', { stage: 'title_abstract', reviewerId: w.reviewer.id, count: 2 });
      return {};
    },
    verify: (res, w) => expect(res.json.items).toEqual([{ reviewerId: w.reviewer.id, records: 2 }]),
  },
  {
    route: 'POST /api/v1/reviews/{reviewId}/assignments',
    access: 'owner',
    ok: 201,
    body: (w) => ({ stage: 'title_abstract', reviewerId: w.reviewer.id, count: 2 }),
    verify: async (res, w) => {
      expect(res.json).toEqual({ assigned: 2 });
      expect(await getDb().assignment.count({ where: { reviewId: w.reviewId, reviewerId: w.reviewer.id } })).toBe(2);
    },
  },
  {
    // While the stage is blinded (the default) only adjudicators see agreement.
    route: 'GET /api/v1/reviews/{reviewId}/agreement',
    access: 'adjudicator',
    ok: 200,
    setup: decideFirstRecord,
    verify: (res) => {
      // Both included the one record they share: kappa is not defined, and says so instead of NaN.
      expect(res.json.overall).toMatchObject({ method: 'cohen', kappa: null, itemsUsed: 1, percentAgreement: 100 });
      expect(res.json.overall.reading).toMatch(/^not defined/);
    },
  },
  {
    route: 'GET /api/v1/reviews/{reviewId}/audit',
    access: 'owner',
    ok: 200,
    setup: decideFirstRecord,
    path: (w) => `/api/v1/reviews/${w.reviewId}/audit?action=decision.`,
    verify: (res) => {
      expect(res.json.total).toBe(2);
      expect(res.json.items.map((e: { action: string }) => e.action)).toEqual(['decision.created', 'decision.created']);
    },
  },

  // Unknown paths answer 404 JSON to everyone, before any authentication.
  ...(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const).map(
    (method): Endpoint => ({
      route: `${method} /api/v1/[...path]`,
      access: 'public',
      ok: 404,
      path: (w) => `/api/v1/reviews/${w.reviewId}/no-such-thing`,
      verify: (res) => expect(res.json.error.code).toBe('not_found'),
    }),
  ),
];

/** Route files that are not part of this API and why. */
const NOT_IN_MATRIX: Record<string, string> = {
  'app/api/auth/[...nextauth]/route.ts': "next-auth's own sign-in endpoints; they need a Next.js request scope (cookies()) and are covered by the end-to-end tests",
};

const ERROR_CODE: Record<number, string> = { 401: 'unauthorized', 403: 'forbidden', 404: 'not_found' };

const RANK: Record<Role, number> = { viewer: 0, reviewer: 1, owner: 2 };

function expectedStatus(endpoint: Endpoint, caller: Caller): number {
  if (endpoint.access === 'public') return endpoint.ok;
  if (caller === 'anonymous' || caller === 'wrongToken' || caller === 'malformedHeader') return 401;
  if (endpoint.access === 'authenticated') return endpoint.ok;
  if (caller === 'nonMember') return 404;
  if (endpoint.access === 'adjudicator') return caller === 'owner' ? endpoint.ok : 403;
  return RANK[caller] >= RANK[endpoint.access] ? endpoint.ok : 403;
}

/** What a 403 says: the role needed, or for adjudicator-only calls that adjudicators make them. */
function forbiddenMessage(access: Access, caller: Caller): RegExp {
  if (access === 'adjudicator') return caller === 'viewer' ? /needs the reviewer role/ : /adjudicator/;
  return new RegExp(`needs the ${access} role`);
}

function pathFor(endpoint: Endpoint, w: World, params: Record<string, string>): string {
  if (endpoint.path) return endpoint.path(w, params);
  const all: Record<string, string> = { reviewId: w.reviewId, userId: w.target.id, recordId: w.recordId, ...params };
  return endpoint.route.split(' ')[1].replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in all)) throw new Error(`${endpoint.route}: no value for {${name}}; return it from setup()`);
    return all[name];
  });
}

async function roleOf(reviewId: string, userId: string): Promise<string | null> {
  const m = await getDb().membership.findUnique({ where: { reviewId_userId: { reviewId, userId } }, select: { role: true } });
  return m?.role ?? null;
}

/** Everything an API call on this review could change (API token last-use times aside). */
async function snapshot(reviewId: string) {
  const db = getDb();
  const where = { reviewId };
  const byId = { orderBy: { id: 'asc' as const } };
  const [reviews, auditEvents, ...rows] = await Promise.all([
    db.review.findMany({ select: { id: true, title: true, description: true, updatedAt: true }, ...byId }),
    db.auditEvent.count(),
    db.membership.findMany({ where, ...byId }),
    db.protocol.findMany({ where }),
    db.protocolVersion.findMany({ where, ...byId }),
    db.criterion.findMany({ where, ...byId }),
    db.exclusionReason.findMany({ where, ...byId }),
    db.search.findMany({ where, ...byId }),
    db.record.findMany({ where, ...byId }),
    db.duplicatePair.findMany({ where, ...byId }),
    db.decision.findMany({ where, ...byId }),
    db.screeningState.findMany({ where, orderBy: [{ recordId: 'asc' }, { stage: 'asc' }] }),
    db.report.findMany({ where, ...byId }),
    db.reviewStageSetting.findMany({ where, orderBy: { stage: 'asc' } }),
    db.resolution.findMany({ where, ...byId }),
    db.conflictComment.findMany({ where, ...byId }),
    db.assignment.findMany({ where, orderBy: [{ recordId: 'asc' }, { reviewerId: 'asc' }] }),
  ]);
  return { reviews, auditEvents, rows };
}

let users: Omit<World, 'reviewId' | 'recordId' | 'decidedRecordId' | 'spareRecordId'>;
let w: World;

beforeAll(async () => {
  const [owner, reviewer, viewer, nonMember, target, invitee] = await Promise.all(
    ['owner', 'reviewer', 'viewer', 'nonmember', 'target', 'invitee'].map((label) => makeUser(label)),
  );
  users = { owner, reviewer, viewer, nonMember, target, invitee };
});

beforeEach(async () => {
  const review = await makeReview(users.owner.id);
  await addMember(users.owner.id, review.id, users.reviewer.email, 'reviewer');
  await addMember(users.owner.id, review.id, users.viewer.email, 'viewer');
  await addMember(users.owner.id, review.id, users.target.email, 'viewer');
  const [decidedRecordId, recordId, spareRecordId] = await makeRecords(review.id, users.owner.id, 3);
  w = { ...users, reviewId: review.id, recordId, decidedRecordId, spareRecordId };
});

describe.each(ENDPOINTS)('$route', (endpoint) => {
  const method = endpoint.route.split(' ')[0] as HttpMethod;

  it.each(CALLERS)('%s', async (caller) => {
    const expected = expectedStatus(endpoint, caller);
    const params = (await endpoint.setup?.(w)) ?? {};
    const before = await snapshot(w.reviewId);
    const res = await call(method, pathFor(endpoint, w, params), {
      ...credentials(caller, w),
      ...(endpoint.body ? { body: endpoint.body(w) } : {}),
      ...(endpoint.form ? { form: endpoint.form() } : {}),
    });

    expect(res.status, `${caller}: ${res.text}`).toBe(expected);
    if (expected >= 400) expectApiError(res, expected, ERROR_CODE[expected]);
    if (expected === 401) expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    if (expected === 403) expect(res.json.error.message).toMatch(forbiddenMessage(endpoint.access, caller));
    if (expected === endpoint.ok) await endpoint.verify?.(res, w, caller, params);

    const after = await snapshot(w.reviewId);
    if (expected >= 400 || method === 'GET' || endpoint.changesNothing) expect(after).toEqual(before);
    else expect(after).not.toEqual(before);
  });
});

describe('the matrix', () => {
  it('has a row for every route file and exported method under app/api', async () => {
    const rows = new Set(ENDPOINTS.map((e) => e.route));
    const missing: string[] = [];
    for (const route of listRouteFiles('app/api')) {
      if (NOT_IN_MATRIX[route.relative]) continue;
      const mod = (await import(/* @vite-ignore */ route.file)) as Record<string, unknown>;
      for (const method of exportedMethods(mod)) {
        const key = `${method} ${route.openApiPath}`;
        if (!rows.has(key)) missing.push(`${key} (${route.relative})`);
      }
    }
    expect(missing, 'add a row to ENDPOINTS for each').toEqual([]);
  });

  it('has no row for an endpoint that no longer exists', () => {
    const served = new Set<string>();
    for (const route of listRouteFiles('app/api')) served.add(route.openApiPath);
    expect(ENDPOINTS.map((e) => e.route.split(' ')[1]).filter((p) => !served.has(p))).toEqual([]);
  });
});

describe('tokens', () => {
  it('refuses a revoked token at once, and only that token', async () => {
    const user = await makeUser('revoker');
    const second = await createApiToken(user.id, 'second token');
    expect((await call('GET', '/api/v1/me', { token: user.token })).status).toBe(200);

    const first = (await listApiTokens(user.id)).find((t) => t.id !== second.summary.id)!;
    expect(await revokeApiToken(user.id, first.id)).toBe(true);

    const refused = await call('GET', '/api/v1/me', { token: user.token });
    expectApiError(refused, 401, 'unauthorized');
    expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const before = await snapshot(w.reviewId);
    expectApiError(await call('POST', '/api/v1/reviews', { token: user.token, body: { title: 'Should not exist' } }), 401, 'unauthorized');
    expect(await snapshot(w.reviewId)).toEqual(before);
    expect((await call('GET', '/api/v1/me', { token: second.token })).json).toMatchObject({ id: user.id });
  });

  it("cannot be revoked by another user", async () => {
    const a = await makeUser('holder');
    const b = await makeUser('thief');
    const [token] = await listApiTokens(a.id);
    expect(await revokeApiToken(b.id, token.id)).toBe(false);
    expect((await call('GET', '/api/v1/me', { token: a.token })).status).toBe(200);
  });

  it.each([
    ['Bearer', () => 'Bearer'],
    ['Bearer and a space', () => 'Bearer '],
    ['no scheme', (t: string) => t],
    ['Basic', (t: string) => `Basic ${Buffer.from(`someone:${t}`).toString('base64')}`],
    ['two tokens', (t: string) => `Bearer ${t} ${t}`],
    ['token without its prefix', (t: string) => `Bearer ${t.slice('sieve_'.length)}`],
    ['token with a character changed', (t: string) => `Bearer ${t.slice(0, -1)}${t.endsWith('A') ? 'B' : 'A'}`],
    ['a very long token', (t: string) => `Bearer ${t}${'x'.repeat(10_000)}`],
  ])('refuses a malformed Authorization header: %s', async (_label, header) => {
    const res = await call('GET', '/api/v1/me', { headers: { authorization: header(users.owner.token) } });
    expectApiError(res, 401, 'unauthorized');
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('accepts the scheme in any case, as HTTP says', async () => {
    expect((await call('GET', '/api/v1/me', { headers: { authorization: `bearer ${users.owner.token}` } })).status).toBe(200);
  });
});

describe('membership changes take effect at once', () => {
  it('a removed member loses access on the next call; a demoted owner loses owner actions', async () => {
    expect((await call('GET', `/api/v1/reviews/${w.reviewId}`, { token: w.viewer.token })).status).toBe(200);
    expect((await call('DELETE', `/api/v1/reviews/${w.reviewId}/members/${w.viewer.id}`, { token: w.owner.token })).status).toBe(204);
    expectApiError(await call('GET', `/api/v1/reviews/${w.reviewId}`, { token: w.viewer.token }), 404, 'not_found');

    expect((await call('PATCH', `/api/v1/reviews/${w.reviewId}/members/${w.reviewer.id}`, { token: w.owner.token, body: { role: 'owner' } })).status).toBe(200);
    expect((await call('POST', `/api/v1/reviews/${w.reviewId}/members`, { token: w.reviewer.token, body: { email: w.invitee.email } })).status).toBe(201);
    expect((await call('PATCH', `/api/v1/reviews/${w.reviewId}/members/${w.reviewer.id}`, { token: w.owner.token, body: { role: 'reviewer' } })).status).toBe(200);
    expectApiError(await call('DELETE', `/api/v1/reviews/${w.reviewId}/members/${w.invitee.id}`, { token: w.reviewer.token }), 403, 'forbidden');
  });

  it("a non-member's 404 is the same as for a review that does not exist", async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const path of [`/api/v1/reviews/{id}`, `/api/v1/reviews/{id}/members`]) {
      const hidden = await call('GET', path.replace('{id}', w.reviewId), { token: w.nonMember.token });
      const absent = await call('GET', path.replace('{id}', missing), { token: w.nonMember.token });
      const notUuid = await call('GET', path.replace('{id}', 'not-a-uuid'), { token: w.nonMember.token });
      expect([hidden.status, absent.status, notUuid.status]).toEqual([404, 404, 404]);
      expect(hidden.json).toEqual(absent.json);
      expect(notUuid.json).toEqual(absent.json);
    }
  });

  it('owner-only member changes cannot reach into another review', async () => {
    // The owner of one review acting on a member of a review they do not belong to.
    const other = await makeReview(w.nonMember.id);
    await addMember(w.nonMember.id, other.id, w.target.email, 'viewer');
    const before = await snapshot(other.id);
    expectApiError(await call('DELETE', `/api/v1/reviews/${other.id}/members/${w.target.id}`, { token: w.owner.token }), 404, 'not_found');
    expectApiError(await call('PATCH', `/api/v1/reviews/${other.id}/members/${w.target.id}`, { token: w.owner.token, body: { role: 'owner' } }), 404, 'not_found');
    expect(await snapshot(other.id)).toEqual(before);
  });
});

describe('blinding', () => {
  it("while a stage is blinded nobody, owners included, can list another reviewer's decisions", async () => {
    await decideFirstRecord(w);
    for (const u of [w.reviewer, w.owner]) {
      for (const reviewer of ['all', w.owner.id === u.id ? w.reviewer.id : w.owner.id]) {
        const res = await call('GET', `/api/v1/reviews/${w.reviewId}/decisions?reviewer=${reviewer}`, { token: u.token });
        expectApiError(res, 403, 'forbidden');
        expect(res.json.error.message).toMatch(/blinded/);
      }
      const own = await call('GET', `/api/v1/reviews/${w.reviewId}/decisions?reviewer=${u.id}`, { token: u.token });
      expect(own.json.items.map((d: { reviewerId: string }) => d.reviewerId)).toEqual([u.id]);
    }
  });
});

describe('browser session cookie', () => {
  const sessionCookie = async (userId: string) => `next-auth.session-token=${await encode({ token: { uid: userId }, secret: getAuthSecret() })}`;

  it('authenticates the same endpoints as a token, with the same role checks', async () => {
    const cookie = await sessionCookie(w.viewer.id);
    expect((await call('GET', '/api/v1/me', { headers: { cookie } })).json).toMatchObject({ id: w.viewer.id });
    expect((await call('GET', `/api/v1/reviews/${w.reviewId}`, { headers: { cookie } })).json).toMatchObject({ role: 'viewer' });
    expectApiError(await call('DELETE', `/api/v1/reviews/${w.reviewId}/members/${w.target.id}`, { headers: { cookie } }), 403, 'forbidden');
  });

  it('refuses a forged or foreign cookie', async () => {
    const forged = await encode({ token: { uid: w.owner.id }, secret: 'not-the-server-secret-but-long-enough-0123456789' });
    for (const cookie of [`next-auth.session-token=${forged}`, 'next-auth.session-token=garbage', 'other=1']) {
      const res = await call('GET', '/api/v1/me', { headers: { cookie } });
      expectApiError(res, 401, 'unauthorized');
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
  });

  it('a bad Bearer token is refused even with a valid session cookie', async () => {
    const res = await call('GET', '/api/v1/me', { token: 'sieve_unknown', headers: { cookie: await sessionCookie(w.owner.id) } });
    expectApiError(res, 401, 'unauthorized');
  });

  it('ignores an unrelated cookie that is not percent-encoded', async () => {
    const cookie = `promo=50%off; ${await sessionCookie(w.owner.id)}`;
    expect((await call('GET', '/api/v1/me', { headers: { cookie } })).status).toBe(200);
    expect((await call('GET', '/api/v1/me', { headers: { cookie: 'promo=50%off' } })).status).toBe(401);
  });
});
