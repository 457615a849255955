/**
 * axe-core in the page under test (no @axe-core/playwright: the script is injected as is), and a
 * readable report of the violations that block: impact "serious" or "critical".
 */
import axe from 'axe-core';
import type { Result } from 'axe-core';
import type { Page } from 'playwright-core';

const BLOCKING = new Set(['serious', 'critical']);

/** The page's serious and critical violations (all rules axe runs by default, WCAG 2.x A/AA and best practices). */
export async function blockingViolations(page: Page): Promise<Result[]> {
  // Check the settled page: once, right after the Import page refreshed its server data
  // (router.refresh()), axe ran in the instant the document's <title> was being replaced and
  // reported it missing. Every page has a title (tests/e2e/accessibility.test.ts checks the HTML).
  await page.waitForFunction(() => document.title !== '');
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axe.source });
  const results = await page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] }));
  return results.violations.filter((v) => BLOCKING.has(v.impact ?? ''));
}

/** One paragraph per violation: rule, impact, what it means, and each offending element with axe's advice. */
export function formatViolations(violations: Result[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `    - ${n.target.join(' ')}\n      ${n.html.slice(0, 200)}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`);
      return `[${v.impact}] ${v.id}: ${v.help}\n  ${v.helpUrl}\n${nodes.join('\n')}`;
    })
    .join('\n\n');
}
