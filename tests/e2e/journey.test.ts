/**
 * The foundation journey, in Chromium against the built app on embedded PGlite: accounts, a review
 * shared with a colleague, what an outsider cannot reach (page and API), the sign-in errors people
 * meet, and sessions that survive a server restart. The tests run in file order: the first one
 * creates the people and the review that the later ones use.
 */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { startRestartableApp, type RestartableApp } from '../helpers/e2e-server';
import {
  PASSWORD,
  cookieHeader,
  createApiToken,
  createReview,
  fillSignIn,
  fillSignUp,
  inviteMember,
  newContext,
  newPerson,
  signIn,
  signOut,
  signUp,
} from '../helpers/e2e-steps';

let app: RestartableApp;
let browser: Browser;

beforeAll(async () => {
  app = await startRestartableApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.dispose();
});

/** A new browser profile: its own cookies, as a different person on a different machine. */
async function openBrowser(options?: BrowserContextOptions): Promise<Page> {
  return (await newContext(browser, app.url, options)).newPage();
}

const api = (path: string, headers: Record<string, string>) => fetch(`${app.url}/api/v1${path}`, { headers });
const path = (page: Page) => new URL(page.url()).pathname;

const owner = newPerson('owner');
const reviewer = newPerson('reviewer');
const title = 'Ketamine and neuroplasticity';
let reviewId: string;
let ownerPage: Page;
let reviewerPage: Page;

describe('a review shared between two people', () => {
  it('two people sign up; the owner creates a review and invites the other, who sees and opens it', async () => {
    ownerPage = await openBrowser();
    reviewerPage = await openBrowser();
    await signUp(ownerPage, owner);
    await signUp(reviewerPage, reviewer);
    expect(await reviewerPage.getByText('You are not a member of any review yet.').isVisible()).toBe(true);

    reviewId = await createReview(ownerPage, title, 'Does ketamine change neuroplasticity markers in adults?');
    await inviteMember(ownerPage, reviewId, reviewer, 'Reviewer');
    const members = ownerPage.getByRole('region', { name: 'Members' });
    await members.getByRole('cell', { name: reviewer.email }).waitFor();

    await reviewerPage.reload();
    const link = reviewerPage.getByRole('link', { name: title });
    await link.click();
    await reviewerPage.waitForURL(`**/reviews/${reviewId}`);
    await reviewerPage.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(await reviewerPage.getByRole('heading', { level: 2, name: 'Overview' }).isVisible()).toBe(true);
    expect(await reviewerPage.getByRole('link', { name: '2 members' }).isVisible()).toBe(true);
  });

  it('an outsider can open neither the review page nor the review through the API', async () => {
    const outsider = newPerson('outsider');
    const page = await openBrowser();
    await signUp(page, outsider);
    expect(await page.getByRole('link', { name: title }).count()).toBe(0);

    const response = await page.goto(`/reviews/${reviewId}`);
    await page.getByRole('heading', { level: 1, name: 'Review not found' }).waitFor();
    expect(response?.status()).toBe(404);
    expect(await page.getByText(title).count()).toBe(0);

    const cookie = await cookieHeader(page.context(), app.url);
    const me = await api('/me', { cookie });
    expect(me.status, 'the session cookie itself is accepted by the API').toBe(200);
    expect(await me.json()).toMatchObject({ email: outsider.email });
    const viaCookie = await api(`/reviews/${reviewId}`, { cookie });
    expect(viaCookie.status).toBe(404);
    expect(await viaCookie.json()).toMatchObject({ error: { code: 'not_found' } });

    const token = await createApiToken(page, 'outsider script');
    expect(token.length).toBeGreaterThan(20);
    const viaToken = await api(`/reviews/${reviewId}`, { authorization: `Bearer ${token}` });
    expect(viaToken.status).toBe(404);
    expect(viaToken.headers.get('content-type')).toMatch(/application\/json/);
    expect(await viaToken.json()).toMatchObject({ error: { code: 'not_found' } });

    const asOwner = await api(`/reviews/${reviewId}`, { cookie: await cookieHeader(ownerPage.context(), app.url) });
    expect(asOwner.status, 'the owner reads the same address').toBe(200);
    expect(await asOwner.json()).toMatchObject({ id: reviewId, title, role: 'owner' });
  });

  it('signing out and back in keeps the reviews, and brings the person back where they were going', async () => {
    await signOut(reviewerPage);
    await reviewerPage.goto(`/reviews/${reviewId}`);
    await reviewerPage.waitForURL((url) => url.pathname === '/sign-in' && url.searchParams.get('callbackUrl') === `/reviews/${reviewId}`);

    await reviewerPage.getByLabel('Email').fill(reviewer.email);
    await reviewerPage.getByLabel('Password').fill(reviewer.password);
    await reviewerPage.getByRole('button', { name: 'Sign in' }).click();
    await reviewerPage.waitForURL(`**/reviews/${reviewId}`);
    await reviewerPage.getByRole('heading', { level: 1, name: title }).waitFor();

    await reviewerPage.goto('/reviews');
    await reviewerPage.getByRole('link', { name: title }).waitFor();
    expect(await reviewerPage.getByText('You are a member of 1 review.').isVisible()).toBe(true);
  });
});

describe('sign-in and sign-up errors', () => {
  it('a wrong password shows a clear error and signs nobody in', async () => {
    const person = newPerson('forgetful');
    const page = await openBrowser();
    await signUp(page, person);
    await signOut(page);

    await fillSignIn(page, { email: person.email, password: 'not my password at all' });
    await page.getByRole('alert').filter({ hasText: 'Wrong email or password.' }).waitFor();
    expect(path(page)).toBe('/sign-in');
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain('next-auth.session-token');

    // An unknown email gets the very same message: sign-in does not reveal who has an account.
    await fillSignIn(page, { email: newPerson('nobody').email, password: PASSWORD });
    await page.getByRole('alert').filter({ hasText: 'Wrong email or password.' }).waitFor();

    await signIn(page, person);
  });

  it('signing up with a taken email says so on the email field', async () => {
    const page = await openBrowser();
    await fillSignUp(page, { name: 'Someone else', email: owner.email.toUpperCase(), password: PASSWORD });
    await page.getByRole('alert').filter({ hasText: 'An account with this email already exists. Sign in instead.' }).waitFor();
    expect(path(page)).toBe('/sign-up');
    expect(await page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
  });

  it('a weak password shows the rule, and a good one then works', async () => {
    const person = newPerson('weak');
    const page = await openBrowser();
    const hint = page.getByText('At least 10 characters, not a common password.');
    const rules: [string, string][] = [
      ['short', 'Use at least 10 characters.'],
      ['password123', 'That password is too common; choose another.'],
      ['aaaaabbbbbb', 'Use a less repetitive password (at least 5 different characters).'],
    ];
    for (const [password, rule] of rules) {
      await fillSignUp(page, { ...person, password });
      await page.getByRole('alert').filter({ hasText: rule }).waitFor();
      expect(await hint.isVisible()).toBe(true);
      expect(await page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');
      expect(path(page)).toBe('/sign-up');
    }
    await signUp(page, person);
  });
});

describe('sessions', () => {
  it('survive a restart of the server on the same data folder and secret', async () => {
    const cookie = await cookieHeader(ownerPage.context(), app.url);
    expect(cookie).toContain('next-auth.session-token=');

    await app.restart();

    // Same browser profile, new server (on a new port: cookies belong to the host, not the port).
    await ownerPage.goto(`${app.url}/reviews`);
    expect(path(ownerPage)).toBe('/reviews');
    await ownerPage.getByRole('link', { name: title }).click();
    await ownerPage.waitForURL(`${app.url}/reviews/${reviewId}`);
    await ownerPage.getByRole('heading', { level: 1, name: title }).waitFor();

    const res = await api(`/reviews/${reviewId}`, { cookie });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: reviewId, title, memberCount: 2 });
  });
});
