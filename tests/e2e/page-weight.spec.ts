/**
 * Page weight and lazy loading: the prose ships little JavaScript, and TF.js, D3 and CodeMirror
 * arrive only when a live component nears the screen, behind a visible loading badge.
 * Sizes are gzip sizes of what the browser downloaded (the local server does not compress).
 */
import { test as base, type Page } from '@playwright/test';
import { recordScripts, settle, summarize } from '../../scripts/page-weight.mjs';
import { LESSONS, expect, test } from './fixtures';

const BUDGET_GZIP_BYTES = 100_000;

/** Pages whose first live component is more than a viewport below the first screen. */
const PROSE_FIRST = ['/', ...LESSONS.map((lesson) => lesson.path).filter((path) => path !== '/lessons/training/')];

/** Opens a page without scrolling and returns what it downloaded once it settled. */
async function firstScreen(page: Page, path: string) {
  const scripts = recordScripts(page);
  await page.goto(path);
  await settle(page);
  return { scripts, loaded: summarize(await scripts.done()) };
}

/** Holds every script request until `release()`, so a test can see what the reader sees meanwhile. */
async function holdScripts(page: Page) {
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/_astro/*.js', async (route) => {
    await gate;
    await route.continue();
  });
  return release;
}

test.describe('the first screen of a page is light', () => {
  for (const path of PROSE_FIRST) {
    test(`${path} ships at most 100 KB of JavaScript and no TF.js, D3 or CodeMirror before scrolling`, async ({ page }) => {
      const { loaded } = await firstScreen(page, path);
      expect(loaded.libraries).toEqual([]);
      expect(loaded.gzipBytes).toBeGreaterThan(0);
      expect(loaded.gzipBytes).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
    });
  }

  test('the training lab starts within a viewport of the first screen, so it loads at once — D3, but no TF.js until a model lives on the page', async ({
    page,
  }) => {
    const { loaded } = await firstScreen(page, '/lessons/training/');
    expect(loaded.libraries).toEqual(['d3']);
    expect(loaded.gzipBytes).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
    const lab = page.locator('resnet-training-lab');
    const top = await lab.evaluate((el) => el.getBoundingClientRect().top / window.innerHeight);
    expect(top).toBeLessThan(2);
    await expect(lab.getByText('Loading the live training lab…')).toHaveCount(0);
    await expect(lab.getByRole('img', { name: 'Loss per training step' })).toBeVisible();
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
  });
});

test('TF.js, D3 and CodeMirror arrive only as the components that need them near the screen; Python never, for a TF.js reader', async ({ page }) => {
  const python: string[] = [];
  page.on('request', (request) => request.url().includes('/pyodide/') && python.push(request.url()));
  const { scripts, loaded } = await firstScreen(page, '/lessons/identity-block/');
  expect(loaded.libraries).toEqual([]);

  // The code cell: the editor (CodeMirror) and the grader (TF.js, in a worker).
  await page.locator('resnet-code-cell').scrollIntoViewIfNeeded();
  await expect(page.getByRole('textbox', { name: /^Code cell/ })).toBeVisible();
  await settle(page);
  expect(summarize(await scripts.done()).libraries).toEqual(['codemirror', 'tfjs']);

  // The block explorer, far below the cell, draws with D3.
  const explorer = page.locator('resnet-block-explorer');
  expect(await explorer.evaluate((el) => el.getBoundingClientRect().top / window.innerHeight)).toBeGreaterThan(2);
  await explorer.scrollIntoViewIfNeeded();
  // The server drew the default block already: the badge going says the explorer's code is in.
  await expect(explorer.getByText('Loading the live explorer…')).toHaveCount(0);
  await expect(explorer.locator('.block-diagram')).toBeVisible();
  await settle(page);
  expect(summarize(await scripts.done()).libraries).toEqual(['codemirror', 'd3', 'tfjs']);
  expect(python).toEqual([]);

  // Picking Keras brings the course's Keras and Python, and nothing else.
  await page.locator('resnet-code-cell').getByRole('radio', { name: 'Keras' }).check();
  await expect(page.getByRole('textbox', { name: 'Code cell: your identity_block' })).toBeVisible();
  await expect.poll(() => python.length).toBeGreaterThan(0);
  await settle(page);
  expect(summarize(await scripts.done()).libraries).toEqual(['codemirror', 'd3', 'keras', 'tfjs']);
});

test('a live demo loads TF.js only when asked to run', async ({ page }) => {
  const scripts = recordScripts(page);
  await page.goto('/lessons/deep-networks/');
  await page.locator('resnet-gradient-demo').scrollIntoViewIfNeeded();
  await expect(page.locator('resnet-gradient-demo').getByRole('img', { name: /^Plain network: gradient norm/ })).toBeVisible();
  await page.mouse.wheel(0, 20_000);
  await settle(page);
  expect(summarize(await scripts.done()).libraries).toEqual(['d3']);
});

test('scrolling to a component shows its loading badge, then the working component, keeping an early edit', async ({ page }) => {
  await firstScreen(page, '/lessons/resnet50/');
  const release = await holdScripts(page);
  const explorer = page.locator('resnet-resnet50-explorer');
  await explorer.scrollIntoViewIfNeeded();
  const loading = explorer.getByRole('status').filter({ hasText: 'Loading the live explorer…' });
  await expect(loading).toBeVisible();
  // The server-rendered fields are there to read, and to type in, while the code loads.
  const height = explorer.getByLabel('Height', { exact: true });
  await height.fill('16');
  await expect(height).not.toHaveAttribute('aria-invalid', 'true');
  release();
  await expect(loading).toHaveCount(0);
  await expect(height).toHaveValue('16');
  await expect(height).toHaveAttribute('aria-invalid', 'true');
  await expect(explorer.getByText(/smallest input that works/)).toBeVisible();
  await page.unrouteAll({ behavior: 'wait' });
});

test('a press made while the code loads is carried out once it has loaded', async ({ page }) => {
  await firstScreen(page, '/lessons/residual-networks/');
  const release = await holdScripts(page);
  const demo = page.locator('resnet-identity-demo');
  await demo.getByLabel('N', { exact: true }).fill('2');
  await demo.getByRole('button', { name: 'Stack the blocks' }).click();
  await expect(demo.getByText('Loading the live demo…')).toBeVisible();
  release();
  await expect(demo.locator('tbody tr')).toHaveCount(2, { timeout: 60_000 });
  await page.unrouteAll({ behavior: 'wait' });
});

test('focus inside a component loads it even off screen, so a keyboard user is never stuck', async ({ page }) => {
  await firstScreen(page, '/lessons/identity-block/');
  const explorer = page.locator('resnet-block-explorer');
  const height = explorer.getByLabel('Height', { exact: true });
  await height.evaluate((input: HTMLInputElement) => input.focus({ preventScroll: true }));
  expect(await explorer.evaluate((el) => el.getBoundingClientRect().top / window.innerHeight)).toBeGreaterThan(2);
  await expect(explorer.getByText('Loading the live explorer…')).toHaveCount(0);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('0');
  await expect(height).toHaveAttribute('aria-invalid', 'true');
});

test('the loading badge keeps still for readers who ask for less motion', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/lessons/resnet50/');
  const badge = page.locator('resnet-resnet50-explorer').getByRole('status').filter({ hasText: 'Loading the live explorer…' });
  await expect(badge).toBeVisible();
  expect(await badge.evaluate((el) => getComputedStyle(el, '::before').animationName)).toBe('none');
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  expect(await badge.evaluate((el) => getComputedStyle(el, '::before').animationName)).toBe('live-loading-spin');
});

// The browser itself logs each failed download as a console error, so this test watches for
// uncaught errors and any other console error itself instead of using the shared fixture.
base('when the code cannot be downloaded, the component says so in place of its loading badge', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(message.text());
  });
  await page.goto('/lessons/residual-networks/');
  await settle(page);
  await page.route('**/_astro/*.js', (route) => route.abort('internetdisconnected'));
  const demo = page.locator('resnet-identity-demo');
  await demo.scrollIntoViewIfNeeded();
  await expect(demo.getByRole('status').filter({ hasText: 'The live demo could not load. Check your connection, then reload the page.' })).toBeVisible();
  await expect(demo.getByText('Loading the live demo…')).toHaveCount(0);
  expect(problems).toEqual([]);
});
