/**
 * Axe as the browser tests run it. Its default rule set: every rule not marked experimental or
 * deprecated, so WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus best practices (a filter by WCAG
 * tags alone would drop those, e.g. scrollable-region-focusable). On top of that, the experimental
 * rules that check a WCAG 2.1 A or AA criterion, which axe leaves out of its default set and out
 * of a filter by WCAG tags too: css-orientation-lock, p-as-heading, table-fake-caption and
 * td-has-header in axe 4.14 (label-content-name-mismatch, 2.5.3 label in name, was one until 4.14
 * made it a default rule).
 * No rule is turned off. A test fails on a serious or critical violation.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { createRequire } from 'node:module';

/** The copy of axe-core that AxeBuilder puts in the page. */
const axe: typeof import('axe-core') = createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright'))('axe-core');

const WCAG_21_A_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const EXPERIMENTAL_WCAG_RULES = axe
  .getRules(WCAG_21_A_AA)
  .filter((rule) => rule.tags.includes('experimental'))
  .map((rule) => rule.ruleId);

export const THEMES = ['light', 'dark'] as const;

/** Runs axe on the page (or the part `include` selects) and returns its serious and critical violations, readably. */
export async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).options({ rules: Object.fromEntries(EXPERIMENTAL_WCAG_RULES.map((id) => [id, { enabled: true }])) });
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (n) => `${v.id} (${v.impact}): ${v.help} — ${n.target.join(' ')}${n.failureSummary ? `\n    ${n.failureSummary.replace(/\n/g, '\n    ')}` : ''}`,
      ),
    );
}

/** Axe on the page, or a part of it, in both themes: the theme is switched in place, as Starlight's own select does. */
export async function seriousViolationsInBothThemes(page: Page, include?: string): Promise<string[]> {
  const found: string[] = [];
  for (const theme of THEMES) {
    await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
    found.push(...(await seriousViolations(page, include)).map((v) => `${theme}: ${v}`));
  }
  return found;
}
