/**
 * Protocol versioning: a new review starts at version 1 (empty or from a template), every saved
 * change bumps the version and stores a snapshot with who and when plus an audit event, a save
 * that changes nothing is not a version, and concurrent saves never share a version number.
 */
import { describe, expect, it } from 'vitest';
import { getDb } from '../../lib/db/client';
import { insertReview } from '../../lib/db/reviews';
import { getProtocolTemplate } from '../../lib/domain/protocol';
import {
  addCriterion,
  changeCriterion,
  changeExclusionReason,
  getProtocol,
  getProtocolHistoryVersion,
  listProtocolHistory,
  replaceProtocol,
  saveProtocolSection,
} from '../../lib/services/protocol';
import { createReview } from '../../lib/services/reviews';
import { useTestDatabase } from '../helpers/db';
import { addMember, makeRecords, makeReview, makeUser } from '../helpers/factories';

useTestDatabase();

const KETAMINE = getProtocolTemplate('ketamine-neuroplasticity')!;

describe('starting a protocol', () => {
  it('gives a new review version 1: empty fields, the built-in reason, and a first snapshot', async () => {
    const owner = await makeUser('owner', 'Olga Owner');
    const review = await makeReview(owner.id);
    const p = await getProtocol(owner.id, review.id);
    expect(p).toMatchObject({ version: 1, question: '', criteria: [], decisionsCount: 0, screeningWarning: null, highlightInclude: [] });
    expect(p.exclusionReasons).toEqual([expect.objectContaining({ kind: 'not_retrieved', label: 'Full text not retrievable', position: 0, priority: 0, usedCount: 0 })]);
    const history = await listProtocolHistory(owner.id, review.id);
    expect(history.total).toBe(1);
    expect(history.items[0]).toMatchObject({ version: 1, createdBy: { id: owner.id, name: 'Olga Owner' }, changes: ['Protocol started'] });
  });

  it('applies the ketamine template at creation as an editable starting point', async () => {
    const owner = await makeUser('owner');
    const review = await createReview(owner.id, { title: 'Ketamine and plasticity', template: 'ketamine-neuroplasticity' });
    const p = await getProtocol(owner.id, review.id);
    expect(p.version).toBe(1);
    expect(p).toMatchObject({ ...KETAMINE.fields, highlightInclude: KETAMINE.highlightInclude, highlightExclude: KETAMINE.highlightExclude });
    expect(p.registrationId).toBe('');
    expect(p.notes).toContain('CRD42019123346');
    expect(p.criteria.map((c) => [c.position, c.kind, c.label, c.stages])).toEqual(KETAMINE.criteria.map((c, i) => [i + 1, c.kind, c.label, c.stages]));

    const exclusion = p.criteria.filter((c) => c.kind === 'exclusion');
    const standard = p.exclusionReasons.filter((r) => r.kind === 'standard');
    expect(standard.map((r) => [r.label, r.criterionId, r.position, r.priority])).toEqual(exclusion.map((c, i) => [c.label, c.id, i + 1, i + 1]));
    expect(p.exclusionReasons.filter((r) => r.kind === 'not_retrieved')).toHaveLength(1);

    const [v1] = (await listProtocolHistory(owner.id, review.id)).items;
    expect(v1.changes[0]).toBe('Protocol started from the template “Ketamine: rapid antidepressant effects and molecular neuroplasticity”');
    expect(v1.changes).toContain('4 inclusion criteria and 6 exclusion criteria');
  });

  it('adds the built-in reason and a baseline to a review created without them', async () => {
    const owner = await makeUser('owner');
    const legacy = await insertReview({ title: 'Created before protocols', description: '', ownerId: owner.id });
    const p = await getProtocol(owner.id, legacy.id);
    expect(p.exclusionReasons.map((r) => r.kind)).toEqual(['not_retrieved']);
    await getProtocol(owner.id, legacy.id); // idempotent
    expect(await getDb().exclusionReason.count({ where: { reviewId: legacy.id } })).toBe(1);
    const history = await listProtocolHistory(owner.id, legacy.id);
    expect(history.items.map((v) => [v.version, v.createdBy.id])).toEqual([[1, owner.id]]);
  });
});

describe('saving changes', () => {
  it('bumps the version on each change and keeps who, when and what changed', async () => {
    const owner = await makeUser('owner', 'Olga Owner');
    const coOwner = await makeUser('co', 'Cai Co-owner');
    const review = await makeReview(owner.id);
    await addMember(owner.id, review.id, coOwner.email, 'owner');
    const before = new Date();

    const v2 = await replaceProtocol(owner.id, review.id, { question: 'Does ketamine increase BDNF?', registry: 'PROSPERO', registrationId: 'CRD4201' });
    expect(v2.version).toBe(2);
    expect(v2.hints).toEqual(['PROSPERO IDs look like CRD42019123346 (CRD followed by 11 or 12 digits); check “CRD4201”.']);
    const criterion = await addCriterion(coOwner.id, review.id, { kind: 'exclusion', label: 'Review article' });
    const reasonId = (await getProtocol(owner.id, review.id)).exclusionReasons[0].id;
    await changeExclusionReason(owner.id, review.id, reasonId, { description: 'Asked the authors and two libraries.' });
    const v5 = await saveProtocolSection(coOwner.id, review.id, 'highlights', { highlightInclude: 'ketamine\nBDNF', highlightExclude: 'review' });
    expect(v5).toMatchObject({ version: 5, question: 'Does ketamine increase BDNF?', highlightInclude: ['ketamine', 'BDNF'] });

    const history = await listProtocolHistory(owner.id, review.id);
    expect(history.total).toBe(5);
    expect(history.items.map((v) => [v.version, v.createdBy.name, v.changes])).toEqual([
      [5, 'Cai Co-owner', ['Inclusion highlight terms: added “ketamine” and “BDNF”', 'Exclusion highlight terms: added “review”']],
      [4, 'Olga Owner', ['Edited the description of exclusion reason “Full text not retrievable”']],
      [3, 'Cai Co-owner', ['Added exclusion criterion “Review article”']],
      [2, 'Olga Owner', ['Review question added', 'Registry set to “PROSPERO”', 'Registration ID set to “CRD4201”']],
      [1, 'Olga Owner', ['Protocol started']],
    ]);
    for (const v of history.items.slice(0, 4)) expect(v.createdAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);

    // The snapshot is the protocol as it stood: version 3 has the criterion but not the terms.
    const v3 = await getProtocolHistoryVersion(owner.id, review.id, 3);
    expect(v3.snapshot.criteria).toEqual([expect.objectContaining({ id: criterion.id, label: 'Review article', kind: 'exclusion', position: 1 })]);
    expect(v3.snapshot.highlightInclude).toEqual([]);
    expect(v3.snapshot.fields.question).toBe('Does ketamine increase BDNF?');

    const events = await getDb().auditEvent.findMany({ where: { reviewId: review.id, action: { not: 'review.created' } }, orderBy: { id: 'asc' } });
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ['member.added', owner.id],
      ['protocol.updated', owner.id],
      ['criterion.created', coOwner.id],
      ['exclusion_reason.updated', owner.id],
      ['protocol.updated', coOwner.id],
    ]);
    expect(events[1].before).toEqual({ question: '', registry: '', registrationId: '' });
    expect(events[1].after).toEqual({ question: 'Does ketamine increase BDNF?', registry: 'PROSPERO', registrationId: 'CRD4201', protocolVersion: 2 });
    expect(events[3].before).toMatchObject({ description: expect.stringContaining('could not be obtained') });
    expect(events[3].after).toMatchObject({ description: 'Asked the authors and two libraries.', protocolVersion: 4 });
  });

  it('does not make a version of a save that changes nothing', async () => {
    const owner = await makeUser('owner');
    const review = await makeReview(owner.id);
    await replaceProtocol(owner.id, review.id, { question: 'Q?', highlightInclude: ['a', 'b'] });
    // The same values again, spelled differently (whitespace, repeated terms), change nothing.
    const again = await replaceProtocol(owner.id, review.id, { question: '  Q? ', highlightInclude: ['a', ' b', 'A'] });
    expect(again.version).toBe(2);
    const c = await addCriterion(owner.id, review.id, { kind: 'inclusion', label: 'Adults' });
    await saveProtocolSection(owner.id, review.id, 'question', { question: 'Q?', registry: '', registrationId: '', registrationUrl: '', notes: '' });
    await changeCriterion(owner.id, review.id, c.id, { label: 'Adults', position: 1 });
    expect((await getProtocol(owner.id, review.id)).version).toBe(3);
    expect(await getDb().protocolVersion.count({ where: { reviewId: review.id } })).toBe(3);
  });

  it('gives concurrent saves distinct versions, each with its snapshot', async () => {
    const owner = await makeUser('owner');
    const review = await makeReview(owner.id);
    const labels = ['A', 'B', 'C', 'D', 'E', 'F'];
    await Promise.all(labels.map((label) => addCriterion(owner.id, review.id, { kind: 'inclusion', label })));
    const p = await getProtocol(owner.id, review.id);
    expect(p.version).toBe(7);
    expect(p.criteria.map((c) => c.position)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(p.criteria.map((c) => c.label).sort()).toEqual(labels);
    const versions = await getDb().protocolVersion.findMany({ where: { reviewId: review.id }, orderBy: { version: 'asc' } });
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(versions.map((v) => (v.snapshot as { criteria: unknown[] }).criteria.length)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('reports decisions made so far, with the versions they were made under, and a warning', async () => {
    const owner = await makeUser('owner');
    const review = await makeReview(owner.id);
    const [r1, r2, r3] = await makeRecords(review.id, owner.id, 3);
    const db = getDb();
    await db.decision.create({ data: { reviewId: review.id, recordId: r1, stage: 'title_abstract', reviewerId: owner.id, value: 'include', protocolVersion: 1 } });
    await replaceProtocol(owner.id, review.id, { question: 'Changed after screening began' });
    for (const recordId of [r2, r3]) await db.decision.create({ data: { reviewId: review.id, recordId, stage: 'title_abstract', reviewerId: owner.id, value: 'exclude', protocolVersion: 2 } });
    const p = await getProtocol(owner.id, review.id);
    expect(p).toMatchObject({ decisionsCount: 3, decisionVersions: [1, 2] });
    expect(p.screeningWarning).toMatch(/^Screening has started: 3 decisions were made under versions 1 and 2\./);
  });
});
