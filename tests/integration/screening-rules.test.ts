/** The decision rules of issue 4 (and the dual-screening core of issue 5), on a real database. */
import { describe, expect, it } from 'vitest';
import { getDb } from '../../lib/db/client';
import { computeStageOutcome, type DecisionValue } from '../../lib/domain/screening/stage-outcome';
import { changeStageSettings } from '../../lib/services/dual-screening';
import { saveProtocolSection } from '../../lib/services/protocol';
import { decide, listStageDecisions, nextToScreen, screeningProgress, undoDecision } from '../../lib/services/screening';
import { addMember, makeRecords, makeReview, makeUser } from '../helpers/factories';
import { dbKind, useTestDatabase } from '../helpers/db';
import { holdTransaction } from '../helpers/held-transaction';

useTestDatabase();

async function team() {
  const owner = await makeUser('owner');
  const a = await makeUser('rev-a');
  const b = await makeUser('rev-b');
  const viewer = await makeUser('viewer');
  const review = await makeReview(owner.id);
  await addMember(owner.id, review.id, a.email, 'reviewer');
  await addMember(owner.id, review.id, b.email, 'reviewer');
  await addMember(owner.id, review.id, viewer.email, 'viewer');
  return { owner, a, b, viewer, review };
}

const ta = (decision: 'include' | 'exclude' | 'maybe', extra: object = {}) => ({ stage: 'title_abstract', decision, ...extra });

describe('deciding', () => {
  it('stores one decision per reviewer, idempotently, and keeps changes as revisions', async () => {
    const { a, review } = await team();
    const [r1] = await makeRecords(review.id, a.id, 1);
    const first = await decide(a.id, review.id, r1, ta('include'));
    expect(first.effect).toBe('created');
    const again = await decide(a.id, review.id, r1, ta('include'));
    expect(again.effect).toBe('unchanged');
    const changed = await decide(a.id, review.id, r1, ta('exclude', { note: 'animal model only' }));
    expect(changed.effect).toBe('changed');
    expect(await getDb().decision.count({ where: { recordId: r1 } })).toBe(1);
    const revisions = await getDb().decisionRevision.findMany({ where: { decisionId: first.decision.id } });
    expect(revisions.map((r) => r.value)).toEqual(['include']);
    const actions = (await getDb().auditEvent.findMany({ where: { reviewId: review.id, entityType: 'decision' }, orderBy: { id: 'asc' } })).map((e) => e.action);
    expect(actions).toEqual(['decision.created', 'decision.changed']);
  });

  it('keeps the checklist when a change leaves it out, and clears it when asked', async () => {
    const { a, review } = await team();
    const [r1] = await makeRecords(review.id, a.id, 1);
    await decide(a.id, review.id, r1, ta('include', { checklist: { c1: 'met' } }));
    const kept = await decide(a.id, review.id, r1, ta('exclude'));
    expect(kept.decision.checklist).toEqual({ c1: 'met' });
    const cleared = await decide(a.id, review.id, r1, ta('exclude', { checklist: null }));
    expect(cleared.decision.checklist).toBeNull();
  });

  it('refuses viewers, strangers, other reviews\' records, bad values and missing reasons', async () => {
    const { a, viewer, review, owner } = await team();
    const stranger = await makeUser('stranger');
    const [r1] = await makeRecords(review.id, owner.id, 1);
    const other = await makeReview(owner.id, 'Another review');
    const [foreign] = await makeRecords(other.id, owner.id, 1);
    await expect(decide(viewer.id, review.id, r1, ta('include'))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(decide(stranger.id, review.id, r1, ta('include'))).rejects.toMatchObject({ code: 'not_found' });
    await expect(decide(a.id, review.id, foreign, ta('include'))).rejects.toMatchObject({ code: 'not_found' });
    await expect(decide(a.id, review.id, r1, { stage: 'title_abstract', decision: 'perhaps' })).rejects.toThrow(/decision must be include, exclude or maybe/);
    await expect(decide(a.id, review.id, r1, { stage: 'full_text', decision: 'maybe' })).rejects.toMatchObject({ code: 'invalid' });
  });

  it('tells strangers nothing but "not found", whatever they send, and viewers only that they cannot decide', async () => {
    const { viewer, review, owner } = await team();
    const stranger = await makeUser('stranger');
    const [r1] = await makeRecords(review.id, owner.id, 1);
    // The role is read with the record for valid bodies, and checked first for everything else.
    for (const body of [ta('include'), { stage: 'full_text', decision: 'maybe' }, ta('include', { reasonId: r1 }), { stage: 'title_abstract', decision: 'perhaps' }, 'not json']) {
      await expect(decide(stranger.id, review.id, r1, body)).rejects.toMatchObject({ code: 'not_found', message: 'Review not found.' });
      await expect(decide(viewer.id, review.id, r1, body)).rejects.toMatchObject({ code: 'forbidden' });
    }
    await expect(decide(stranger.id, review.id, 'not-a-uuid', ta('include'))).rejects.toMatchObject({ code: 'not_found', message: 'Review not found.' });
    await expect(decide(stranger.id, 'not-a-uuid', r1, ta('include'))).rejects.toMatchObject({ code: 'not_found' });
    expect(await getDb().decision.count({ where: { reviewId: review.id } })).toBe(0);
  });

  it('never lets a record collect more decisions than required', async () => {
    const { a, b, owner, review } = await team();
    const [r1] = await makeRecords(review.id, owner.id, 1);
    await decide(a.id, review.id, r1, ta('include'));
    await decide(b.id, review.id, r1, ta('include'));
    await expect(decide(owner.id, review.id, r1, ta('exclude'))).rejects.toMatchObject({ code: 'conflict' });
    expect(await getDb().decision.count({ where: { recordId: r1 } })).toBe(2);
  });

  it('moves agreeing records on and flags disagreements', async () => {
    const { a, b, owner, review } = await team();
    const [agreeIn, agreeOut, disagree, maybeVsExclude] = await makeRecords(review.id, owner.id, 4);
    for (const [rec, va, vb] of [[agreeIn, 'include', 'maybe'], [agreeOut, 'exclude', 'exclude'], [disagree, 'include', 'exclude'], [maybeVsExclude, 'maybe', 'exclude']] as const) {
      await decide(a.id, review.id, rec, ta(va));
      await decide(b.id, review.id, rec, ta(vb));
    }
    const states = await getDb().screeningState.findMany({ where: { reviewId: review.id, stage: 'title_abstract' } });
    const outcome = Object.fromEntries(states.map((s) => [s.recordId, s.outcome]));
    expect([outcome[agreeIn], outcome[agreeOut], outcome[disagree], outcome[maybeVsExclude]]).toEqual(['included', 'excluded', 'conflict', 'conflict']);
  });

  // A first title/abstract decision is read, checked and written in one statement that looks the
  // record's new outcome up in a table computed by the domain rules (decision 012): every sequence
  // of decisions, at every required count, must leave the state the rules give.
  it('leaves every record where the domain rules put it, for each sequence of decisions and required count', async () => {
    const { owner, a, b, review } = await team();
    const c = await makeUser('rev-c');
    await addMember(owner.id, review.id, c.email, 'reviewer');
    const reviewers = [a, b, c];
    const values: DecisionValue[] = ['include', 'maybe', 'exclude'];
    for (const required of [1, 2, 3] as const) {
      await changeStageSettings(owner.id, review.id, 'title_abstract', { requiredDecisions: required });
      const sequences: DecisionValue[][] = [[]];
      for (let i = 0; i < required; i++) sequences.splice(0, sequences.length, ...sequences.flatMap((seq) => values.map((v) => [...seq, v])));
      const records = await makeRecords(review.id, owner.id, sequences.length);
      for (const [i, seq] of sequences.entries()) {
        for (const [k, value] of seq.entries()) {
          const result = await decide(reviewers[k].id, review.id, records[i], ta(value));
          const expected = computeStageOutcome({ stage: 'title_abstract', required, decisions: seq.slice(0, k + 1).map((v, j) => ({ reviewerId: reviewers[j].id, value: v })) });
          const state = await getDb().screeningState.findUniqueOrThrow({ where: { recordId_stage: { recordId: records[i], stage: 'title_abstract' } } });
          expect({ seq: seq.slice(0, k + 1), required, outcome: state.outcome, count: state.decisionsCount, answered: result.decisionsCount })
            .toEqual({ seq: seq.slice(0, k + 1), required, outcome: expected.outcome, count: k + 1, answered: k + 1 });
          expect(result).toMatchObject({ effect: 'created', required });
        }
      }
    }
  });

  it('follows a change of the required count between two decisions', async () => {
    const { owner, a, b, review } = await team();
    const [r1, r2] = await makeRecords(review.id, owner.id, 2);
    await decide(a.id, review.id, r1, ta('include'));
    await decide(b.id, review.id, r1, ta('include'));
    await changeStageSettings(owner.id, review.id, 'title_abstract', { requiredDecisions: 3 });
    await decide(a.id, review.id, r2, ta('include'));
    const second = await decide(b.id, review.id, r2, ta('include'));
    expect(second).toMatchObject({ decisionsCount: 2, required: 3 });
    const state = await getDb().screeningState.findUniqueOrThrow({ where: { recordId_stage: { recordId: r2, stage: 'title_abstract' } } });
    expect(state.outcome).toBe('pending');
    await changeStageSettings(owner.id, review.id, 'title_abstract', { requiredDecisions: 1 });
    const [r3] = await makeRecords(review.id, owner.id, 1);
    expect(await decide(a.id, review.id, r3, ta('exclude'))).toMatchObject({ decisionsCount: 1, required: 1 });
    expect((await getDb().screeningState.findUniqueOrThrow({ where: { recordId_stage: { recordId: r3, stage: 'title_abstract' } } })).outcome).toBe('excluded');
  });

  it('records the protocol version, the note and an audit event with what was decided', async () => {
    const { a, owner, review } = await team();
    const [r1] = await makeRecords(review.id, owner.id, 1);
    await saveProtocolSection(owner.id, review.id, 'question', { question: 'Does ketamine change synaptic plasticity?' });
    const version = (await getDb().protocol.findUniqueOrThrow({ where: { reviewId: review.id } })).version;
    expect(version).toBeGreaterThan(1);
    const { decision } = await decide(a.id, review.id, r1, ta('maybe', { note: 'rodent model?', checklist: { c1: 'unclear' } }));
    expect(decision).toMatchObject({ recordId: r1, reviewerId: a.id, value: 'maybe', note: 'rodent model?', checklist: { c1: 'unclear' }, protocolVersion: version, reasonId: null });
    const stored = await getDb().decision.findUniqueOrThrow({ where: { id: decision.id } });
    expect(stored).toMatchObject({ value: 'maybe', note: 'rodent model?', checklist: { c1: 'unclear' }, protocolVersion: version, createdAt: decision.createdAt });
    const event = await getDb().auditEvent.findFirstOrThrow({ where: { reviewId: review.id, entityId: decision.id } });
    expect(event).toMatchObject({ action: 'decision.created', actorId: a.id, entityType: 'decision' });
    expect(event.after).toEqual({ recordId: r1, stage: 'title_abstract', value: 'maybe', reasonId: null, note: 'rodent model?', protocolVersion: version });
  });

  it('refuses a decision on a record merged as a duplicate, naming the survivor', async () => {
    const { a, owner, review } = await team();
    const [survivor, dup] = await makeRecords(review.id, owner.id, 2);
    await getDb().record.update({ where: { id: dup }, data: { duplicateOfId: survivor, removedReason: 'duplicate' } });
    await expect(decide(a.id, review.id, dup, ta('include'))).rejects.toMatchObject({ code: 'conflict', details: { survivorId: survivor } });
  });
});

describe('full text', () => {
  it('opens only for records that passed title/abstract, and needs a valid current reason to exclude', async () => {
    const { a, b, owner, review } = await team();
    const [passed, notYet] = await makeRecords(review.id, owner.id, 2);
    await decide(a.id, review.id, passed, ta('include'));
    await decide(b.id, review.id, passed, ta('maybe'));
    const ft = (decision: string, reasonId?: string) => ({ stage: 'full_text', decision, reasonId });
    await expect(decide(a.id, review.id, notYet, ft('include'))).rejects.toMatchObject({ code: 'conflict' });
    await expect(decide(a.id, review.id, passed, ft('exclude'))).rejects.toMatchObject({ code: 'invalid', details: { fieldErrors: { reasonId: expect.any(Array) } } });
    const reason = await getDb().exclusionReason.create({ data: { reviewId: review.id, label: 'Wrong population', position: 1, priority: 1 } });
    const retired = await getDb().exclusionReason.create({ data: { reviewId: review.id, label: 'Old reason', position: 2, priority: 2, retiredAt: new Date() } });
    await expect(decide(a.id, review.id, passed, ft('exclude', retired.id))).rejects.toMatchObject({ code: 'invalid' });
    await expect(decide(a.id, review.id, passed, ft('include', reason.id))).rejects.toMatchObject({ code: 'invalid' });
    await decide(a.id, review.id, passed, ft('exclude', reason.id));
    const other = await getDb().exclusionReason.create({ data: { reviewId: review.id, label: 'Wrong outcome', position: 3, priority: 3 } });
    await decide(b.id, review.id, passed, ft('exclude', other.id));
    const state = await getDb().screeningState.findUniqueOrThrow({ where: { recordId_stage: { recordId: passed, stage: 'full_text' } } });
    expect(state.outcome).toBe('conflict');
  });
});

describe('queues, progress, undo and blinding', () => {
  it('serves records needing a second decision first, never one already decided, then nothing', async () => {
    const { a, b, owner, review } = await team();
    const ids = await makeRecords(review.id, owner.id, 3);
    expect((await nextToScreen(a.id, review.id, 'title_abstract'))[0].id).toBe(ids[0]);
    await decide(b.id, review.id, ids[2], ta('exclude'));
    expect((await nextToScreen(a.id, review.id, 'title_abstract'))[0].id).toBe(ids[2]);
    expect((await nextToScreen(a.id, review.id, 'title_abstract', { count: 2 })).map((r) => r.id)).toEqual([ids[2], ids[0]]);
    for (const id of ids) await decide(a.id, review.id, id, ta('include'));
    expect(await nextToScreen(a.id, review.id, 'title_abstract')).toEqual([]);
    expect(await screeningProgress(a.id, review.id, 'title_abstract')).toMatchObject({ total: 3, screenedByMe: 3, neededFromMe: 0, requiredDecisions: 2 });
    expect(await screeningProgress(b.id, review.id, 'title_abstract')).toMatchObject({ total: 3, screenedByMe: 1, neededFromMe: 2 });
  });

  it('undoes a decision back into the queue, but not after adjudication', async () => {
    const { a, owner, review } = await team();
    const [r1] = await makeRecords(review.id, owner.id, 1);
    await decide(a.id, review.id, r1, ta('include'));
    await undoDecision(a.id, review.id, r1, 'title_abstract');
    expect((await nextToScreen(a.id, review.id, 'title_abstract'))[0].id).toBe(r1);
    await decide(a.id, review.id, r1, ta('exclude'));
    await getDb().resolution.create({ data: { reviewId: review.id, recordId: r1, stage: 'title_abstract', value: 'exclude', resolvedById: owner.id } });
    await expect(undoDecision(a.id, review.id, r1, 'title_abstract')).rejects.toMatchObject({ code: 'conflict' });
  });

  it('lists only your own decisions while blinded, owners included', async () => {
    const { a, b, owner, review } = await team();
    const [r1] = await makeRecords(review.id, owner.id, 1);
    await decide(a.id, review.id, r1, ta('include', { note: 'secret note' }));
    expect((await listStageDecisions(b.id, review.id, { stage: 'title_abstract' })).total).toBe(0);
    await expect(listStageDecisions(owner.id, review.id, { stage: 'title_abstract', reviewer: 'all' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(listStageDecisions(b.id, review.id, { stage: 'title_abstract', reviewer: a.id })).rejects.toMatchObject({ code: 'forbidden' });
    const mine = await listStageDecisions(a.id, review.id, { stage: 'title_abstract' });
    expect(mine.items.map((d) => [d.note, d.record.title])).toEqual([['secret note', 'Record 1: ketamine and synaptic plasticity']]);
    await getDb().reviewStageSetting.update({ where: { reviewId_stage: { reviewId: review.id, stage: 'title_abstract' } }, data: { isBlinded: false } });
    expect((await listStageDecisions(owner.id, review.id, { stage: 'title_abstract', reviewer: 'all' })).total).toBe(1);
  });

  // PostgreSQL only: PGlite has one connection, so nothing can hold the record from another.
  it.skipIf(dbKind() === 'pglite')('waits for a writer holding the record (an adjudication, a withdrawal) and then decides on what it left', async () => {
    const { a, b, owner, review } = await team();
    const [r1] = await makeRecords(review.id, owner.id, 1);
    await decide(b.id, review.id, r1, ta('exclude'));
    // Another transaction holds the record's lock, as the locked writers do, then changes its state.
    const writer = await holdTransaction(
      (tx) => tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${`${r1}:title_abstract`}))) AS l`,
      (tx) => tx.screeningState.update({ where: { recordId_stage: { recordId: r1, stage: 'title_abstract' } }, data: { decisionsCount: 1 } }),
    );
    const deciding = decide(a.id, review.id, r1, ta('include'));
    let settled = false;
    void deciding.finally(() => (settled = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(settled).toBe(false);
    await writer.release();
    const result = await deciding;
    expect(result).toMatchObject({ effect: 'created', decisionsCount: 2, required: 2 });
    expect(await getDb().screeningState.findUnique({ where: { recordId_stage: { recordId: r1, stage: 'title_abstract' } } })).toMatchObject({ decisionsCount: 2, outcome: 'conflict' });
  });

  it('keeps two reviewers racing on the same records to the required count', async () => {
    const { a, b, owner, review } = await team();
    const ids = await makeRecords(review.id, owner.id, 20);
    const outcomes = await Promise.allSettled(ids.flatMap((id) => [a, b, owner].map((u) => decide(u.id, review.id, id, ta('include')))));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(40);
    for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toMatchObject({ code: 'conflict' });
    const counts = await getDb().decision.groupBy({ by: ['recordId'], where: { reviewId: review.id }, _count: true });
    expect(counts.every((c) => c._count === 2)).toBe(true);
  });
});
