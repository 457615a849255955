/**
 * Issue 5's concurrency check, through the JSON API's route handlers on PostgreSQL (where requests
 * truly run in parallel; PGlite serialises them, so this file runs on PostgreSQL only): two, then
 * ten reviewers decide the same 1,000 records at once. Every decision is stored exactly once, no
 * record collects more than the required two, conflicts equal the disagreements generated.
 */
import { describe, expect, it } from 'vitest';
import { GET as nextRecord } from '../../app/api/v1/reviews/[reviewId]/screening/next/route';
import { POST as postDecision } from '../../app/api/v1/reviews/[reviewId]/records/[recordId]/decisions/route';
import { getDb } from '../../lib/db/client';
import { addMember, makeRecords, makeReview, makeUser } from '../helpers/factories';
import { dbKind, useTestDatabase } from '../helpers/db';

useTestDatabase();

/** A reviewer's vote is a fixed function of who and what, so the expected conflicts are known. */
function vote(reviewerIndex: number, recordIndex: number): 'include' | 'exclude' | 'maybe' {
  const h = (recordIndex * 7919 + reviewerIndex * 104729) % 10;
  return h < 4 ? 'include' : h < 5 ? 'maybe' : 'exclude';
}

async function screenAll(reviewId: string, reviewers: Array<{ token: string }>, indexOf: Map<string, number>) {
  let conflicts409 = 0;
  await Promise.all(
    reviewers.map(async (reviewer, ri) => {
      const auth = { authorization: `Bearer ${reviewer.token}` };
      for (let guard = 0; guard < 5000; guard++) {
        const res = await nextRecord(new Request(`http://test/api/v1/reviews/${reviewId}/screening/next?stage=title_abstract`, { headers: auth }), { params: Promise.resolve({ reviewId }) });
        if (res.status === 204) return;
        expect(res.status).toBe(200);
        const { record } = await res.json();
        const body = JSON.stringify({ stage: 'title_abstract', decision: vote(ri, indexOf.get(record.id)!) });
        const post = await postDecision(
          new Request(`http://test/api/v1/reviews/${reviewId}/records/${record.id}/decisions`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body }),
          { params: Promise.resolve({ reviewId, recordId: record.id }) },
        );
        if (post.status === 409) conflicts409++; // another reviewer completed the record first
        else expect(post.status).toBe(201);
      }
      throw new Error('reviewer did not finish');
    }),
  );
  return conflicts409;
}

describe.skipIf(dbKind() === 'pglite')('many reviewers at once (PostgreSQL)', () => {
  it.each([2, 10])('%i reviewers decide 1,000 records in parallel through the API', async (n) => {
    const owner = await makeUser('owner');
    const review = await makeReview(owner.id, `Concurrency with ${n}`);
    const reviewers = await Promise.all(Array.from({ length: n }, (_, i) => makeUser(`r${i}`)));
    for (const r of reviewers) await addMember(owner.id, review.id, r.email, 'reviewer');
    const ids = await makeRecords(review.id, owner.id, 1000);
    const indexOf = new Map(ids.map((id, i) => [id, i]));
    const reviewerIndex = new Map(reviewers.map((r, i) => [r.id, i]));

    await screenAll(review.id, reviewers, indexOf);

    const decisions = await getDb().decision.findMany({ where: { reviewId: review.id }, select: { recordId: true, reviewerId: true, value: true } });
    expect(decisions).toHaveLength(2000);
    const byRecord = new Map<string, typeof decisions>();
    for (const d of decisions) byRecord.set(d.recordId, [...(byRecord.get(d.recordId) ?? []), d]);
    expect(byRecord.size).toBe(1000);
    let disagreements = 0;
    for (const [recordId, ds] of byRecord) {
      expect(ds).toHaveLength(2);
      expect(new Set(ds.map((d) => d.reviewerId)).size).toBe(2);
      // Each stored vote is the one that reviewer was scripted to give on that record.
      for (const d of ds) expect(d.value).toBe(vote(reviewerIndex.get(d.reviewerId)!, indexOf.get(recordId)!));
      const binary = ds.map((d) => (d.value === 'exclude' ? 'exclude' : 'include'));
      if (binary[0] !== binary[1]) disagreements++;
    }
    const conflicts = await getDb().screeningState.count({ where: { reviewId: review.id, stage: 'title_abstract', outcome: 'conflict' } });
    expect(conflicts).toBe(disagreements);
    expect(disagreements).toBeGreaterThan(0);
  }, 300_000);
});
