/**
 * Identification in Chromium against the built app (issue 3): an owner imports a PubMed MEDLINE
 * export through the Import page (preview, then import), then an EndNote RIS export of the same
 * topic whose 80 PMIDs repeat the first file; the exact duplicates are linked and the page's
 * counts say so. The Duplicates page shows the pairs; a decision is taken and undone. A file that
 * is not a bibliographic export is refused with a message and nothing is stored. A 20,000-record
 * file (generated, ~60 MB) shows the server's own progress while it is previewed and imported, and
 * is deduplicated in a worker thread of the built app (files over 1 MB are), which Turbopack builds. axe-core checks both
 * pages. Tests run in file order and share the owner and the review.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../helpers/app-server';
import { launchBrowser } from '../helpers/browser';
import { blockingViolations, formatViolations } from '../helpers/e2e-axe';
import { createReview, newContext, newPerson, signUp } from '../helpers/e2e-steps';

const DATA = path.resolve(import.meta.dirname, '../../../shared/data');
const MEDLINE = path.join(DATA, 'pubmed-medline/reflib_blue-light.nbib');
const RIS = path.join(DATA, 'ris/reflib_blue-light_endnote.ris');
const SCREENSHOTS = process.env.SIEVE_E2E_SCREENSHOTS; // a folder: save screenshots there to look at the pages

let app: RunningApp;
let browser: Browser;
let page: Page;
let reviewId: string;
let tmpDir: string;
const owner = newPerson('importer');

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sieve-import-e2e-'));
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
});

const importPath = () => `/reviews/${reviewId}/import`;
const duplicatesPath = () => `/reviews/${reviewId}/duplicates`;

async function expectAccessible(p: Page, shot?: string): Promise<void> {
  if (SCREENSHOTS && shot) await p.screenshot({ path: path.join(SCREENSHOTS, `import-${shot}.png`), fullPage: true });
  const violations = await blockingViolations(p);
  expect(violations, formatViolations(violations)).toEqual([]);
}

/** The number in one of the review totals ("Records identified", "Records to screen"…). */
async function total(p: Page, label: string): Promise<number> {
  const text = await p.locator('dl[aria-label="Review totals"] > div').filter({ has: p.locator('dt', { hasText: label }) }).locator('dd').first().innerText();
  return Number(text.replace(/[^\d]/g, ''));
}

/** Fills the Add a search form and asks for the preview; returns the preview section. */
async function previewFile(p: Page, file: string, source: string, query: string): Promise<Locator> {
  const form = p.getByRole('form', { name: 'Add a search' });
  await form.getByLabel('Source', { exact: true }).selectOption({ label: source });
  await form.getByLabel('Query').fill(query);
  await form.getByLabel('Date run').fill('2024-03-15');
  await form.getByLabel('Export file').setInputFiles(file);
  await form.getByRole('button', { name: 'Preview' }).click();
  const preview = p.getByRole('region', { name: `Preview of ${path.basename(file)}` });
  const refused = p.getByRole('main').getByRole('alert').filter({ hasText: /\S/ }).first();
  const message = await Promise.race([preview.waitFor().then(() => null), refused.waitFor().then(() => refused.innerText())]);
  if (message !== null && !(await preview.isVisible())) throw new Error(`the preview was refused: ${message}`);
  return preview;
}

/** Records every text the progress bar shows from now on (the page polls the server every 500 ms). */
async function recordProgressTexts(p: Page): Promise<void> {
  await p.evaluate(() => {
    const w = window as unknown as { progressTexts: string[] };
    w.progressTexts = [];
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('[data-testid="import-progress-text"]')) {
        const text = el.textContent ?? '';
        if (w.progressTexts.at(-1) !== text) w.progressTexts.push(text);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

const progressTexts = (p: Page) => p.evaluate(() => (window as unknown as { progressTexts: string[] }).progressTexts.splice(0));

async function searchRows(p: Page): Promise<number> {
  return p.getByRole('region', { name: 'Searches' }).locator('tbody tr').count();
}

describe('importing searches through the Import page', () => {
  it('an owner previews and imports a PubMed MEDLINE file; the table shows 80 identified', async () => {
    page = await (await newContext(browser, app.url)).newPage();
    await signUp(page, owner);
    reviewId = await createReview(page, 'Blue light and sleep');
    await page.goto(importPath());
    await page.getByRole('heading', { level: 2, name: 'Import' }).waitFor();
    await page.getByRole('heading', { name: 'No searches imported yet' }).waitFor();
    await expectAccessible(page);

    const preview = await previewFile(page, MEDLINE, 'PubMed', '("blue light" OR "short-wavelength light") AND sleep');
    await expect.poll(() => preview.innerText()).toMatch(/PubMed MEDLINE/);
    const read = await preview.locator('dt', { hasText: 'Records read' }).locator('xpath=following-sibling::dd').innerText();
    expect(read.trim()).toBe('80');
    await expectAccessible(page, 'preview');

    await preview.getByRole('button', { name: /^Import \d+ records?$/ }).click();
    await page.getByRole('status').filter({ hasText: 'Imported 80 records from reflib_blue-light.nbib' }).waitFor();
    const table = page.getByRole('region', { name: 'Searches' });
    await table.waitFor();
    await expect.poll(() => searchRows(page)).toBe(1);
    const row = table.locator('tbody tr').first();
    expect(await row.innerText()).toMatch(/PubMed[\s\S]*Database[\s\S]*2024-03-15[\s\S]*reflib_blue-light\.nbib[\s\S]*\b80\b/);
    expect(await total(page, 'Records identified')).toBe(80);
    expect(await total(page, 'Records to screen')).toBe(80);
    await expectAccessible(page);
  });

  it('a RIS export of the same records is imported; its exact duplicates are linked and counted', async () => {
    const preview = await previewFile(page, RIS, 'Embase', "'blue light'/exp AND sleep");
    expect(await preview.innerText()).toMatch(/RIS/);
    const read = await preview.locator('dt', { hasText: 'Records read' }).locator('xpath=following-sibling::dd').innerText();
    expect(read.trim()).toBe('102');
    const earlier = await preview.locator('dt', { hasText: 'Duplicates of earlier imports' }).locator('xpath=following-sibling::dd').innerText();
    expect(Number(/^(\d+) exact/.exec(earlier.trim())![1])).toBeGreaterThan(0);

    const skip = preview.getByRole('checkbox', { name: /^Skip the/ });
    if (await skip.count()) {
      // Importing without choosing is refused with a message; then the user chooses to skip.
      await preview.getByRole('button', { name: /^Import \d+ records?$/ }).click();
      await preview.getByRole('alert').filter({ hasText: 'with problems' }).waitFor();
      await skip.check();
    }
    await preview.getByRole('button', { name: /^Import \d+ records?$/ }).click();
    const done = page.getByRole('status').filter({ hasText: /Imported \d+ records from reflib_blue-light_endnote\.ris; \d+ records? linked to an earlier copy as exact duplicates/ });
    await done.waitFor();
    const exact = Number(/; (\d+) records? linked/.exec(await done.innerText())![1]);
    expect(exact).toBeGreaterThanOrEqual(80);

    await expect.poll(() => searchRows(page)).toBe(2);
    await expect.poll(() => total(page, 'Records identified')).toBe(182);
    const toScreen = await total(page, 'Records to screen');
    const removed = await total(page, 'Duplicates removed');
    expect(toScreen).toBeLessThan(182);
    expect(removed).toBeGreaterThanOrEqual(80);
    expect(toScreen + removed).toBe(182);
    const second = page.getByRole('region', { name: 'Searches' }).locator('tbody tr').nth(1);
    expect(await second.innerText()).toMatch(/Embase[\s\S]*reflib_blue-light_endnote\.ris[\s\S]*\b102\b/);
    await expectAccessible(page, 'imported');
  });

  it('a file that is not a bibliographic export is refused with a clear message; nothing is added', async () => {
    const prose = path.join(tmpDir, 'meeting-notes.txt');
    fs.writeFileSync(prose, 'We met on Tuesday to talk about the protocol.\nEveryone agreed that blue light matters.\nNext meeting in two weeks.\n');
    const form = page.getByRole('form', { name: 'Add a search' });
    await form.getByLabel('Source', { exact: true }).selectOption({ label: 'Scopus' });
    await form.getByLabel('Export file').setInputFiles(prose);
    await form.getByRole('button', { name: 'Preview' }).click();
    const alert = page.getByRole('main').getByRole('alert').filter({ hasText: 'meeting-notes.txt' });
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/Nothing was/);
    expect(await page.getByRole('region', { name: /^Preview of/ }).count()).toBe(0);
    await expectAccessible(page, 'refused');

    await page.reload();
    await expect.poll(() => searchRows(page)).toBe(2);
    expect(await total(page, 'Records identified')).toBe(182);
  });

  it('the Duplicates page shows the pairs; a decision is taken and undone', async () => {
    await page.goto(duplicatesPath());
    await page.getByRole('heading', { level: 2, name: 'Duplicates' }).waitFor();
    await page.getByText('Nothing is deleted: merged records stay in the audit trail').waitFor();
    await expectAccessible(page, 'duplicates');
    const tabs = page.getByRole('navigation', { name: 'Duplicate pair status' });
    const count = async (label: string) => Number(/(\d+)\s*$/.exec(await tabs.getByRole('link', { name: new RegExp(`^${label}`) }).innerText())![1]);
    const pending = await count('Pending');
    const merged = await count('Merged');
    expect(merged).toBeGreaterThanOrEqual(80);

    if (pending > 0) {
      // Keep a likely pair apart, then undo that.
      const first = page.getByRole('article').first();
      await first.getByRole('button', { name: 'Not duplicates' }).click();
      await page.getByRole('status').filter({ hasText: 'Marked as not duplicates' }).waitFor();
      await expect.poll(() => count('Not duplicates')).toBe(1);
      await tabs.getByRole('link', { name: /^Not duplicates/ }).click();
      await page.waitForURL(/status=not_duplicate/);
      await page.getByRole('article').first().getByRole('button', { name: 'Undo' }).click();
      await page.getByRole('status').filter({ hasText: 'Decision undone' }).waitFor();
      await expect.poll(() => count('Pending')).toBe(pending);
      expect(await count('Not duplicates')).toBe(0);
    } else {
      // No likely pairs: undo an automatic merge (it becomes pending), then merge it again.
      await tabs.getByRole('link', { name: /^Merged/ }).click();
      await page.waitForURL(/status=merged/);
      await page.getByRole('article').first().getByRole('button', { name: 'Undo' }).click();
      await page.getByRole('status').filter({ hasText: 'Decision undone' }).waitFor();
      await expect.poll(() => count('Pending')).toBe(1);
      await tabs.getByRole('link', { name: /^Pending/ }).click();
      await page.waitForURL((u) => !u.search.includes('status='));
      await page.getByRole('article').first().getByRole('button', { name: 'Keep left' }).click();
      await page.getByRole('status').filter({ hasText: 'Merged: the left record is kept' }).waitFor();
      await expect.poll(() => count('Merged')).toBe(merged);
    }
    await expectAccessible(page);

    await page.goto(importPath());
    expect(await total(page, 'Records identified')).toBe(182);
    expect(await total(page, 'Records to screen')).toBeLessThan(182);
  });

  it('a 20,000-record file shows the server reading it (bytes and records), phases in order; it is imported whole', async () => {
    const big = path.join(tmpDir, 'pubmed-20k.nbib');
    const made = spawnSync('npx', ['tsx', 'scripts/make-medline-fixture.ts', big, '--records', '20000'], { cwd: path.resolve(import.meta.dirname, '../..'), encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    const before = await total(page, 'Records identified');
    await recordProgressTexts(page);

    const preview = await previewFile(page, big, 'PubMed', 'generated');
    const reading = /^Reading the file: [\d.]+ MB of [\d.]+ MB, [\d,]+ records? so far \(\d+%\)$/;
    const serverPhase = (t: string) => reading.test(t) || /^Looking for duplicates among [\d,]+ records…$|^Saving records: [\d,]+ of [\d,]+ \(\d+%\)$/.test(t);
    // A preview reads fast (it writes nothing): the poll may only catch it looking for duplicates.
    const previewTexts = await progressTexts(page);
    expect(previewTexts.some(serverPhase), previewTexts.join('\n')).toBe(true);
    const read = Number((await preview.locator('dt', { hasText: 'Records read' }).locator('xpath=following-sibling::dd').innerText()).replace(/\D/g, ''));
    expect(read).toBe(20_000);

    const skip = preview.getByRole('checkbox', { name: /^Skip the/ });
    if (await skip.count()) await skip.check();
    await preview.getByRole('button', { name: /^Import [\d,]+ records?$/ }).click();
    const done = page.getByRole('status').filter({ hasText: /Imported [\d,]+ records from pubmed-20k\.nbib/ });
    await done.waitFor({ timeout: 120_000 });
    const texts = await progressTexts(page);
    expect(texts.some((t) => reading.test(t)), texts.join('\n')).toBe(true);
    // Looking for duplicates takes about a second here, and on the embedded database the final
    // transaction holds the one connection, so a poll made while records are saved is answered after
    // the commit: neither phase is sure to be seen (tests/integration/import-progress.test.ts sees all).
    // Phases only move forward.
    const order = texts.map((t) => (reading.test(t) ? 1 : t.startsWith('Looking') ? 2 : t.startsWith('Saving') ? 3 : 0)).filter((n) => n > 0);
    expect(order).toEqual([...order].sort());

    const imported = Number(/Imported ([\d,]+) records/.exec(await done.innerText())![1].replace(/,/g, ''));
    expect(imported).toBeGreaterThan(19_000);
    await expect.poll(() => searchRows(page)).toBe(3);
    await expect.poll(() => total(page, 'Records identified')).toBe(before + imported);
  }, 300_000);
});
