/**
 * The `page` every browser test gets: it records console errors, uncaught exceptions and any
 * request that leaves the site's own origin, and fails the test on any of them after it ends.
 */
import { test as base, expect, type Request } from '@playwright/test';
import { LESSONS as COURSE, lessonPath } from '../../src/lessons.mjs';

/** The lessons in course order (src/lessons.mjs), each with its address and its page's title. */
export const LESSONS = COURSE.map((lesson) => ({ path: lessonPath(lesson), title: lesson.title }));

/** The pages that are not lessons but hold live components: the lab's own page. */
export const OTHER_PAGES = [{ path: '/lab/', title: 'Training lab' }] as const;

export const test = base.extend({
  page: async ({ page, baseURL }, use) => {
    const problems: string[] = [];
    const origin = new URL(baseURL ?? 'http://localhost').origin;
    // Requests the site's Content-Security-Policy refused: the browser announces them, then blocks
    // them before anything leaves (sandbox.spec.ts counts what reaches another host).
    const offSite = new Map<Request, string>();
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(origin) && !/^(data|blob):/.test(url)) offSite.set(request, `off-site request: ${url}`);
    });
    page.on('requestfailed', (request) => {
      // Chromium names the reason 'csp' (net::ERR_BLOCKED_BY_CSP in some versions).
      if (/^csp$|BLOCKED_BY_CSP/.test(request.failure()?.errorText ?? '')) offSite.delete(request);
    });
    await use(page);
    expect([...problems, ...offSite.values()], 'console errors, uncaught exceptions or off-site requests').toEqual([]);
  },
});

export { expect };
