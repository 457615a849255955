import { describe, expect, it } from 'vitest';
import { signUpSchema } from './account';
import { addMemberSchema, createReviewSchema, pagingSchema } from './review';

const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues.map((i) => i.message) ?? [];

describe('sign-up form rules (client and server share them)', () => {
  it('accepts a good sign-up and normalises the email', () => {
    const r = signUpSchema.parse({ name: ' Ada ', email: ' Ada@Example.ORG ', password: 'correct horse battery' });
    expect(r).toEqual({ name: 'Ada', email: 'ada@example.org', password: 'correct horse battery' });
  });
  it.each([
    ['short', 'Use at least 10 characters.'],
    ['aaaaaaaaaaaa', 'Use a less repetitive password (at least 5 different characters).'],
    ['Password123', 'That password is too common; choose another.'],
  ])('refuses the weak password %s', (password, message) => {
    expect(messages(signUpSchema.safeParse({ name: 'A', email: 'a@b.org', password }))).toContain(message);
  });
  it('refuses a malformed email and a missing name', () => {
    const m = messages(signUpSchema.safeParse({ name: ' ', email: 'nope', password: 'long enough pass' }));
    expect(m).toEqual(expect.arrayContaining(['Enter your name.', 'Enter a valid email address, like name@example.org.']));
  });
});

describe('review and member rules', () => {
  it('requires a real title and defaults the rest', () => {
    expect(createReviewSchema.parse({ title: 'Ketamine' })).toEqual({ title: 'Ketamine', description: '' });
    expect(createReviewSchema.safeParse({ title: 'ab' }).success).toBe(false);
  });
  it('only knows the three roles', () => {
    expect(addMemberSchema.parse({ email: 'x@y.org' }).role).toBe('reviewer');
    expect(messages(addMemberSchema.safeParse({ email: 'x@y.org', role: 'admin' }))).toEqual(['Role must be owner, reviewer or viewer.']);
  });
  it('bounds paging', () => {
    expect(pagingSchema.parse({})).toEqual({ limit: 50, offset: 0 });
    expect(pagingSchema.parse({ limit: '10', offset: '20' })).toEqual({ limit: 10, offset: 20 });
    expect(pagingSchema.safeParse({ limit: '0' }).success).toBe(false);
    expect(pagingSchema.safeParse({ limit: 'abc' }).success).toBe(false);
  });
});
