/** The Overview checklist on a real database: counts as each member may see them. */
import { describe, expect, it } from 'vitest';
import { getDb } from '../../lib/db/client';
import { reviewWorkflow } from '../../lib/services/overview';
import { decide } from '../../lib/services/screening';
import { saveProtocolSection } from '../../lib/services/protocol';
import { addMember, makeRecords, makeReview, makeUser } from '../helpers/factories';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

describe('reviewWorkflow', () => {
  it('tells each member where the review stands, within what they may see', async () => {
    const owner = await makeUser('owner');
    const alice = await makeUser('alice');
    const viewer = await makeUser('viewer');
    const review = await makeReview(owner.id);
    await addMember(owner.id, review.id, alice.email, 'reviewer');
    await addMember(owner.id, review.id, viewer.email, 'viewer');

    const before = await reviewWorkflow(owner.id, review.id, 3);
    expect([before.protocol.state, before.import.state, before.screen.state]).toEqual(['to_do', 'to_do', 'to_do']);

    await saveProtocolSection(owner.id, review.id, 'question', { question: 'Does ketamine change synaptic plasticity markers?' });
    const ids = await makeRecords(review.id, owner.id, 4);
    // Alice and the owner disagree on one record: one open conflict.
    await decide(alice.id, review.id, ids[0], { stage: 'title_abstract', decision: 'include' });
    await decide(owner.id, review.id, ids[0], { stage: 'title_abstract', decision: 'exclude' });

    const forOwner = await reviewWorkflow(owner.id, review.id, 3);
    expect(forOwner.settings).toEqual({ state: 'done', detail: '3 members.' });
    expect(forOwner.protocol).toEqual({ state: 'in_progress', detail: 'Question written; add the eligibility criteria.' });
    expect(forOwner.import.detail).toBe('4 records from 1 search; add another search any time.');
    expect(forOwner.screen).toEqual({ state: 'in_progress', detail: '3 records need your decision; you decided 1 of 4.' });
    expect(forOwner.conflicts).toEqual({ state: 'in_progress', detail: '1 open conflict (title/abstract 1, full text 0).' });

    // Alice does not adjudicate: her own progress, no conflict count.
    const forAlice = await reviewWorkflow(alice.id, review.id, 3);
    expect(forAlice.screen.detail).toBe('3 records need your decision; you decided 1 of 4.');
    expect(forAlice.conflicts.state).toBe('open');
    expect(JSON.stringify(forAlice)).not.toContain('conflict (');

    // A viewer screens nothing and sees no one's progress.
    const forViewer = await reviewWorkflow(viewer.id, review.id, 3);
    expect([forViewer.screen.state, forViewer['full-text'].state, forViewer.conflicts.state]).toEqual(['open', 'open', 'open']);

    await expect(reviewWorkflow((await makeUser('stranger')).id, review.id, 1)).rejects.toMatchObject({ code: 'not_found' });
    expect(await getDb().decision.count({ where: { reviewId: review.id } })).toBe(2);
  });
});
