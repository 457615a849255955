/**
 * Issue 5's security check: while a stage is blinded, no endpoint gives another reviewer's
 * decision, reason or note to anyone — enumerated over EVERY GET route under /api/v1 (a new route
 * is covered without editing this file), with the query variants that could widen a listing.
 */
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../lib/db/client';
import { decide } from '../../lib/services/screening';
import { call } from '../helpers/api-client';
import { listRouteFiles } from '../helpers/api-routes';
import { addMember, makeRecords, makeReview, makeUser } from '../helpers/factories';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

const secretNote = `SECRET-${randomBytes(6).toString('hex')}`;
let ids: { reviewId: string; recordId: string; otherRecordId: string; reasonId: string; searchId: string; aliceId: string };
let callers: Record<string, string>;
let aliceDecisionIds: string[];

beforeAll(async () => {
  const owner = await makeUser('owner');
  const alice = await makeUser('alice');
  const bob = await makeUser('bob');
  const viewer = await makeUser('viewer');
  const review = await makeReview(owner.id);
  for (const [u, role] of [[alice, 'reviewer'], [bob, 'reviewer'], [viewer, 'viewer']] as const) await addMember(owner.id, review.id, u.email, role);
  const [r1, r2] = await makeRecords(review.id, owner.id, 3);
  // Both records pass title/abstract so Alice can also exclude a full text with a reason.
  for (const u of [owner, bob]) await decide(u.id, review.id, r2, { stage: 'title_abstract', decision: 'include' });
  const reason = await getDb().exclusionReason.create({ data: { reviewId: review.id, label: 'Wrong population', position: 1, priority: 1 } });
  const d1 = await decide(alice.id, review.id, r1, { stage: 'title_abstract', decision: 'exclude', note: `${secretNote}-ta` });
  const d2 = await decide(alice.id, review.id, r2, { stage: 'full_text', decision: 'exclude', reasonId: reason.id, note: `${secretNote}-ft` });
  aliceDecisionIds = [d1.decision.id, d2.decision.id];
  const search = await getDb().search.findFirstOrThrow({ where: { reviewId: review.id } });
  ids = { reviewId: review.id, recordId: r1, otherRecordId: r2, reasonId: reason.id, searchId: search.id, aliceId: alice.id };
  callers = { owner: owner.token, bob: bob.token, viewer: viewer.token };
});

function fill(openApiPath: string, recordId: string): string {
  return openApiPath
    .replace('{reviewId}', ids.reviewId)
    .replace('{recordId}', recordId)
    .replace('{userId}', ids.aliceId)
    .replace('{searchId}', ids.searchId)
    .replace('{reasonId}', ids.reasonId)
    .replace(/\{(criterionId|pairId)\}/, '00000000-0000-4000-8000-000000000000')
    .replace('{version}', '1')
    .replace('{stage}', 'title_abstract');
}

const QUERIES = ['', '?stage=title_abstract', '?stage=full_text', '?reviewer=all', '?stage=full_text&reviewer=all', '?format=csv', '?status=resolved', '?action=decision.'];

describe('blinded decisions never leave the server', () => {
  const getRoutes = listRouteFiles('app/api/v1').filter((r) => !r.isCatchAll);

  it('finds the GET routes to check', () => {
    expect(getRoutes.length).toBeGreaterThan(15);
  });

  it.each(['owner', 'bob', 'viewer'])('%s sees none of Alice\'s blinded decisions on any GET endpoint', async (who) => {
    const leaks: string[] = [];
    let checked = 0;
    for (const route of getRoutes) {
      const mod = (await import(/* @vite-ignore */ route.file)) as Record<string, unknown>;
      if (typeof mod.GET !== 'function') continue;
      for (const recordId of [ids.recordId, ids.otherRecordId]) {
        for (const q of QUERIES) {
          const res = await call('GET', fill(route.openApiPath, recordId) + q, { token: callers[who] });
          checked++;
          expect(res.status, `${res.path} answered ${res.status}`).toBeLessThan(500);
          if (res.text.includes(secretNote)) leaks.push(`${res.path}: note`);
          for (const id of aliceDecisionIds) if (res.text.includes(id)) leaks.push(`${res.path}: decision id`);
          if (res.text.includes(ids.reasonId) && /decision/i.test(route.openApiPath)) leaks.push(`${res.path}: reason on a decision`);
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(leaks).toEqual([]);
  });

});

// Runs last: it unblinds title/abstract.
describe('screening outcomes on records', () => {
  const records = (query: string, who: string) => call('GET', `/api/v1/reviews/${ids.reviewId}/records${query}`, { token: callers[who] });
  const standingOf = async (who: string) => (await records('?limit=50', who)).json.items.find((r: { id: string }) => r.id === ids.otherRecordId).screening;

  it('are shown to adjudicators, and to other members only at a stage the owner unblinded', async () => {
    // The owner and Bob included the second record: it passed title/abstract; Alice's full-text vote is one of two.
    expect(await standingOf('owner')).toEqual({ title_abstract: { outcome: 'included', decisions: 2 }, full_text: { outcome: 'pending', decisions: 1, reason: null } });
    expect(await standingOf('bob')).toEqual({});
    expect(await standingOf('viewer')).toEqual({});
    expect((await records('?stage=title_abstract&outcome=included', 'bob')).status).toBe(403);
    expect((await records('?stage=title_abstract&outcome=included', 'owner')).json.items.map((r: { id: string }) => r.id)).toEqual([ids.otherRecordId]);

    const unblind = await call('PATCH', `/api/v1/reviews/${ids.reviewId}/stages/title_abstract`, { token: callers.owner, body: { isBlinded: false } });
    expect(unblind.status).toBe(200);
    expect(await standingOf('bob')).toEqual({ title_abstract: { outcome: 'included', decisions: 2 } });
    expect((await records('?stage=title_abstract&outcome=included', 'viewer')).json.total).toBe(1);
    expect((await records('?stage=full_text&outcome=pending', 'bob')).status).toBe(403);
  });

  it('need a stage to filter on, and name the allowed outcomes', async () => {
    const noStage = await records('?outcome=included', 'owner');
    expect(noStage.status).toBe(422);
    expect(noStage.text).toContain('Name the stage of the outcome');
    const wrong = await records('?stage=title_abstract&outcome=maybe', 'owner');
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('outcome must be pending, conflict, included or excluded');
  });
});

