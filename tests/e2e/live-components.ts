/**
 * Brings every live component on a page to life before a test looks at it: each is scrolled into
 * view (components may load only when they near the viewport), its custom element must be
 * upgraded, and then whatever it draws on start must be there. The same wait works whether the
 * components load at once or lazily.
 */
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** What each component has drawn once it is running; absent means upgrading is enough. */
const READY: Record<string, string> = {
  'resnet-block-explorer': '.block-diagram g.step',
  'resnet-resnet50-explorer': '.stage-overview a',
  'resnet-gradient-demo': '.line-chart',
  'resnet-training-lab': '.line-chart',
  'resnet-degradation': '.line-chart',
  'resnet-code-cell': '.cm-editor',
};

export async function renderLiveComponents(page: Page): Promise<string[]> {
  const tags = await page.evaluate(() => [...new Set([...document.querySelectorAll('main *')].map((el) => el.localName).filter((name) => name.startsWith('resnet-')))]);
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
