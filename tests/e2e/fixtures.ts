/**
 * The `page` every browser test gets: it records console errors, uncaught exceptions and any
 * request that leaves the site's own origin, and fails the test on any of them after it ends.
 */
import { test as base, expect } from '@playwright/test';

export const LESSONS = [
  { path: '/lessons/deep-networks/', title: 'Very deep networks' },
  { path: '/lessons/residual-networks/', title: 'Residual networks' },
  { path: '/lessons/identity-block/', title: 'The identity block' },
  { path: '/lessons/convolutional-block/', title: 'The convolutional block' },
  { path: '/lessons/resnet50/', title: 'ResNet-50' },
  { path: '/lessons/training/', title: 'Training' },
] as const;

export const test = base.extend({
  page: async ({ page, baseURL }, use) => {
    const problems: string[] = [];
    const origin = new URL(baseURL ?? 'http://localhost').origin;
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(origin) && !/^(data|blob):/.test(url)) problems.push(`off-site request: ${url}`);
    });
    await use(page);
    expect(problems, 'console errors, uncaught exceptions or off-site requests').toEqual([]);
  },
});

export { expect };
