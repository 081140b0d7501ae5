/**
 * Brings every live component on a page to life before a test looks at it: each is scrolled into
 * view (components may load only when they near the viewport), its custom element must be
 * upgraded, and then whatever it draws on start must be there. The same wait works whether the
 * components load at once or lazily. Or the opposite: keeping them as the server sent them.
 */
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/**
 * What each component has drawn once it is running; absent means upgrading is enough. A line
 * chart is its role="img" SVG: the server's stand-in already holds legend samples of that class.
 */
export const READY: Record<string, string> = {
  'resnet-block-explorer': '.block-diagram g.step',
  'resnet-resnet50-explorer': '.stage-overview a',
  'resnet-gradient-demo': 'svg.line-chart[role="img"]',
  'resnet-training-lab': 'svg.line-chart[role="img"]',
  'resnet-degradation': 'svg.line-chart[role="img"]',
  'resnet-code-cell': '.cm-editor',
};

export async function renderLiveComponents(page: Page): Promise<string[]> {
  const tags = await page.evaluate(() => [
    ...new Set([...document.querySelectorAll('main *')].map((el) => el.localName).filter((name) => name.startsWith('resnet-'))),
  ]);
  for (const tag of tags) {
    const elements = page.locator(tag);
    for (let i = 0; i < (await elements.count()); i++) {
      const element = elements.nth(i);
      await element.scrollIntoViewIfNeeded();
      await expect.poll(() => element.evaluate((el) => el.matches(':defined')), { message: `<${tag}> is defined` }).toBe(true);
      const ready = READY[tag];
      if (ready) await expect(element.locator(ready).first(), `<${tag}> has drawn ${ready}`).toBeAttached();
    }
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  return tags;
}

/**
 * Holds back every script file the page asks for from now on, so each live component not yet
 * loaded stays as the server sent it. The returned function lets them through, and waits until
 * the held ones have gone on (it removes the page's routes).
 */
export async function holdScripts(page: Page): Promise<() => Promise<void>> {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  await page.route(/\.m?js(\?.*)?$/, async (route) => {
    await gate;
    await route.fallback();
  });
  return async () => {
    open();
    await page.unrouteAll({ behavior: 'wait' });
  };
}
