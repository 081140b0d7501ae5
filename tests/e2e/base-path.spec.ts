/**
 * The site published under a sub-path, as GitHub Pages publishes a project site. This spec runs
 * only in the `base-path` project (playwright.config.ts), against dist-base/ from
 * `npm run build:base`, served under the base; the server answers 404 outside it. So every URL
 * here is written without a leading slash (`lessons/training/`), which resolves under the base.
 *
 * Besides the shared fixture's checks, each test records the page's same-origin requests (from its
 * workers too) and fails if any left the base: a data file, WebAssembly binary or script fetched
 * from the host's root would work at the root and break on the real host.
 */
import { existsSync } from 'node:fs';
import { SOLUTIONS } from '../../src/lib/grading/solutions';
import { LESSONS, OTHER_PAGES, expect, test as base } from './fixtures';

const test = base.extend<{ root: string; requests: string[] }>({
  /** The base path the project serves the site under, with its slashes: `/resnet-live/`. */
  root: async ({ baseURL }, use) => use(new URL(baseURL!).pathname),
  requests: [
    async ({ page, baseURL }, use) => {
      const { origin, pathname } = new URL(baseURL!);
      const seen: string[] = [];
      page.on('request', (request) => {
        const url = new URL(request.url());
        // blob: URLs share the page's origin but are made in the page, never asked of the server.
        if (url.origin === origin && url.protocol.startsWith('http')) seen.push(url.pathname);
      });
      await use(seen);
      expect(
        seen.filter((path) => !path.startsWith(pathname)),
        `same-origin requests outside ${pathname}`,
      ).toEqual([]);
    },
    { auto: true },
  ],
});

test.beforeAll(() => {
  if (!existsSync('dist-base/index.html')) throw new Error('dist-base/ is missing: build it with `npm run build:base`, then run this spec again.');
});

test('the Tiny ResNet trains under the base path: data and WebAssembly come from under it', async ({ page, root, requests }) => {
  await page.goto('lessons/training/');
  await page.getByLabel('model', { exact: true }).selectOption('tiny');
  for (const [label, value] of Object.entries({ 'training images': '48', 'batch size': '16', epochs: '1' })) {
    await page.getByLabel(label, { exact: true }).fill(value);
  }
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByText('Done. Results below.')).toBeVisible({ timeout: 50_000 });
  await expect(page.getByText(/^Test accuracy: \d+\.\d % on 500 test images\.$/)).toBeVisible();
  await expect(page.getByText(/^Backend: wasm /)).toBeVisible();
  // The page fetches the data and the training worker the .wasm: the recorder sees both, so its
  // check covers the workers' requests too.
  expect(requests).toContain(`${root}data/fashion-mnist/manifest.json`);
  expect(requests.some((path) => path.startsWith(`${root}wasm/`) && path.endsWith('.wasm'))).toBe(true);
});

test('the identity block runs on a real tensor, and a correct solution passes and marks the lesson', async ({ page, root }) => {
  await page.goto('lessons/identity-block/');
  const explorer = page.locator('resnet-block-explorer');
  await explorer.scrollIntoViewIfNeeded();
  await expect(explorer.getByRole('status').filter({ hasText: /^\s*Loading the live/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Run on a real tensor' }).click();
  await expect(explorer.getByRole('status')).toContainText('Every real shape matches the traced shape', { timeout: 50_000 });

  // The grader's worker loads TF.js's WebAssembly from under the base too.
  await page.locator('resnet-code-cell').scrollIntoViewIfNeeded();
  await page.getByRole('textbox', { name: /^Code cell/ }).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(SOLUTIONS['identity-block']);
  await page.getByRole('button', { name: 'Run checks' }).click();
  await expect(page.getByText('All checks passed')).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('resnet-code-cell').getByText(/\(TF\.js wasm backend, in a worker\)/)).toBeVisible();
  await expect(page.getByText('Done ✓')).toBeVisible();

  // Finished lessons are found by their link, which carries the base.
  await page.getByRole('link', { name: 'ResNet, live' }).first().click();
  await expect(page).toHaveURL(new URL(root, page.url()).href);
  const done = `a[href="${root}lessons/identity-block/"] .exercise-done`;
  await expect(page.locator(`main .lesson-list ${done}`)).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).locator(done)).toBeVisible();
});

test('every link on every page stays under the base, and Next leads through the course', async ({ page, root, request }) => {
  for (const { path, title } of [{ path: './', title: 'ResNet, live' }, ...[...LESSONS, ...OTHER_PAGES].map((l) => ({ ...l, path: l.path.slice(1) }))]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
    // Sidebar, header, prev/next and the lessons' own links: anything written as a site path.
    const links = await page.locator('a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(links.length).toBeGreaterThan(6);
    expect(
      links.filter((href) => !href.startsWith(root)),
      `links outside ${root} on ${path}`,
    ).toEqual([]);
  }
  await page.goto('lessons/deep-networks/');
  await page.getByRole('link', { name: /^Next/ }).click();
  await expect(page).toHaveURL(new URL(`${root}lessons/residual-networks/`, page.url()).href);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Residual networks');
  // The lesson's own LinkCard, written as `/lessons/identity-block/` in the MDX.
  await page.getByRole('main').getByRole('link', { name: 'The identity block', exact: true }).click();
  await expect(page).toHaveURL(new URL(`${root}lessons/identity-block/`, page.url()).href);
  // A stray root URL fails loudly here, as it would on the real host.
  expect((await request.get('/data/fashion-mnist/manifest.json')).status()).toBe(404);
});

test('lesson 6 links to the lab page under the base, with its settings', async ({ page, root }) => {
  await page.goto('lessons/training/?preset=tiny');
  const lab = page.locator('resnet-training-lab');
  await lab.scrollIntoViewIfNeeded();
  const link = page.getByRole('link', { name: 'a page of its own, at full width' });
  await expect(link).toHaveAttribute('href', `${root}lab/?preset=tiny`);
  await link.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Training lab');
  await expect(lab.getByLabel('model', { exact: true })).toHaveValue('tiny');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Training lab' })).toHaveAttribute('href', `${root}lab/`);
});

test('a Keras cell loads Python from under the base too, and the Keras solution passes', async ({ page, root }) => {
  // Python downloads (13 MB) and starts in the worker before the checks run.
  test.setTimeout(150_000);
  const python: string[] = [];
  page.on('request', (request) => request.url().includes('pyodide') && python.push(new URL(request.url()).pathname));
  await page.goto('lessons/identity-block/');
  await page.locator('resnet-code-cell').scrollIntoViewIfNeeded();
  await page.getByRole('radio', { name: 'Keras' }).check();
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Show solution' }).click();
  await expect(page.getByRole('textbox', { name: 'Code cell: your identity_block' })).toContainText('def identity_block(');
  await page.getByRole('button', { name: 'Run checks' }).click();
  await expect(page.getByText(/Checked in [\d.]+ s \(Python with Keras/)).toBeVisible({ timeout: 120_000 });
  await expect(page.getByText('All checks passed')).toBeVisible();
  expect(python.length).toBeGreaterThan(0);
  expect(python.every((path) => path.startsWith(`${root}pyodide/`))).toBe(true);
});
