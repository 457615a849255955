import { describe, expect, it } from 'vitest';
import { getDb } from '../../lib/db/client';
import { verifyCredentials, signUp } from '../../lib/services/accounts';
import { userIdForToken } from '../../lib/services/api-tokens';
import { addReviewMember, changeReviewMember, getReview, listMyReviews, listReviewMembers, removeReviewMember } from '../../lib/services/reviews';
import { DEFAULT_PASSWORD, makeReview, makeUser, uniqueEmail } from '../helpers/factories';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

describe('accounts', () => {
  it('signs up, refuses a taken email, and verifies passwords', async () => {
    const email = uniqueEmail('ada');
    const user = await signUp({ name: 'Ada', email: email.toUpperCase(), password: DEFAULT_PASSWORD });
    expect(user.email).toBe(email);
    await expect(signUp({ name: 'Ada 2', email, password: DEFAULT_PASSWORD })).rejects.toMatchObject({ code: 'conflict' });
    expect(await verifyCredentials(email, DEFAULT_PASSWORD)).toMatchObject({ id: user.id });
    expect(await verifyCredentials(email, 'wrong password!!')).toBeNull();
    expect(await verifyCredentials('nobody@example.org', DEFAULT_PASSWORD)).toBeNull();
    const stored = await getDb().user.findUnique({ where: { id: user.id } });
    expect(stored!.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('rate-limits repeated failures for one email', async () => {
    const { email } = await makeUser('limited');
    for (let i = 0; i < 10; i++) expect(await verifyCredentials(email, 'not the password', `ip-${i}`)).toBeNull();
    await expect(verifyCredentials(email, DEFAULT_PASSWORD, 'another-ip')).rejects.toMatchObject({ code: 'too_many_requests' });
  });

  it('resolves API tokens to their user and stores only a hash', async () => {
    const u = await makeUser('tok');
    expect(await userIdForToken(u.token)).toBe(u.id);
    expect(await userIdForToken(u.token + 'x')).toBeNull();
    const rows = await getDb().apiToken.findMany({ where: { userId: u.id } });
    expect(rows.map((r) => r.tokenHash)).not.toContain(u.token);
  });
});

describe('reviews and members', () => {
  it('creates a review with its owner, stage settings, empty protocol and an audit event', async () => {
    const owner = await makeUser('owner');
    const review = await makeReview(owner.id);
    expect(review.role).toBe('owner');
    const settings = await getDb().reviewStageSetting.findMany({ where: { reviewId: review.id }, orderBy: { stage: 'asc' } });
    expect(settings.map((s) => [s.stage, s.requiredDecisions, s.isBlinded])).toEqual([
      ['title_abstract', 2, true],
      ['full_text', 2, true],
    ]);
    const events = await getDb().auditEvent.findMany({ where: { reviewId: review.id } });
    expect(events.map((e) => e.action)).toEqual(['review.created']);
  });

  it('scopes every read to members and every change to owners', async () => {
    const owner = await makeUser('owner');
    const reviewer = await makeUser('reviewer');
    const stranger = await makeUser('stranger');
    const review = await makeReview(owner.id);
    await addReviewMember(owner.id, review.id, { email: reviewer.email, role: 'reviewer' });

    expect((await listMyReviews(reviewer.id)).items.map((r) => r.id)).toEqual([review.id]);
    expect((await listMyReviews(stranger.id)).total).toBe(0);
    await expect(getReview(stranger.id, review.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(listReviewMembers(stranger.id, review.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(addReviewMember(reviewer.id, review.id, { email: stranger.email, role: 'viewer' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(addReviewMember(owner.id, review.id, { email: 'no-account@example.org' })).rejects.toMatchObject({ code: 'invalid' });
    await expect(addReviewMember(owner.id, review.id, { email: reviewer.email })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('keeps at least one owner and logs membership changes', async () => {
    const owner = await makeUser('owner');
    const other = await makeUser('other');
    const review = await makeReview(owner.id);
    await expect(removeReviewMember(owner.id, review.id, owner.id)).rejects.toMatchObject({ code: 'conflict' });
    await addReviewMember(owner.id, review.id, { email: other.email, role: 'viewer' });
    await changeReviewMember(owner.id, review.id, other.id, { role: 'owner' });
    await removeReviewMember(owner.id, review.id, owner.id);
    expect((await listReviewMembers(other.id, review.id)).map((m) => m.email)).toEqual([other.email]);
    const actions = (await getDb().auditEvent.findMany({ where: { reviewId: review.id }, orderBy: { id: 'asc' } })).map((e) => e.action);
    expect(actions).toEqual(['review.created', 'member.added', 'member.updated', 'member.removed']);
  });

  it('refuses to rewrite or delete the audit trail', async () => {
    const owner = await makeUser('owner');
    const review = await makeReview(owner.id);
    const event = await getDb().auditEvent.findFirstOrThrow({ where: { reviewId: review.id } });
    await expect(getDb().auditEvent.update({ where: { id: event.id }, data: { action: 'forged' } })).rejects.toThrow(/append-only/);
    await expect(getDb().auditEvent.delete({ where: { id: event.id } })).rejects.toThrow(/append-only/);
  });
});
