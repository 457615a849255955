/**
 * Criteria and exclusion reasons as ordered lists: positions stay 1..n when items move or go,
 * criteria are deleted only before screening and retired after, a reason given in any decision
 * or resolution is retired rather than deleted, and the built-in "Full text not retrievable"
 * reason cannot be renamed, retired, moved or deleted.
 */
import { describe, expect, it } from 'vitest';
import { getDb } from '../../lib/db/client';
import {
  addCriterion,
  addExclusionReason,
  changeCriterion,
  changeExclusionReason,
  createReasonsFromCriteria,
  getProtocol,
  listProtocolHistory,
  removeCriterion,
  removeExclusionReason,
} from '../../lib/services/protocol';
import { useTestDatabase } from '../helpers/db';
import { makeRecords, makeReview, makeUser } from '../helpers/factories';

useTestDatabase();

async function setup() {
  const owner = await makeUser('owner');
  const review = await makeReview(owner.id);
  return { owner, reviewId: review.id };
}

/** A full-text decision (or, with `asResolution`, a resolution) that gave `reasonId`. */
async function useReason(reviewId: string, userId: string, reasonId: string, asResolution = false) {
  const [recordId] = await makeRecords(reviewId, userId, 1);
  const data = { reviewId, recordId, stage: 'full_text' as const, value: 'exclude' as const, reasonId };
  if (asResolution) await getDb().resolution.create({ data: { ...data, resolvedById: userId } });
  else await getDb().decision.create({ data: { ...data, reviewerId: userId, protocolVersion: 1 } });
}

const labels = async (userId: string, reviewId: string) => (await getProtocol(userId, reviewId)).criteria.map((c) => `${c.position}:${c.label}`);

describe('criteria', () => {
  it('keep positions 1..n through moves, clamped moves and deletions', async () => {
    const { owner, reviewId } = await setup();
    const ids: Record<string, string> = {};
    for (const label of ['A', 'B', 'C', 'D']) ids[label] = (await addCriterion(owner.id, reviewId, { kind: 'inclusion', label })).id;
    expect(await labels(owner.id, reviewId)).toEqual(['1:A', '2:B', '3:C', '4:D']);

    expect((await changeCriterion(owner.id, reviewId, ids.D, { position: 1 })).position).toBe(1);
    expect(await labels(owner.id, reviewId)).toEqual(['1:D', '2:A', '3:B', '4:C']);
    await changeCriterion(owner.id, reviewId, ids.D, { position: 99 });
    expect(await labels(owner.id, reviewId)).toEqual(['1:A', '2:B', '3:C', '4:D']);
    await changeCriterion(owner.id, reviewId, ids.A, { position: 2 });
    expect(await labels(owner.id, reviewId)).toEqual(['1:B', '2:A', '3:C', '4:D']);

    await removeCriterion(owner.id, reviewId, ids.A);
    expect(await labels(owner.id, reviewId)).toEqual(['1:B', '2:C', '3:D']);
    const changes = (await listProtocolHistory(owner.id, reviewId)).items.slice(0, 4).map((v) => v.changes);
    expect(changes).toEqual([['Deleted criterion “A”'], ['Reordered criteria'], ['Reordered criteria'], ['Reordered criteria']]);
  });

  it('are retired and restored in place', async () => {
    const { owner, reviewId } = await setup();
    const a = await addCriterion(owner.id, reviewId, { kind: 'inclusion', label: 'Adults' });
    await addCriterion(owner.id, reviewId, { kind: 'exclusion', label: 'Review' });
    const retired = await changeCriterion(owner.id, reviewId, a.id, { retired: true });
    expect(retired).toMatchObject({ isRetired: true, position: 1, retiredAt: expect.any(Date) });
    expect((await changeCriterion(owner.id, reviewId, a.id, { retired: false })).isRetired).toBe(false);
    expect((await listProtocolHistory(owner.id, reviewId)).items.slice(0, 2).map((v) => v.changes)).toEqual([['Restored criterion “Adults”'], ['Retired criterion “Adults”']]);
  });

  it('can be deleted until the first decision, then only retired', async () => {
    const { owner, reviewId } = await setup();
    const a = await addCriterion(owner.id, reviewId, { kind: 'inclusion', label: 'Adults' });
    const [recordId] = await makeRecords(reviewId, owner.id, 1);
    await getDb().decision.create({ data: { reviewId, recordId, stage: 'title_abstract', reviewerId: owner.id, value: 'include', protocolVersion: 2 } });
    await expect(removeCriterion(owner.id, reviewId, a.id)).rejects.toMatchObject({
      code: 'conflict',
      message: 'Screening has started (1 decision), so criteria are kept with the protocol versions they belong to. Retire “Adults” instead.',
    });
    await changeCriterion(owner.id, reviewId, a.id, { retired: true });
    expect((await getProtocol(owner.id, reviewId)).criteria).toEqual([expect.objectContaining({ id: a.id, isRetired: true })]);
  });

  it('refuse a label already used and an inclusion kind while reasons link to them', async () => {
    const { owner, reviewId } = await setup();
    await addCriterion(owner.id, reviewId, { kind: 'inclusion', label: 'Adults' });
    await expect(addCriterion(owner.id, reviewId, { kind: 'exclusion', label: ' adults ' })).rejects.toMatchObject({
      code: 'conflict',
      details: { fieldErrors: { label: ['A criterion with this label already exists.'] } },
    });
    const review = await addCriterion(owner.id, reviewId, { kind: 'exclusion', label: 'Review article' });
    await createReasonsFromCriteria(owner.id, reviewId);
    await expect(changeCriterion(owner.id, reviewId, review.id, { kind: 'inclusion' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/has exclusion reasons linked to it/) });
  });

  it('reject bad input with messages per field', async () => {
    const { owner, reviewId } = await setup();
    await expect(addCriterion(owner.id, reviewId, { kind: 'inclusion', label: '', stages: [] })).rejects.toMatchObject({ name: 'ZodError' });
    await expect(changeCriterion(owner.id, reviewId, crypto.randomUUID(), { label: 'X' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(changeCriterion(owner.id, reviewId, 'not-a-uuid', { label: 'X' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('are scoped to their review', async () => {
    const { owner, reviewId } = await setup();
    const other = await makeReview(owner.id, 'Another review');
    const foreign = await addCriterion(owner.id, other.id, { kind: 'inclusion', label: 'Elsewhere' });
    await expect(changeCriterion(owner.id, reviewId, foreign.id, { label: 'Stolen' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(removeCriterion(owner.id, reviewId, foreign.id)).rejects.toMatchObject({ code: 'not_found' });
    const e = await addCriterion(owner.id, other.id, { kind: 'exclusion', label: 'Other exclusion' });
    await expect(addExclusionReason(owner.id, reviewId, { label: 'Linked across', criterionId: e.id })).rejects.toMatchObject({
      code: 'invalid',
      details: { fieldErrors: { criterionId: ['That criterion is not one of this review’s criteria.'] } },
    });
  });
});

describe('exclusion reasons', () => {
  it('are created one per exclusion criterion that lacks one, once', async () => {
    const { owner, reviewId } = await setup();
    await addCriterion(owner.id, reviewId, { kind: 'inclusion', label: 'Adults' });
    const e1 = await addCriterion(owner.id, reviewId, { kind: 'exclusion', label: 'Review article', description: 'No original data' });
    await addCriterion(owner.id, reviewId, { kind: 'exclusion', label: 'Animal study' });
    const retired = await addCriterion(owner.id, reviewId, { kind: 'exclusion', label: 'Retired one' });
    await changeCriterion(owner.id, reviewId, retired.id, { retired: true });
    await addExclusionReason(owner.id, reviewId, { label: 'animal study' }); // same label, unlinked: not duplicated

    const created = await createReasonsFromCriteria(owner.id, reviewId);
    expect(created.map((r) => [r.label, r.description, r.criterionId, r.position, r.priority])).toEqual([['Review article', 'No original data', e1.id, 2, 2]]);
    const version = (await getProtocol(owner.id, reviewId)).version;
    expect(await createReasonsFromCriteria(owner.id, reviewId)).toEqual([]);
    expect((await getProtocol(owner.id, reviewId)).version).toBe(version);
  });

  it('have a form order and a reporting priority that move independently and close gaps on deletion', async () => {
    const { owner, reviewId } = await setup();
    const r: Record<string, string> = {};
    for (const label of ['Wrong population', 'Wrong intervention', 'Wrong outcome', 'Wrong design']) r[label] = (await addExclusionReason(owner.id, reviewId, { label })).id;
    await changeExclusionReason(owner.id, reviewId, r['Wrong design'], { priority: 1 });
    await changeExclusionReason(owner.id, reviewId, r['Wrong population'], { position: 3 });
    const order = async () => {
      const reasons = (await getProtocol(owner.id, reviewId)).exclusionReasons.filter((x) => x.kind === 'standard');
      return {
        form: reasons.map((x) => `${x.position}:${x.label}`),
        priority: [...reasons].sort((a, b) => a.priority - b.priority).map((x) => `${x.priority}:${x.label}`),
      };
    };
    expect(await order()).toEqual({
      form: ['1:Wrong intervention', '2:Wrong outcome', '3:Wrong population', '4:Wrong design'],
      priority: ['1:Wrong design', '2:Wrong population', '3:Wrong intervention', '4:Wrong outcome'],
    });
    await removeExclusionReason(owner.id, reviewId, r['Wrong intervention']);
    expect(await order()).toEqual({
      form: ['1:Wrong outcome', '2:Wrong population', '3:Wrong design'],
      priority: ['1:Wrong design', '2:Wrong population', '3:Wrong outcome'],
    });
    const [latest, previous] = (await listProtocolHistory(owner.id, reviewId)).items;
    expect(latest.changes).toEqual(['Deleted exclusion reason “Wrong intervention”']);
    expect(previous.changes).toEqual(['Reordered exclusion reasons']);
  });

  it('in use are retired, not deleted, whether a decision, a superseded decision or a resolution gave them', async () => {
    const { owner, reviewId } = await setup();
    const byDecision = await addExclusionReason(owner.id, reviewId, { label: 'Wrong population' });
    const byResolution = await addExclusionReason(owner.id, reviewId, { label: 'Wrong design' });
    const byRevision = await addExclusionReason(owner.id, reviewId, { label: 'Wrong outcome' });
    await useReason(reviewId, owner.id, byDecision.id);
    await useReason(reviewId, owner.id, byResolution.id, true);
    const [recordId] = await makeRecords(reviewId, owner.id, 1);
    const decision = await getDb().decision.create({ data: { reviewId, recordId, stage: 'full_text', reviewerId: owner.id, value: 'include', protocolVersion: 1 } });
    await getDb().decisionRevision.create({ data: { decisionId: decision.id, reviewId, value: 'exclude', reasonId: byRevision.id, protocolVersion: 1, decidedAt: new Date() } });

    await expect(removeExclusionReason(owner.id, reviewId, byDecision.id)).rejects.toMatchObject({
      code: 'conflict',
      message: '“Wrong population” was given in 1 decision, so it cannot be deleted. Retire it instead: those decisions keep it, and it is no longer offered.',
    });
    await expect(removeExclusionReason(owner.id, reviewId, byResolution.id)).rejects.toMatchObject({ code: 'conflict' });
    await expect(removeExclusionReason(owner.id, reviewId, byRevision.id)).rejects.toMatchObject({ code: 'conflict' });
    const p = await getProtocol(owner.id, reviewId);
    expect(p.exclusionReasons.filter((x) => x.kind === 'standard').map((x) => x.usedCount)).toEqual([1, 1, 1]);

    expect(await changeExclusionReason(owner.id, reviewId, byDecision.id, { retired: true })).toMatchObject({ isRetired: true, usedCount: 1 });
    expect(await getDb().decision.count({ where: { reasonId: byDecision.id } })).toBe(1);
  });

  it('keep the built-in "not retrievable" reason: no rename, retirement, move, link or deletion; description editable', async () => {
    const { owner, reviewId } = await setup();
    await addExclusionReason(owner.id, reviewId, { label: 'Wrong design' });
    const e = await addCriterion(owner.id, reviewId, { kind: 'exclusion', label: 'Review' });
    const system = (await getProtocol(owner.id, reviewId)).exclusionReasons.find((x) => x.kind === 'not_retrieved')!;
    const attempts = [{ label: 'Not found' }, { retired: true }, { position: 1 }, { priority: 1 }, { criterionId: e.id }];
    for (const patch of attempts) {
      await expect(changeExclusionReason(owner.id, reviewId, system.id, patch)).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/^“Full text not retrievable” is built in/) });
    }
    await expect(removeExclusionReason(owner.id, reviewId, system.id)).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/cannot be deleted/) });
    await expect(addExclusionReason(owner.id, reviewId, { label: 'full text not retrievable' })).rejects.toMatchObject({ code: 'conflict' });

    const edited = await changeExclusionReason(owner.id, reviewId, system.id, { label: 'Full text not retrievable', description: 'After two requests to the authors.' });
    expect(edited).toMatchObject({ kind: 'not_retrieved', label: 'Full text not retrievable', position: 0, priority: 0, description: 'After two requests to the authors.' });
    const reasons = (await getProtocol(owner.id, reviewId)).exclusionReasons;
    expect(reasons.map((x) => [x.kind, x.position])).toEqual([['not_retrieved', 0], ['standard', 1]]);
  });

  it('link only to exclusion criteria, and can be unlinked', async () => {
    const { owner, reviewId } = await setup();
    const inc = await addCriterion(owner.id, reviewId, { kind: 'inclusion', label: 'Adults' });
    const exc = await addCriterion(owner.id, reviewId, { kind: 'exclusion', label: 'Children' });
    await expect(addExclusionReason(owner.id, reviewId, { label: 'Wrong age', criterionId: inc.id })).rejects.toMatchObject({
      code: 'invalid',
      details: { fieldErrors: { criterionId: ['“Adults” is an inclusion criterion; link reasons to exclusion criteria.'] } },
    });
    const reason = await addExclusionReason(owner.id, reviewId, { label: 'Wrong age', criterionId: exc.id });
    expect(reason.criterionId).toBe(exc.id);
    expect((await changeExclusionReason(owner.id, reviewId, reason.id, { criterionId: null })).criterionId).toBeNull();
    expect((await listProtocolHistory(owner.id, reviewId)).items[0].changes).toEqual(['Unlinked exclusion reason “Wrong age” from its criterion']);
  });
});
