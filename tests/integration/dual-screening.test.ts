/** Issue 5 on a real database: settings, conflicts, adjudication, leaving members, agreement, audit. */
import { describe, expect, it } from 'vitest';
import { cohensKappa } from '../../lib/domain/agreement';
import { getDb } from '../../lib/db/client';
import { stageAgreement, stageAgreementCsv } from '../../lib/services/agreement';
import { auditCsv, browseAudit } from '../../lib/services/audit-trail';
import { assignBatch, changeStageSettings, listStageConflicts, resolveConflict, commentOnConflict, conflictComments, conflictThreads } from '../../lib/services/dual-screening';
import { removeReviewMember } from '../../lib/services/reviews';
import { decide, nextToScreen, screeningProgress } from '../../lib/services/screening';
import { addMember, makeRecords, makeReview, makeUser } from '../helpers/factories';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

async function team() {
  const owner = await makeUser('owner');
  const a = await makeUser('rev-a');
  const b = await makeUser('rev-b');
  const review = await makeReview(owner.id);
  await addMember(owner.id, review.id, a.email, 'reviewer');
  await addMember(owner.id, review.id, b.email, 'reviewer');
  return { owner, a, b, review };
}
const ta = (decision: 'include' | 'exclude' | 'maybe') => ({ stage: 'title_abstract', decision });
const outcomeOf = async (recordId: string, stage: 'title_abstract' | 'full_text' = 'title_abstract') =>
  (await getDb().screeningState.findUnique({ where: { recordId_stage: { recordId, stage } } }))?.outcome;

describe('stage settings', () => {
  it('lets owners require one decision, re-deriving records already decided, and logs unblinding', async () => {
    const { owner, a, review } = await team();
    const [r1] = await makeRecords(review.id, owner.id, 1);
    await decide(a.id, review.id, r1, ta('exclude'));
    expect(await outcomeOf(r1)).toBe('pending');
    await expect(changeStageSettings(a.id, review.id, 'title_abstract', { requiredDecisions: 1 })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(changeStageSettings(owner.id, review.id, 'title_abstract', { requiredDecisions: 4 })).rejects.toThrow(/1, 2 or 3/);
    await changeStageSettings(owner.id, review.id, 'title_abstract', { requiredDecisions: 1 });
    expect(await outcomeOf(r1)).toBe('excluded');
    await changeStageSettings(owner.id, review.id, 'title_abstract', { isBlinded: false });
    const events = await getDb().auditEvent.findMany({ where: { reviewId: review.id, entityType: 'stage' }, orderBy: { id: 'asc' } });
    expect(events.map((e) => e.action)).toEqual(['stage.settings_changed', 'stage.unblinded']);
    const setting = await getDb().reviewStageSetting.findUniqueOrThrow({ where: { reviewId_stage: { reviewId: review.id, stage: 'title_abstract' } } });
    expect(setting.unblindedById).toBe(owner.id);
  });
});

describe('conflicts and adjudication', () => {
  it('lists exactly the disagreements, to adjudicators only, and resolution sends included records to full text', async () => {
    const { owner, a, b, review } = await team();
    const ids = await makeRecords(review.id, owner.id, 4);
    const votes: Array<['include' | 'exclude' | 'maybe', 'include' | 'exclude' | 'maybe']> = [['include', 'exclude'], ['maybe', 'exclude'], ['include', 'maybe'], ['exclude', 'exclude']];
    for (const [i, [va, vb]] of votes.entries()) {
      await decide(a.id, review.id, ids[i], ta(va));
      await decide(b.id, review.id, ids[i], ta(vb));
    }
    await expect(listStageConflicts(a.id, review.id, { stage: 'title_abstract' })).rejects.toMatchObject({ code: 'forbidden' });
    const open = await listStageConflicts(owner.id, review.id, { stage: 'title_abstract' });
    expect(open.items.map((c) => c.recordId).sort()).toEqual([ids[0], ids[1]].sort());
    expect(open.items.find((c) => c.recordId === ids[0])!.decisions.map((d) => d.decision).sort()).toEqual(['exclude', 'include']);

    await commentOnConflict(owner.id, review.id, ids[0], { stage: 'title_abstract', body: 'Animal model fits the protocol.' });
    expect((await conflictComments(owner.id, review.id, ids[0], 'title_abstract')).map((c) => c.body)).toEqual(['Animal model fits the protocol.']);
    const threads = await conflictThreads(owner.id, review.id, [ids[1], ids[0]], 'title_abstract');
    expect(threads.map((t) => t.map((c) => c.body))).toEqual([[], ['Animal model fits the protocol.']]);
    await expect(conflictThreads(a.id, review.id, [ids[0]], 'title_abstract')).rejects.toMatchObject({ code: 'forbidden' });

    const before = await stageAgreement(owner.id, review.id, 'title_abstract');
    await resolveConflict(owner.id, review.id, ids[0], { stage: 'title_abstract', decision: 'include', note: 'fits' });
    await resolveConflict(owner.id, review.id, ids[1], { stage: 'title_abstract', decision: 'exclude' });
    await expect(resolveConflict(owner.id, review.id, ids[3], { stage: 'title_abstract', decision: 'include' })).rejects.toMatchObject({ code: 'conflict' });
    expect([await outcomeOf(ids[0]), await outcomeOf(ids[1])]).toEqual(['included', 'excluded']);
    expect((await listStageConflicts(owner.id, review.id, { stage: 'title_abstract' })).total).toBe(0);
    expect((await listStageConflicts(owner.id, review.id, { stage: 'title_abstract', status: 'resolved' })).total).toBe(2);
    expect(await getDb().decision.count({ where: { recordId: ids[0] } })).toBe(2);
    expect((await stageAgreement(owner.id, review.id, 'title_abstract')).overall).toEqual(before.overall);

    const fullText = await nextToScreen(a.id, review.id, 'full_text', { count: 5 });
    expect(fullText.map((r) => r.id).sort()).toEqual([ids[0], ids[2]].sort());
  });

  it('settles full-text reason conflicts with the reason that reports the exclusion', async () => {
    const { owner, a, b, review } = await team();
    const [r1] = await makeRecords(review.id, owner.id, 1);
    await decide(a.id, review.id, r1, ta('include'));
    await decide(b.id, review.id, r1, ta('include'));
    const [wrongPop, wrongOutcome] = await Promise.all(['Wrong population', 'Wrong outcome'].map((label, i) => getDb().exclusionReason.create({ data: { reviewId: review.id, label, position: i + 1, priority: i + 1 } })));
    await decide(a.id, review.id, r1, { stage: 'full_text', decision: 'exclude', reasonId: wrongPop.id });
    await decide(b.id, review.id, r1, { stage: 'full_text', decision: 'exclude', reasonId: wrongOutcome.id });
    expect(await outcomeOf(r1, 'full_text')).toBe('conflict');
    await expect(resolveConflict(owner.id, review.id, r1, { stage: 'full_text', decision: 'exclude' })).rejects.toMatchObject({ code: 'invalid' });
    await resolveConflict(owner.id, review.id, r1, { stage: 'full_text', decision: 'exclude', reasonId: wrongOutcome.id });
    expect(await outcomeOf(r1, 'full_text')).toBe('excluded');
    const agreement = await stageAgreement(owner.id, review.id, 'full_text');
    expect(agreement.pairs[0].percentAgreement).toBe(0);
  });
});

describe('members leaving and assignments', () => {
  it('keeps a removed reviewer\'s decisions and frees the records reserved for them', async () => {
    const { owner, a, b, review } = await team();
    const ids = await makeRecords(review.id, owner.id, 4);
    await assignBatch(owner.id, review.id, { stage: 'title_abstract', reviewerId: a.id, count: 2 });
    expect((await nextToScreen(b.id, review.id, 'title_abstract', { count: 5 })).map((r) => r.id)).toEqual([ids[2], ids[3]]);
    expect((await nextToScreen(a.id, review.id, 'title_abstract'))[0].id).toBe(ids[0]);
    await decide(a.id, review.id, ids[0], ta('include'));
    await removeReviewMember(owner.id, review.id, a.id);
    const kept = await getDb().decision.findMany({ where: { recordId: ids[0] }, include: { reviewer: { select: { email: true } } } });
    expect(kept.map((d) => d.reviewer.email)).toEqual([a.email]);
    expect((await nextToScreen(b.id, review.id, 'title_abstract', { count: 5 })).map((r) => r.id)).toEqual([ids[0], ids[1], ids[2], ids[3]]);
    await decide(b.id, review.id, ids[0], ta('include'));
    expect(await outcomeOf(ids[0])).toBe('included');
    expect(await screeningProgress(b.id, review.id, 'title_abstract')).toMatchObject({ screenedByMe: 1, neededFromMe: 3 });
  });
});

describe('agreement and audit', () => {
  it('computes the kappa of the independent decisions, exports it, and explains an undefined kappa', async () => {
    const { owner, a, b, review } = await team();
    const ids = await makeRecords(review.id, owner.id, 10);
    const va = ['include', 'include', 'include', 'exclude', 'exclude', 'exclude', 'exclude', 'exclude', 'maybe', 'exclude'] as const;
    const vb = ['include', 'exclude', 'include', 'exclude', 'exclude', 'include', 'exclude', 'exclude', 'include', 'exclude'] as const;
    for (let i = 0; i < 10; i++) {
      await decide(a.id, review.id, ids[i], ta(va[i]));
      await decide(b.id, review.id, ids[i], ta(vb[i]));
    }
    // a vs b with maybe as include: both include 3, a-in/b-ex 1, a-ex/b-in 1, both exclude 5.
    const expected = cohensKappa([[3, 1], [1, 5]]).kappa!;
    const agreement = await stageAgreement(owner.id, review.id, 'title_abstract');
    expect(agreement.overall.kappa).toBeCloseTo(expected, 10);
    expect(agreement.pairs[0].percentAgreement).toBeCloseTo(80, 10);
    await expect(stageAgreement(a.id, review.id, 'title_abstract')).rejects.toMatchObject({ code: 'forbidden' });
    const csv = await stageAgreementCsv(owner.id, review.id, 'title_abstract');
    expect(csv.split('\r\n')[0]).toBe('scope,reviewer_a,reviewer_b,records,kappa,percent_agreement,method,reading');
    expect(csv).toContain(`overall,all,,10,${expected}`);

    const other = await makeReview(owner.id, 'All agree');
    await addMember(owner.id, other.id, a.email, 'reviewer');
    const [x, y] = await makeRecords(other.id, owner.id, 2);
    for (const id of [x, y]) for (const u of [owner, a]) await decide(u.id, other.id, id, ta('include'));
    const undefinedKappa = await stageAgreement(owner.id, other.id, 'title_abstract');
    expect(undefinedKappa.overall.kappa).toBeNull();
    expect(undefinedKappa.overall.reading).toMatch(/^not defined/);
  });

  it('redacts other reviewers\' decisions in the audit trail while blinded, and exports it', async () => {
    const { owner, a, review } = await team();
    const [r1] = await makeRecords(review.id, owner.id, 1);
    await decide(a.id, review.id, r1, ta('exclude'));
    await expect(browseAudit(a.id, review.id, {})).rejects.toMatchObject({ code: 'forbidden' });
    const blinded = await browseAudit(owner.id, review.id, { action: 'decision.' });
    expect(blinded.items).toHaveLength(1);
    expect(JSON.stringify(blinded.items[0])).not.toContain('exclude');
    await changeStageSettings(owner.id, review.id, 'title_abstract', { isBlinded: false });
    const open = await browseAudit(owner.id, review.id, { action: 'decision.' });
    expect(open.items[0].after).toMatchObject({ value: 'exclude', recordId: r1 });
    const csv = await auditCsv(owner.id, review.id);
    expect(csv.split('\r\n')[0]).toBe('id,when,actor,action,entity_type,entity_id,before,after');
    expect(csv).toContain('stage.unblinded');
  });
});
