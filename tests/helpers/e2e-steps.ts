/**
 * Steps shared by the end-to-end tests, written the way a person uses the app: role and label
 * locators, and waits on URLs and visible results, never on timers. Pages come from contexts made
 * with `newContext`, so paths are relative to the app under test.
 */
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

export const PASSWORD = 'correct horse battery staple';

export interface Person {
  name: string;
  email: string;
  password: string;
}

/** A new person with an email no other test uses (the sign-in rate limit is per email). */
export function newPerson(label: string): Person {
  const name = label.charAt(0).toUpperCase() + label.slice(1);
  return { name, email: `${label}-${randomBytes(4).toString('hex')}@example.org`, password: PASSWORD };
}

/** A separate browser profile (own cookies) on the app at `baseURL`. */
export async function newContext(browser: Browser, baseURL: string, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, ...options });
  context.setDefaultTimeout(20_000);
  return context;
}

const REVIEWS_LIST = /\/reviews$/;
const REVIEW_PAGE = /\/reviews\/([0-9a-f-]{36})$/;

/**
 * Waits for the page to reach `url` after a submit; if the form shows an error instead, fails at
 * once with that message rather than after a timeout.
 */
export async function expectNavigation(page: Page, url: RegExp): Promise<void> {
  // Within <main>: Next.js's route announcer is an (empty) role="alert" outside it.
  const alert = page.getByRole('main').getByRole('alert').filter({ hasText: /\S/ }).first();
  const arrived = page.waitForURL(url).then(() => null);
  const refused = alert.waitFor().then(() => alert.innerText());
  arrived.catch(() => {});
  refused.catch(() => {});
  const message = await Promise.race([arrived, refused]);
  if (message !== null && !url.test(page.url())) throw new Error(`expected to reach ${url}, but the page says: ${message}`);
}

export async function signUp(page: Page, person: Person): Promise<void> {
  await fillSignUp(page, person);
  await expectNavigation(page, REVIEWS_LIST);
  await page.getByRole('heading', { level: 1, name: 'Reviews' }).waitFor();
}

/** Fills and submits the sign-up form without expecting success (for the error cases). */
export async function fillSignUp(page: Page, person: Person): Promise<void> {
  await page.goto('/sign-up');
  await page.getByLabel('Name').fill(person.name);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Create account' }).click();
}

export async function signIn(page: Page, person: Pick<Person, 'email' | 'password'>): Promise<void> {
  await fillSignIn(page, person);
  await expectNavigation(page, REVIEWS_LIST);
  await page.getByRole('heading', { level: 1, name: 'Reviews' }).waitFor();
}

export async function fillSignIn(page: Page, person: Pick<Person, 'email' | 'password'>): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Account' }).getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(/\/sign-in$/);
}

/** Creates a review from the list page; the app then opens its workspace. Returns the review id. */
export async function createReview(page: Page, title: string, description = ''): Promise<string> {
  await page.goto('/reviews');
  await page.getByLabel('Title').fill(title);
  if (description) await page.getByLabel('Description').fill(description);
  await page.getByRole('button', { name: 'Create review' }).click();
  await expectNavigation(page, REVIEW_PAGE);
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  return REVIEW_PAGE.exec(new URL(page.url()).pathname)![1];
}

/** From the review's Settings, as an owner: adds an existing account by email. */
export async function inviteMember(page: Page, reviewId: string, member: Person, role: 'Owner' | 'Reviewer' | 'Viewer' = 'Reviewer'): Promise<void> {
  await page.goto(`/reviews/${reviewId}/settings`);
  const form = page.getByRole('form', { name: 'Invite a colleague' });
  await form.getByLabel('Email').fill(member.email);
  await form.getByLabel('Role').selectOption({ label: role });
  await form.getByRole('button', { name: 'Invite' }).click();
  await form.getByRole('status').filter({ hasText: `${member.name} was added as ${role.toLowerCase()}.` }).waitFor();
}

/** Creates a personal API token on /account and returns it (it is shown once). */
export async function createApiToken(page: Page, name: string): Promise<string> {
  await page.goto('/account');
  const form = page.getByRole('form', { name: 'Create an API token' });
  await form.getByLabel('Name').fill(name);
  await form.getByRole('button', { name: 'Create token' }).click();
  const field = page.getByLabel('New API token');
  await field.waitFor();
  return field.inputValue();
}

/** The context's cookies for `url`, as a Cookie header (to call the API as that browser). */
export async function cookieHeader(context: BrowserContext, url: string): Promise<string> {
  const cookies = await context.cookies(url);
  return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}
