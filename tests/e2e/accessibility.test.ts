/**
 * Accessibility of the main pages in Chromium, in the light and the dark theme (the browser's
 * colour scheme; the app follows the system by default): no serious or critical axe-core
 * violations, and the skip link is the first Tab stop, visibly focused, leading to the content.
 * Every page names itself in <head> of the HTML as served, before any script runs.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../helpers/app-server';
import { launchBrowser } from '../helpers/browser';
import { blockingViolations, formatViolations } from '../helpers/e2e-axe';
import { createApiToken, createReview, inviteMember, newContext, newPerson, signUp } from '../helpers/e2e-steps';

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

let app: RunningApp;
let browser: Browser;
let signedInState: StorageState;
let reviewId: string;
const title = 'Exercise therapy for chronic low back pain';

/** An owner with a colleague, a review and an API token, so each page shows its filled-in state. */
beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  const owner = newPerson('owner');
  const colleague = newPerson('colleague');
  const colleagueContext = await newContext(browser, app.url);
  await signUp(await colleagueContext.newPage(), colleague);
  await colleagueContext.close();

  const context = await newContext(browser, app.url);
  const page = await context.newPage();
  await signUp(page, owner);
  reviewId = await createReview(page, title, 'Does supervised exercise reduce pain and disability in adults with chronic low back pain?');
  await inviteMember(page, reviewId, colleague, 'Reviewer');
  await createApiToken(page, 'R analysis script');
  signedInState = await context.storageState();
  await context.close();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

interface Screen {
  name: string;
  path: () => string;
  signedIn: boolean;
  heading: () => { level: number; name: string };
  /** The document title, in <head> of the HTML as served. */
  title: string;
}

const SCREENS: Screen[] = [
  { name: 'sign-in', path: () => '/sign-in', signedIn: false, heading: () => ({ level: 1, name: 'Sign in' }), title: 'Sign in · Sieve' },
  { name: 'sign-up', path: () => '/sign-up', signedIn: false, heading: () => ({ level: 1, name: 'Create an account' }), title: 'Create an account · Sieve' },
  { name: 'reviews list', path: () => '/reviews', signedIn: true, heading: () => ({ level: 1, name: 'Reviews' }), title: 'Reviews · Sieve' },
  { name: 'review workspace overview', path: () => `/reviews/${reviewId}`, signedIn: true, heading: () => ({ level: 2, name: 'Overview' }), title: 'Overview · Sieve' },
  { name: 'review settings, as owner', path: () => `/reviews/${reviewId}/settings`, signedIn: true, heading: () => ({ level: 3, name: 'Invite a colleague' }), title: 'Settings · Sieve' },
  { name: 'account', path: () => '/account', signedIn: true, heading: () => ({ level: 2, name: 'API tokens' }), title: 'Account · Sieve' },
  { name: 'protocol, as owner', path: () => `/reviews/${reviewId}/protocol`, signedIn: true, heading: () => ({ level: 3, name: 'Eligibility criteria' }), title: 'Protocol · Sieve' },
  { name: 'import, as owner', path: () => `/reviews/${reviewId}/import`, signedIn: true, heading: () => ({ level: 2, name: 'Import' }), title: 'Import · Sieve' },
  { name: 'records', path: () => `/reviews/${reviewId}/records`, signedIn: true, heading: () => ({ level: 2, name: 'Records' }), title: 'Records · Sieve' },
];

describe.each(['light', 'dark'] as const)('%s theme', (theme) => {
  const contexts: Partial<Record<'in' | 'out', BrowserContext>> = {};

  beforeAll(async () => {
    contexts.out = await newContext(browser, app.url, { colorScheme: theme });
    contexts.in = await newContext(browser, app.url, { colorScheme: theme, storageState: signedInState });
  });

  afterAll(async () => {
    await contexts.in?.close();
    await contexts.out?.close();
  });

  /** Opens a screen and checks it is the one asked for (not a redirect) and in the right theme. */
  async function open(screen: Screen): Promise<Page> {
    const page = await contexts[screen.signedIn ? 'in' : 'out']!.newPage();
    await page.goto(screen.path());
    expect(new URL(page.url()).pathname).toBe(screen.path());
    await page.getByRole('heading', screen.heading()).waitFor();
    const isDark = await page.evaluate(() => document.documentElement.classList.contains('dark'));
    expect(isDark, `the page should be in the ${theme} theme`).toBe(theme === 'dark');
    return page;
  }

  for (const screen of SCREENS) {
    it(`${screen.name} (${theme}): no serious or critical axe violations`, async () => {
      const page = await open(screen);
      const violations = await blockingViolations(page);
      expect(formatViolations(violations), `axe on ${screen.path()} (${theme} theme)`).toBe('');
      await page.close();
    });
  }

  for (const screen of SCREENS) {
    it(`${screen.name} (${theme}): the HTML as served names the page in <head>`, async () => {
      const context = contexts[screen.signedIn ? 'in' : 'out']!;
      const res = await context.request.get(screen.path(), { maxRedirects: 0 });
      expect(res.status()).toBe(200);
      const html = await res.text();
      const head = html.slice(0, html.indexOf('</head>'));
      expect(head).toContain(`<title>${screen.title}</title>`);
    });
  }

  for (const screen of SCREENS.filter((s) => ['sign-in', 'review workspace overview'].includes(s.name))) {
    it(`${screen.name} (${theme}): the skip link is the first Tab stop, visibly focused, and leads to the content`, async () => {
      const page = await open(screen);
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const style = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        return {
          text: el.textContent?.trim(),
          href: el.getAttribute('href'),
          outline: { style: style.outlineStyle, width: parseFloat(style.outlineWidth), color: style.outlineColor },
          size: { width: box.width, height: box.height },
        };
      });
      expect(focused).toMatchObject({ text: 'Skip to content', href: '#content' });
      expect(focused.outline.style, 'focus outline').not.toBe('none');
      expect(focused.outline.width, 'focus outline width').toBeGreaterThanOrEqual(2);
      expect(focused.outline.color).not.toMatch(/^(transparent|rgba\(0, 0, 0, 0\))$/);
      expect(focused.size.width, 'the focused skip link is shown, not clipped to 1px').toBeGreaterThan(20);
      expect(focused.size.height).toBeGreaterThan(10);

      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'content');
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('MAIN');
      await page.close();
    });
  }
});
