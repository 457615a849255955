/**
 * Blinded dual screening end to end (issue 5), in Chromium against the built app: an owner sets up
 * a review, invites two reviewers and imports ten real MEDLINE records with an API token. The two
 * reviewers, each in their own browser, screen the same ten records on the screening page with three
 * deliberate disagreements while blinded, and neither can see what the other chose (screening page,
 * My decisions, the decisions API, the conflicts page). The owner unblinds the stage in Settings,
 * settles the three conflicts on the conflicts page (two include, one exclude), and the included
 * records reach full text. The kappa the page shows equals the one computed here from the votes.
 * axe-core checks the settings and conflicts pages in both themes. Tests run in file order.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../helpers/app-server';
import { launchBrowser } from '../helpers/browser';
import { parseRis } from '../../lib/domain/formats/ris';
import { blockingViolations, formatViolations } from '../helpers/e2e-axe';
import { cookieHeader, createApiToken, createReview, inviteMember, newContext, newPerson, signUp } from '../helpers/e2e-steps';

// The first ten records of a real PubMed export (40 records, LF line endings; shared/data/SOURCES.md).
const MEDLINE = path.resolve(import.meta.dirname, '../../../shared/data/pubmed-medline/reflib-medline_language-LF.nbib');
const SCREENSHOTS = process.env.SIEVE_E2E_SCREENSHOTS; // a folder: save screenshots there to look at the pages

type Vote = 'include' | 'exclude' | 'maybe';
const KEY: Record<Vote, string> = { include: 'i', exclude: 'e', maybe: 'm' };

// Votes by position in the file. Disagreements: 1 (include/exclude), 5 (exclude/include) and
// 8 (maybe/exclude: maybe counts as include at title/abstract, so this is a conflict too).
const ALICE: Vote[] = ['include', 'include', 'include', 'exclude', 'exclude', 'exclude', 'exclude', 'exclude', 'maybe', 'include'];
const BOB: Vote[] = ['include', 'exclude', 'include', 'exclude', 'exclude', 'include', 'exclude', 'exclude', 'exclude', 'include'];
const CONFLICTS = [1, 5, 8];
/** How the owner settles each conflict: two includes and one exclude. */
const SETTLE: Record<number, 'include' | 'exclude'> = { 1: 'include', 5: 'exclude', 8: 'include' };

/** Cohen's kappa on the 2×2 include/exclude table, maybe counted as include (computed here, not by the app). */
function cohensKappa(a: Vote[], b: Vote[]): { kappa: number; percent: number } {
  const inc = (v: Vote) => v !== 'exclude';
  const n = a.length;
  let agree = 0;
  let aInc = 0;
  let bInc = 0;
  for (let i = 0; i < n; i++) {
    if (inc(a[i]) === inc(b[i])) agree++;
    if (inc(a[i])) aInc++;
    if (inc(b[i])) bInc++;
  }
  const po = agree / n;
  const pe = (aInc / n) * (bInc / n) + ((n - aInc) / n) * ((n - bInc) / n);
  return { kappa: (po - pe) / (1 - pe), percent: po * 100 };
}

const records = fs
  .readFileSync(MEDLINE, 'utf8')
  .split(/\n\s*\n/)
  .filter((block) => /^PMID- /m.test(block))
  .slice(0, 10);
const PMIDS = records.map((block) => /^PMID- (\d+)/m.exec(block)![1]);

let app: RunningApp;
let browser: Browser;
let reviewId: string;
let token: string;
let ownerPage: Page;
let alicePage: Page;
let bobPage: Page;
const owner = newPerson('owner');
const alice = newPerson('alice');
const bob = newPerson('bob');
const ids: Record<'alice' | 'bob', string> = { alice: '', bob: '' };

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** The API as a browser (its session cookie) or, for the owner's setup, with the API token. */
async function api(who: Page | 'token', method: string, apiPath: string, body?: FormData | object) {
  const headers: Record<string, string> = who === 'token' ? { authorization: `Bearer ${token}` } : { cookie: await cookieHeader(who.context(), app.url) };
  if (body !== undefined && !(body instanceof FormData)) headers['content-type'] = 'application/json';
  const res = await fetch(`${app.url}/api/v1${apiPath}`, { method, headers, body: body instanceof FormData || body === undefined ? body : JSON.stringify(body) });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    /* CSV */
  }
  return { status: res.status, text, json: json as Record<string, unknown> & { items?: unknown[] } };
}

const screenPath = () => `/reviews/${reviewId}/screen?stage=title_abstract`;
const conflictsPath = (status: 'open' | 'resolved' = 'open') => `/reviews/${reviewId}/conflicts?stage=title_abstract${status === 'resolved' ? '&status=resolved' : ''}`;

/** The PMID of the record on the screening page (from its PubMed link). */
async function shownPmid(page: Page): Promise<string> {
  const href = await page.locator('#record-title ~ p a[href^="https://pubmed.ncbi.nlm.nih.gov/"]').getAttribute('href');
  return /\/(\d+)\/$/.exec(href ?? '')![1];
}

/** Screens every record in the queue by keyboard with the given votes; returns the PMIDs in the order shown. */
async function screenAll(page: Page, votes: Vote[]): Promise<string[]> {
  await page.goto(screenPath());
  await page.getByRole('heading', { level: 2, name: 'Title/abstract screening' }).waitFor();
  const seen: string[] = [];
  for (let guard = 0; guard < 15; guard++) {
    if (await page.getByRole('heading', { name: 'Nothing left for you at this stage' }).isVisible()) break;
    await page.locator('#record-title').waitFor();
    const pmid = await shownPmid(page);
    const index = PMIDS.indexOf(pmid);
    expect(index, `unexpected record ${pmid}`).toBeGreaterThanOrEqual(0);
    seen.push(pmid);
    await page.keyboard.press(KEY[votes[index]]);
    await page.waitForFunction((prev) => {
      const a = document.querySelector('#record-title ~ p a[href^="https://pubmed.ncbi.nlm.nih.gov/"]');
      return a ? !a.getAttribute('href')!.endsWith(`/${prev}/`) : document.body.innerText.includes('Nothing left for you at this stage');
    }, pmid);
  }
  await page.getByRole('heading', { name: 'Nothing left for you at this stage' }).waitFor();
  await page.getByText('All decisions saved', { exact: true }).waitFor();
  return seen;
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

/** The same page in the dark theme, signed in as the same person: axe and a screenshot. */
async function checkDark(page: Page, url: string, ready: (p: Page) => Promise<unknown>, name: string) {
  const dark = await newContext(browser, app.url, { colorScheme: 'dark', viewport: { width: 1280, height: 900 } });
  await dark.addCookies(await page.context().cookies());
  const darkPage = await dark.newPage();
  await darkPage.goto(url);
  await ready(darkPage);
  await expectNoBlockingViolations(darkPage, `${name} (dark)`);
  await shot(darkPage, `${name}-dark`);
  await dark.close();
}

/** A conflict on the conflicts page, found by its record's PubMed link. */
const conflictCard = (page: Page, pmid: string) => page.getByRole('article').filter({ has: page.getByRole('link', { name: `PMID ${pmid}`, exact: true }) });

/** The figure shown under a term in the agreement summary. */
async function agreementFigure(page: Page, term: string): Promise<string> {
  const region = page.getByRole('region', { name: 'Agreement at title/abstract' });
  return (await region.locator('dl > div', { has: page.locator('dt', { hasText: term }) }).locator('dd > span').first().innerText()).trim();
}

describe('blinded dual screening with two reviewers', () => {
  it('an owner creates a review, invites two reviewers and imports ten MEDLINE records with an API token', async () => {
    expect(PMIDS).toHaveLength(10);
    expect(new Set(PMIDS).size).toBe(10);
    const viewport = { width: 1280, height: 900 };
    ownerPage = await (await newContext(browser, app.url, { viewport })).newPage();
    alicePage = await (await newContext(browser, app.url, { viewport })).newPage();
    bobPage = await (await newContext(browser, app.url, { viewport })).newPage();
    await signUp(ownerPage, owner);
    await signUp(alicePage, alice);
    await signUp(bobPage, bob);

    reviewId = await createReview(ownerPage, 'Working memory and language', 'Dual screening with blinding.');
    await inviteMember(ownerPage, reviewId, alice, 'Reviewer');
    await inviteMember(ownerPage, reviewId, bob, 'Reviewer');
    token = await createApiToken(ownerPage, 'import script');

    const form = new FormData();
    form.append('file', new File([records.join('\n\n') + '\n'], 'language-first-ten.nbib'));
    form.append('source', 'PubMed');
    const imported = await api('token', 'POST', `/reviews/${reviewId}/searches`, form);
    expect(imported.status, imported.text).toBe(201);
    const progress = await api('token', 'GET', `/reviews/${reviewId}/screening/progress?stage=title_abstract`);
    expect(progress.json).toMatchObject({ total: 10, requiredDecisions: 2, isBlinded: true });

    ids.alice = String((await api(alicePage, 'GET', '/me')).json.id);
    ids.bob = String((await api(bobPage, 'GET', '/me')).json.id);
  });

  it('Settings shows both stages dual and blinded by default (axe, light and dark)', async () => {
    const page = ownerPage;
    await page.goto(`/reviews/${reviewId}/settings`);
    const stage = page.getByRole('region', { name: 'Title/abstract', exact: true });
    expect(await stage.getByLabel('Independent decisions per record').inputValue()).toBe('2');
    await stage.getByText('Blinded', { exact: true }).waitFor();
    expect(await page.getByRole('region', { name: 'Full text', exact: true }).getByText('Blinded', { exact: true }).isVisible()).toBe(true);
    await page.getByRole('form', { name: 'Assign records' }).waitFor();
    await expectNoBlockingViolations(page, 'settings page');
    await shot(page, 'settings-light');
    await checkDark(page, `/reviews/${reviewId}/settings`, (p) => p.getByRole('heading', { name: 'Screening stages' }).waitFor(), 'settings');

    // A reviewer reads the settings but cannot change them.
    await alicePage.goto(`/reviews/${reviewId}/settings`);
    await alicePage.getByRole('heading', { name: 'Screening stages' }).waitFor();
    expect(await alicePage.getByRole('button', { name: /^Unblind/ }).count()).toBe(0);
    expect(await alicePage.getByRole('form', { name: 'Assign records' }).count()).toBe(0);
  });

  it('Alice screens the ten records in her browser', async () => {
    const seen = await screenAll(alicePage, ALICE);
    expect(new Set(seen)).toEqual(new Set(PMIDS));
  });

  it("Bob sees nothing of Alice's choices while he screens the same ten", async () => {
    // The screening page and the data behind it carry nothing of Alice.
    await bobPage.goto(screenPath());
    await bobPage.locator('#record-title').waitFor();
    expect(await bobPage.getByRole('main').innerText()).not.toContain(alice.name);
    const next = await api(bobPage, 'GET', `/reviews/${reviewId}/screening/next?stage=title_abstract`);
    expect(next.status).toBe(200);
    expect(next.text).not.toContain(ids.alice);
    expect(next.text).not.toContain(alice.name);

    // Neither the decisions API nor the conflicts page nor agreement tells a reviewer anything.
    for (const reviewer of ['all', ids.alice]) expect((await api(bobPage, 'GET', `/reviews/${reviewId}/decisions?reviewer=${reviewer}`)).status).toBe(403);
    expect((await api(bobPage, 'GET', `/reviews/${reviewId}/conflicts?stage=title_abstract`)).status).toBe(403);
    expect((await api(bobPage, 'GET', `/reviews/${reviewId}/agreement?stage=title_abstract`)).status).toBe(403);

    const seen = await screenAll(bobPage, BOB);
    expect(new Set(seen)).toEqual(new Set(PMIDS));
  });

  it('after both have screened, each still sees only their own decisions, and the conflicts page is closed to them', async () => {
    for (const [page, self, other] of [
      [alicePage, alice, bob],
      [bobPage, bob, alice],
    ] as const) {
      await page.goto(`/reviews/${reviewId}/screen/decisions?stage=title_abstract`);
      await page.getByRole('heading', { level: 2, name: 'My decisions' }).waitFor();
      expect(await page.getByText('1–10 of 10 decisions').isVisible()).toBe(true);
      expect(await page.getByRole('main').innerText()).not.toContain(other.name);
      for (const reviewer of ['all', ids[other === alice ? 'alice' : 'bob']]) {
        const res = await api(page, 'GET', `/reviews/${reviewId}/decisions?reviewer=${reviewer}`);
        expect(res.status, `${self.name} asking for ${reviewer}`).toBe(403);
      }

      await page.goto(conflictsPath());
      await page.getByRole('main').getByText('Conflicts are settled by adjudicators').waitFor();
      expect(await page.getByRole('article').count()).toBe(0);
      const text = await page.getByRole('main').innerText();
      for (const pmid of PMIDS) expect(text).not.toContain(pmid);
    }
    await expectNoBlockingViolations(bobPage, 'conflicts page (not an adjudicator)');
    await shot(bobPage, 'conflicts-not-adjudicator');
  });

  it('the owner unblinds title/abstract screening in Settings, after a confirmation, and it is logged', async () => {
    const page = ownerPage;
    await page.goto(`/reviews/${reviewId}/settings`);
    const stage = page.getByRole('region', { name: 'Title/abstract', exact: true });
    await stage.getByRole('button', { name: 'Unblind title/abstract screening' }).click();
    const dialog = page.getByRole('dialog', { name: 'Unblind title/abstract screening?' });
    await dialog.getByText(/recorded in the audit trail/).waitFor();
    await dialog.getByText(/cannot hide what people have already seen/).waitFor();
    await expectNoBlockingViolations(page, 'unblind dialog');
    await dialog.getByRole('button', { name: 'Unblind', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await stage.getByText('Not blinded', { exact: true }).waitFor();
    await stage.getByText(new RegExp(`Unblinded by ${owner.name}`)).waitFor();
    expect(await page.getByRole('region', { name: 'Full text', exact: true }).getByText('Blinded', { exact: true }).isVisible()).toBe(true);

    await page.goto(`/reviews/${reviewId}/export/audit?action=stage.`);
    const rows = page.getByRole('region', { name: 'Audit events' }).getByRole('row');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(1).innerText()).toMatch(/Stage unblinded[\s\S]*blinded: yes → no/);
  });

  it('the owner sees the three conflicts side by side (axe, light and dark), discusses one and resolves them', async () => {
    const page = ownerPage;
    await page.goto(conflictsPath());
    await page.getByText('Maybe counts as include at title/abstract: maybe vs exclude is a conflict').waitFor();
    expect(await page.getByRole('article').count()).toBe(3);
    expect(await page.getByRole('link', { name: /^Open/ }).innerText()).toMatch(/Open\s*3/);
    for (const i of CONFLICTS) {
      const card = conflictCard(page, PMIDS[i]);
      const decisions = card.getByRole('region', { name: 'Decisions' }).getByRole('listitem');
      expect(await decisions.count()).toBe(2);
      const text = await decisions.allInnerTexts();
      expect(text.find((t) => t.includes(alice.name))).toContain(ALICE[i] === 'maybe' ? 'Maybe (counts as include)' : ALICE[i] === 'include' ? 'Include' : 'Exclude');
      expect(text.find((t) => t.includes(bob.name))).toContain(BOB[i] === 'include' ? 'Include' : 'Exclude');
    }
    await expectNoBlockingViolations(page, 'conflicts page');
    await shot(page, 'conflicts-light');
    await checkDark(page, conflictsPath(), (p) => p.getByRole('article').first().waitFor(), 'conflicts');

    // A short discussion on the maybe/exclude record.
    const discussed = conflictCard(page, PMIDS[8]);
    await discussed.getByLabel('Add a comment').fill('Alice marked it maybe: the sample may include bilingual adults. Worth a full-text look.');
    await discussed.getByRole('button', { name: 'Post comment' }).click();
    await discussed.getByText('Worth a full-text look.', { exact: false }).waitFor();
    expect(await discussed.getByRole('heading', { name: /Discussion/ }).innerText()).toContain('1 comment');

    for (const i of CONFLICTS) {
      const card = conflictCard(page, PMIDS[i]);
      const title = (await card.getByRole('heading', { level: 3 }).innerText()).trim();
      await card.getByRole('radio', { name: SETTLE[i] === 'include' ? 'Include' : 'Exclude' }).check();
      await card.getByLabel('Why (kept with the resolution)').fill(`Settled as ${SETTLE[i]} after reading the abstract again.`);
      await card.getByRole('button', { name: 'Save resolution' }).click();
      await page.getByRole('status').filter({ hasText: `Resolved: “${title}” — ${SETTLE[i]}.` }).waitFor();
      await card.waitFor({ state: 'detached' });
    }
    await page.getByRole('heading', { name: 'No open conflicts at title/abstract' }).waitFor();

    await page.goto(conflictsPath('resolved'));
    expect(await page.getByRole('article').count()).toBe(3);
    for (const i of CONFLICTS) {
      const resolution = conflictCard(page, PMIDS[i]).getByRole('region', { name: /^Resolution:/ });
      expect(await resolution.innerText()).toMatch(new RegExp(`Resolution: ${SETTLE[i] === 'include' ? 'Include' : 'Exclude'}[\\s\\S]*By ${owner.name}[\\s\\S]*Why: Settled as ${SETTLE[i]}`));
    }
    await shot(page, 'conflicts-resolved');

    // A resolution can be changed: here only its reason, so every record stays where it went.
    const changed = conflictCard(page, PMIDS[1]);
    await changed.getByText('Change the resolution').click();
    expect(await changed.getByRole('radio', { name: 'Include' }).isChecked()).toBe(true);
    await changed.getByLabel('Why (kept with the resolution)').fill('Confirmed with both reviewers.');
    await changed.getByRole('button', { name: 'Change resolution' }).click();
    await page.getByRole('status').filter({ hasText: 'Resolution changed:' }).waitFor();
    await changed.getByRole('region', { name: /^Resolution:/ }).getByText('Why: Confirmed with both reviewers.').waitFor();
    expect(await page.getByRole('article').count()).toBe(3);
  });

  it('the agreed and the settled includes reach full text; the others do not', async () => {
    const included = PMIDS.filter((_, i) => (SETTLE[i] ?? (ALICE[i] !== 'exclude' && BOB[i] !== 'exclude' ? 'include' : 'exclude')) === 'include');
    expect(included).toHaveLength(5);
    const progress = await api('token', 'GET', `/reviews/${reviewId}/screening/progress?stage=full_text`);
    expect(progress.json.total).toBe(5);

    await ownerPage.goto(`/reviews/${reviewId}/full-text`);
    const sought = ownerPage.getByRole('region', { name: 'Reports sought' });
    expect(await sought.getByRole('row').count()).toBe(6);
    const text = await sought.innerText();
    for (const pmid of PMIDS) {
      if (included.includes(pmid)) expect(text).toContain(`PMID ${pmid}`);
      else expect(text).not.toContain(`PMID ${pmid}`);
    }

    // The same records from the Export page's RIS download, as a reference manager gets them.
    await ownerPage.goto(`/reviews/${reviewId}/export`);
    const row = ownerPage.getByRole('region', { name: 'Record downloads' }).getByRole('row').filter({ hasText: 'Included at title/abstract' });
    const [download] = await Promise.all([ownerPage.waitForEvent('download'), row.getByRole('link', { name: /^RIS/ }).click()]);
    expect(download.suggestedFilename()).toBe('records-title_abstract-included.ris');
    const ris = parseRis(fs.readFileSync((await download.path())!, 'utf8'));
    expect(ris.records.map((r) => r.record.pmid).sort()).toEqual([...included].sort());

    // The Records page, filtered by the same outcome with its form, lists the same records (axe).
    await ownerPage.goto(`/reviews/${reviewId}/records`);
    await ownerPage.getByLabel('Screening outcome').selectOption('title_abstract:included');
    await ownerPage.getByRole('button', { name: 'Show' }).click();
    await ownerPage.waitForURL(/outcome=title_abstract%3Aincluded/);
    const listed = ownerPage.getByRole('region', { name: 'Record list' }).getByRole('row');
    expect(await listed.count()).toBe(included.length + 1);
    const listedText = await ownerPage.getByRole('region', { name: 'Record list' }).innerText();
    for (const pmid of included) expect(listedText).toContain(`PMID ${pmid}`);
    await expectNoBlockingViolations(ownerPage, 'records page, filtered');

    // A hand-edited address gets the rule it breaks, not an error page.
    for (const [address, message] of [
      [`/reviews/${reviewId}/records?q=%00`, 'Search text cannot contain a NUL character.'],
      [`/reviews/${reviewId}/records?search=not-a-search`, 'searchId must be a search id.'],
      [`/reviews/${reviewId}/screen/decisions?q=%00`, 'Search text cannot contain a NUL character.'],
    ]) {
      const res = await ownerPage.goto(address);
      expect(res?.status(), address).toBe(200);
      expect(await ownerPage.getByRole('main').getByRole('alert').innerText()).toContain(message);
    }
  });

  it('the kappa on the page equals the one computed from the votes, and resolving did not change it', async () => {
    const expected = cohensKappa(ALICE, BOB);
    expect(expected.kappa).toBeCloseTo(0.4, 12); // 2×2 [[3, 2], [1, 4]]: po 0.7, pe 0.5
    const page = ownerPage;
    await page.goto(conflictsPath());
    expect(await agreementFigure(page, 'Cohen’s kappa')).toBe(expected.kappa.toFixed(2));
    expect(await agreementFigure(page, 'Percent agreement')).toBe(`${expected.percent.toFixed(0)}%`);
    expect(await agreementFigure(page, 'Records compared')).toBe('10');
    const region = page.getByRole('region', { name: 'Agreement at title/abstract' });
    await region.getByText('resolving conflicts does not change them').waitFor();
    const table = region.getByRole('region', { name: /^Decisions of / }).getByRole('table');
    expect(await table.getByRole('row').count()).toBe(4);
    expect(await region.innerText()).toContain('fair agreement');

    // The export page shows the same figure, and its CSV download works with the session cookie.
    await page.goto(`/reviews/${reviewId}/export`);
    expect(await agreementFigure(page, 'Cohen’s kappa')).toBe(expected.kappa.toFixed(2));
    await expectNoBlockingViolations(page, 'export page');
    await shot(page, 'export');
    const csv = await api(page, 'GET', `/reviews/${reviewId}/agreement?stage=title_abstract&format=csv`);
    expect(csv.status).toBe(200);
    const overall = csv.text.split(/\r?\n/).find((line) => line.startsWith('overall,'))!;
    expect(Number(overall.split(',')[4])).toBeCloseTo(expected.kappa, 10);

    // Once unblinded, the reviewers see agreement too.
    await alicePage.goto(`/reviews/${reviewId}/export`);
    expect(await agreementFigure(alicePage, 'Cohen’s kappa')).toBe(expected.kappa.toFixed(2));
  });

  it('at full text, two exclusions for different reasons are a conflict, settled with a reason (axe)', async () => {
    const reasons: string[] = [];
    for (const label of ['Wrong population', 'Wrong outcome']) {
      const made = await api('token', 'POST', `/reviews/${reviewId}/exclusion-reasons`, { label });
      expect(made.status, made.text).toBe(201);
      reasons.push(String(made.json.id));
    }
    // Both reviewers exclude the same full text (through the API), each for another reason.
    const next = await api(alicePage, 'GET', `/reviews/${reviewId}/screening/next?stage=full_text`);
    const record = next.json.record as { id: string; pmid: string };
    for (const [page, reasonId] of [
      [alicePage, reasons[0]],
      [bobPage, reasons[1]],
    ] as const) {
      const saved = await api(page, 'POST', `/reviews/${reviewId}/records/${record.id}/decisions`, { stage: 'full_text', decision: 'exclude', reasonId });
      expect(saved.status, saved.text).toBe(201);
    }

    const page = ownerPage;
    await page.goto(`/reviews/${reviewId}/conflicts?stage=full_text`);
    await page.getByText('two exclusions for different reasons').first().waitFor();
    const card = conflictCard(page, record.pmid);
    expect(await card.getByRole('region', { name: 'Decisions' }).innerText()).toMatch(/Reason: Wrong population[\s\S]*Reason: Wrong outcome|Reason: Wrong outcome[\s\S]*Reason: Wrong population/);
    await card.getByRole('radio', { name: 'Exclude' }).check();
    await card.getByRole('button', { name: 'Save resolution' }).click();
    await card.getByText('Choose the reason that reports this exclusion.').waitFor();
    await card.getByLabel('Reason for exclusion').selectOption({ label: 'Wrong outcome' });
    await expectNoBlockingViolations(page, 'conflicts page (full text)');
    await shot(page, 'conflicts-full-text');
    await card.getByRole('button', { name: 'Save resolution' }).click();
    await page.getByRole('status').filter({ hasText: '— exclude (Wrong outcome). It is excluded.' }).waitFor();

    // The k×k table at full text: include plus one row and column per exclusion reason used.
    const region = page.getByRole('region', { name: 'Agreement at full text' });
    const table = region.getByRole('region', { name: /^Decisions of / }).getByRole('table');
    expect(await table.getByRole('row').count()).toBe(5);
    expect(await region.locator('dl > div', { has: page.locator('dt', { hasText: 'Cohen’s kappa' }) }).locator('dd > span').first().innerText()).toBe('0.00');
  });

  it('the audit trail lists the decisions and resolutions, and exports them as CSV', async () => {
    const page = ownerPage;
    await page.goto(`/reviews/${reviewId}/export/audit?action=resolution.`);
    const rows = page.getByRole('region', { name: 'Audit events' }).getByRole('row');
    expect(await rows.count()).toBe(6);
    expect(await rows.nth(1).innerText()).toMatch(/Conflict resolved[\s\S]*decision: exclude[\s\S]*reason: Wrong outcome/);
    expect(await rows.nth(2).innerText()).toMatch(/Resolution changed[\s\S]*note: “Settled as include after reading the abstract again\.” → “Confirmed with both reviewers\.”/);
    await page.goto(`/reviews/${reviewId}/export/audit?action=decision.`);
    expect(await page.getByText('1–22 of 22 events').first().isVisible()).toBe(true);
    // Full text is still blinded: what the reviewers decided there is hidden, even from the owner.
    expect(await page.getByText('hidden while blinded (full text)').count()).toBe(2);
    await shot(page, 'audit');
    const csv = await api(page, 'GET', `/reviews/${reviewId}/audit?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.text.split('\r\n')[0]).toBe('id,when,actor,action,entity_type,entity_id,before,after');
    expect(csv.text.match(/,resolution\.created,/g)).toHaveLength(4);
    expect(csv.text).toContain(',stage.unblinded,');
  });

  it('revoking the import script\'s token on the account page stops it at once, in every part of the app', async () => {
    const page = ownerPage;
    // Used a moment ago and remembered by the API routes (decision 009): the revocation, made by
    // the account page's own code, must still reach them.
    expect((await api('token', 'GET', `/reviews/${reviewId}`)).status).toBe(200);
    await page.goto('/account');
    await page.getByRole('button', { name: 'Revoke import script' }).click();
    await page.getByRole('button', { name: 'Revoke token' }).click();
    // The dialog closes once the revocation is stored; then the row goes. (While the dialog is
    // open, the row's button is hidden from the accessibility tree, so waiting for it alone
    // returned before the revocation was made.)
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: 'import script', exact: true }).waitFor({ state: 'detached' });
    const refused = await api('token', 'GET', `/reviews/${reviewId}`);
    expect(refused.status).toBe(401);
    expect((await api('token', 'GET', `/reviews/${reviewId}/screening/progress?stage=title_abstract`)).status).toBe(401);
  });
});
