/**
 * The screening journey of issue 4 in Chromium against the built app: an owner starts a review
 * from the ketamine protocol template and imports a real MEDLINE export; no endpoint sets the
 * decisions a record needs yet, so both owner (through the API) and reviewer (in the browser)
 * screen each record. The reviewer screens twenty records by keyboard only, undoes one, changes
 * one through the history, finishes title/abstract, attaches a PDF and excludes a full text with
 * a reason; the counts on the page are right after a reload. axe-core checks the screening page in
 * both themes. Tests run in file order and share the people and the review.
 */
import fs from 'node:fs';
import os from 'node:os';
import { pgliteWorkerEnabled } from '../../lib/db/config';
import { getEnv } from '../../lib/env';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../helpers/app-server';
import { launchBrowser } from '../helpers/browser';
import { blockingViolations, formatViolations } from '../helpers/e2e-axe';
import { cookieHeader, expectNavigation, inviteMember, newContext, newPerson, signUp } from '../helpers/e2e-steps';

const MEDLINE = path.resolve(import.meta.dirname, '../../../shared/data/pubmed-medline/reflib_blue-light.nbib');
const SCREENSHOTS = process.env.SIEVE_E2E_SCREENSHOTS; // a folder: save screenshots there to look at the pages
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n' +
    '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 300 200]>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

let app: RunningApp;
let browser: Browser;
let ownerPage: Page;
let reviewerPage: Page;
let reviewId: string;
let ownerCookie: string;
let total = 0;
/** PMIDs of the records the owner included: the reviewer includes these too, so they reach full text. */
const ownerIncluded = new Set<string>();
const owner = newPerson('owner');
const reviewer = newPerson('reviewer');

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function api(method: string, apiPath: string, body?: unknown) {
  const init: RequestInit = { method, headers: { cookie: ownerCookie } };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  const res = await fetch(`${app.url}/api/v1/reviews/${reviewId}${apiPath}`, init);
  return { status: res.status, json: res.status === 204 ? null : await res.json() };
}

const screenPath = (stage: 'title_abstract' | 'full_text') => `/reviews/${reviewId}/screen?stage=${stage}`;
const pubmedLink = (page: Page) => page.locator('#record-title ~ p a[href^="https://pubmed.ncbi.nlm.nih.gov/"]');

/** The PMID of the record on screen (from its PubMed link). */
async function shownPmid(page: Page): Promise<string> {
  const href = await pubmedLink(page).getAttribute('href');
  return /\/(\d+)\/$/.exec(href ?? '')![1];
}

/** Presses a decision key and waits until another record (or the end of the queue) is on screen. */
async function pressAndAdvance(page: Page, key: string, before: string): Promise<void> {
  await page.keyboard.press(key);
  await page.waitForFunction(
    (prev) => {
      const a = document.querySelector('#record-title ~ p a[href^="https://pubmed.ncbi.nlm.nih.gov/"]');
      return a ? !a.getAttribute('href')!.endsWith(`/${prev}/`) : document.body.innerText.includes('Nothing left for you at this stage');
    },
    before,
  );
}

/** The three counts as the page shows them. */
async function counts(page: Page) {
  const region = page.getByRole('region', { name: 'Your progress' });
  const read = async (term: string) => Number((await region.locator('div', { has: page.locator('dt', { hasText: term }) }).locator('dd').innerText()).replace(/,/g, ''));
  return { screened: await read('Screened by you'), needed: await read('Still needed from you'), total: await read('Total at this stage') };
}

async function allSaved(page: Page) {
  await page.getByText('All decisions saved', { exact: true }).waitFor();
}

async function shot(page: Page, name: string) {
  if (!SCREENSHOTS) return;
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

async function expectNoBlockingViolations(page: Page, what: string) {
  const violations = await blockingViolations(page);
  expect(violations, `${what}:\n${formatViolations(violations)}`).toEqual([]);
}

describe('screening a review', () => {
  // Decision 012: the production server runs the embedded database in a worker thread when the
  // machine has a second core, so this journey runs on the configuration people install.
  it('the production server runs the embedded database where its configuration says', async () => {
    const configured = getEnv({ NODE_ENV: 'production', SIEVE_PGLITE_WORKER: process.env.SIEVE_PGLITE_WORKER });
    const inWorker = pgliteWorkerEnabled(configured, true, os.availableParallelism());
    if (!process.env.SIEVE_PGLITE_WORKER) expect(inWorker).toBe(os.availableParallelism() >= 2);
    const res = await fetch(`${app.url}/api/health`);
    expect(await res.json()).toMatchObject({ status: 'ok', database: { ok: true, kind: 'pglite', thread: inWorker ? 'worker' : 'main' } });
  });

  it('an owner creates a review from the ketamine template, invites a reviewer and imports a MEDLINE export', async () => {
    ownerPage = await (await newContext(browser, app.url)).newPage();
    reviewerPage = await (await newContext(browser, app.url, { viewport: { width: 1400, height: 1000 } })).newPage();
    await signUp(ownerPage, owner);
    await signUp(reviewerPage, reviewer);

    await ownerPage.goto('/reviews');
    await ownerPage.getByLabel('Title').fill('Ketamine and molecular neuroplasticity');
    await ownerPage.getByLabel('Protocol template').selectOption({ label: 'Ketamine: rapid antidepressant effects and molecular neuroplasticity' });
    await ownerPage.getByRole('button', { name: 'Create review' }).click();
    await expectNavigation(ownerPage, /\/reviews\/[0-9a-f-]{36}$/);
    reviewId = /\/reviews\/([0-9a-f-]{36})$/.exec(ownerPage.url())![1];
    await inviteMember(ownerPage, reviewId, reviewer, 'Reviewer');
    ownerCookie = await cookieHeader(ownerPage.context(), app.url);

    const form = new FormData();
    form.append('file', new File([fs.readFileSync(MEDLINE)], 'reflib_blue-light.nbib'));
    form.append('source', 'PubMed');
    const imported = await api('POST', '/searches', form);
    expect(imported.status, JSON.stringify(imported.json)).toBe(201);
    const progress = await api('GET', '/screening/progress?stage=title_abstract');
    total = progress.json.total;
    expect(total).toBeGreaterThan(40);
  });

  it('the owner screens every record through the API, including three', async () => {
    for (;;) {
      const next = await api('GET', '/screening/next?stage=title_abstract');
      if (next.status === 204) break;
      const { id, pmid } = next.json.record;
      const include = ownerIncluded.size < 3 && Boolean(pmid);
      if (include) ownerIncluded.add(pmid);
      const saved = await api('POST', `/records/${id}/decisions`, { stage: 'title_abstract', decision: include ? 'include' : 'exclude' });
      expect(saved.status).toBe(201);
    }
    expect(ownerIncluded.size).toBe(3);
  });

  it('a reviewer screens twenty records by keyboard only, undoing one on the way (axe: no serious violations)', async () => {
    const page = reviewerPage;
    await page.goto(screenPath('title_abstract'));
    await page.getByRole('heading', { level: 2, name: 'Title/abstract screening' }).waitFor();
    expect(await counts(page)).toEqual({ screened: 0, needed: total, total });
    await page.getByRole('heading', { level: 3, name: 'Criteria at title/abstract' }).waitFor();
    expect(await page.getByRole('button', { name: 'Include' }).getAttribute('aria-keyshortcuts')).toBe('I');
    await expectNoBlockingViolations(page, 'screening page (title/abstract)');
    await shot(page, 'screen-title-abstract-light');
    const dark = await newContext(browser, app.url, { colorScheme: 'dark', viewport: { width: 1400, height: 1000 } });
    await dark.addCookies(await page.context().cookies());
    const darkPage = await dark.newPage();
    await darkPage.goto(screenPath('title_abstract'));
    await darkPage.locator('#record-title').waitFor();
    await expectNoBlockingViolations(darkPage, 'screening page (title/abstract, dark)');
    await shot(darkPage, 'screen-title-abstract-dark');
    await dark.close();

    const pattern = ['e', 'm', 'e'];
    for (let n = 1; n <= 20; n++) {
      const pmid = await shownPmid(page);
      const key = ownerIncluded.has(pmid) ? 'i' : pattern[n % pattern.length];
      await pressAndAdvance(page, key, pmid);
      if (n === 5) {
        // U takes the decision back and shows the same record again; it is then decided anew.
        await page.keyboard.press('u');
        await page.waitForFunction((p) => document.querySelector('#record-title ~ p a[href*="pubmed"]')?.getAttribute('href')?.endsWith(`/${p}/`), pmid);
        await page.getByRole('status').filter({ hasText: 'Decision withdrawn' }).waitFor({ state: 'attached' });
        await pressAndAdvance(page, key, pmid);
      }
    }
    await allSaved(page);
    expect(await counts(page)).toEqual({ screened: 20, needed: total - 20, total });
    expect(await page.getByRole('status').filter({ hasText: /Decision saved: (include|exclude|maybe)\./ }).count()).toBe(1);
  });

  it('the reviewer changes their twentieth decision by going back with K', async () => {
    const page = reviewerPage;
    await page.keyboard.press('k');
    await page.getByText('Looking back: decision 20 of 20 in this session.').waitFor();
    const pmid = await shownPmid(page);
    expect(ownerIncluded.has(pmid)).toBe(false);
    await page.keyboard.press('i');
    await allSaved(page);
    expect(await page.getByText(/Looking back/).count()).toBe(0);
    expect((await counts(page)).screened).toBe(20);

    await page.goto(`/reviews/${reviewId}/screen/decisions?stage=title_abstract`);
    await page.getByRole('heading', { level: 2, name: 'My decisions' }).waitFor();
    expect(await page.getByText('1–20 of 20 decisions').isVisible()).toBe(true);
    const row = page.getByRole('row').filter({ hasText: `PMID ${pmid}` });
    expect(await row.getByText('Changed 1 time').isVisible()).toBe(true);
    expect(await row.getByRole('combobox').inputValue()).toBe('include');
    // ... and back again from the table, as a second change kept in the history.
    await row.getByRole('combobox').selectOption('exclude');
    await row.getByRole('button', { name: /^Save/ }).click();
    await row.getByText('Changed 2 times').waitFor();
    await shot(page, 'my-decisions');
  });

  it('the reviewer finishes title/abstract screening', async () => {
    const page = reviewerPage;
    await page.goto(screenPath('title_abstract'));
    for (let guard = 0; guard < total + 5; guard++) {
      if (await page.getByRole('heading', { name: 'Nothing left for you at this stage' }).isVisible()) break;
      const pmid = await shownPmid(page);
      await pressAndAdvance(page, ownerIncluded.has(pmid) ? 'i' : 'e', pmid);
    }
    await page.getByRole('heading', { name: 'Nothing left for you at this stage' }).waitFor();
    await allSaved(page);
    expect(await counts(page)).toEqual({ screened: total, needed: 0, total });
  });

  it('the reviewer attaches a PDF and excludes one full text with a reason (axe on the full-text form)', async () => {
    const page = reviewerPage;
    await page.goto(screenPath('full_text'));
    await page.getByRole('heading', { level: 2, name: 'Full-text screening' }).waitFor();
    expect(await counts(page)).toEqual({ screened: 0, needed: 3, total: 3 });
    expect(ownerIncluded.has(await shownPmid(page))).toBe(true);

    await page.getByLabel('Attach a PDF').setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('status').filter({ hasText: 'PDF attached: report.pdf.' }).waitFor();
    const frame = page.locator('iframe[title^="Full text (PDF) of"]');
    expect(await frame.getAttribute('src')).toMatch(new RegExp(`^/api/v1/reviews/${reviewId}/records/[0-9a-f-]{36}/full-text$`));
    await expectNoBlockingViolations(page, 'screening page (full text)');

    // E without a reason opens the reason list instead of deciding.
    await page.locator('#record-title').focus();
    await page.keyboard.press('e');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('exclusion-reason');
    await page.locator('#record-title').focus();
    await page.keyboard.press('2');
    const reason = page.getByLabel(/^Exclusion reason/);
    const reasonLabel = (await reason.locator('option:checked').innerText()).replace(/^2\. /, '');
    await shot(page, 'screen-full-text-light');
    const pmid = await shownPmid(page);
    await pressAndAdvance(page, 'e', pmid);
    await allSaved(page);
    await page.getByRole('status').filter({ hasText: `Decision saved: exclude (${reasonLabel}).` }).waitFor({ state: 'attached' });
    expect(await counts(page)).toEqual({ screened: 1, needed: 2, total: 3 });
  });

  it('the counts on the pages are right after a reload', async () => {
    const page = reviewerPage;
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Full-text screening' }).waitFor();
    expect(await counts(page)).toEqual({ screened: 1, needed: 2, total: 3 });

    await page.goto(screenPath('title_abstract'));
    await page.getByRole('heading', { name: 'Nothing left for you at this stage' }).waitFor();
    expect(await counts(page)).toEqual({ screened: total, needed: 0, total });

    await page.goto(`/reviews/${reviewId}/full-text`);
    const sought = page.getByRole('region', { name: 'Reports sought' });
    expect(await sought.getByRole('row').count()).toBe(4);
    expect(await page.locator('dt', { hasText: 'With a PDF' }).locator('xpath=..').locator('dd').innerText()).toBe('1');
    await shot(page, 'full-text-list');

    await page.goto(`/reviews/${reviewId}/screen/decisions?stage=full_text`);
    expect(await page.getByText('1–1 of 1 decision').isVisible()).toBe(true);
  });

  it('the screening page has no serious axe violations in the dark theme; ? opens the shortcuts, Escape closes them', async () => {
    const context = await newContext(browser, app.url, { colorScheme: 'dark', viewport: { width: 1400, height: 1000 } });
    await context.addCookies(await reviewerPage.context().cookies());
    const page = await context.newPage();
    await page.goto(screenPath('full_text'));
    await page.getByRole('heading', { level: 2, name: 'Full-text screening' }).waitFor();
    await expectNoBlockingViolations(page, 'screening page (full text, dark)');
    await shot(page, 'screen-full-text-dark');
    await page.keyboard.press('Shift+?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    await expectNoBlockingViolations(page, 'shortcuts dialog (dark)');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await context.close();
  });
});
