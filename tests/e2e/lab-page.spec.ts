/**
 * The training lab's own page, /lab/: in the course's shell, its settings in the address, its runs
 * following the reader to lesson 6 and back in one tab (a run cut short by leaving comes back
 * stopped), nothing wider than a phone, and nothing axe objects to.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { seriousViolationsInBothThemes } from './axe';
import { expect, test } from './fixtures';
import { trainingLab, UNTIL_STOPPED } from './training-lab';

/** The smallest run that finishes: two batches of Tiny on WebAssembly. */
// In the order the lab writes its fields to the address.
const TINY = 'preset=tiny&backend=wasm&epochs=1&trainSize=64';
const shots = 'test-results/screenshots';

/** The runs table of the lab on this page, once the lab has loaded (it loads as it nears the screen). */
async function runsTable(page: Page) {
  const { lab } = trainingLab(page);
  await lab.scrollIntoViewIfNeeded();
  await expect(lab.getByRole('status').filter({ hasText: /^\s*Loading the live/ })).toHaveCount(0);
  return lab.getByRole('table', { name: /Runs of this session/ });
}

/** Trains the lab's settings once and waits for the results. */
async function trainOnce(page: Page) {
  const { train } = trainingLab(page);
  await train.click();
  await expect(page.getByText('Done. Results below.')).toBeVisible({ timeout: 50_000 });
}

test('/lab/ opens in the course shell, with the lab and a way back to the lessons', async ({ page }) => {
  await page.goto('/lab/');
  await expect(page).toHaveTitle('Training lab | ResNet, live');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Training lab');
  await expect(page.getByRole('heading', { level: 2, name: 'Training lab' })).toBeVisible();
  const sidebar = page.getByRole('navigation', { name: 'Main' });
  await expect(sidebar.getByRole('link', { name: '6. Training in the browser' })).toHaveAttribute('href', '/lessons/training/');
  await expect(sidebar.getByRole('link', { name: 'Training lab' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeVisible();
});

test('the home page and lesson 6 link to /lab/', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Open the training lab' })).toHaveAttribute('href', '/lab/');
  await page.goto('/lessons/training/');
  await expect(page.getByRole('link', { name: 'a page of its own, at full width' })).toHaveAttribute('href', '/lab/');
});

test('the settings live in the address, and the links between the two pages carry them', async ({ page }) => {
  await page.goto('/lab/?preset=tiny&epochs=3');
  const { lab } = trainingLab(page);
  await expect(lab.getByLabel('model', { exact: true })).toHaveValue('tiny');
  await expect(lab.getByLabel('epochs', { exact: true })).toHaveValue('3');
  await lab.getByLabel('training images', { exact: true }).fill('64');
  await lab.getByLabel('training images', { exact: true }).blur();
  await expect(page).toHaveURL(/\/lab\/\?preset=tiny&epochs=3&trainSize=64$/);
  const back = page.getByRole('link', { name: 'lesson 6, Training in the browser' });
  await expect(back).toHaveAttribute('href', '/lessons/training/?preset=tiny&epochs=3&trainSize=64');
  await back.click();
  await expect(page).toHaveURL(/\/lessons\/training\/\?preset=tiny&epochs=3&trainSize=64$/);
  await expect(lab.getByLabel('training images', { exact: true })).toHaveValue('64');
  await expect(page.getByRole('link', { name: 'a page of its own, at full width' })).toHaveAttribute('href', '/lab/?preset=tiny&epochs=3&trainSize=64');
});

test('a run trained in lesson 6 is on /lab/ after following the link, and a run trained there is back in lesson 6', async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto(`/lessons/training/?${TINY}`);
  await runsTable(page);
  await trainOnce(page);

  await page.getByRole('link', { name: 'a page of its own, at full width' }).click();
  await expect(page).toHaveURL(new RegExp(`/lab/\\?${TINY}$`));
  let runs = await runsTable(page);
  await expect(trainingLab(page).status).toHaveText(/^One run kept from earlier in this tab\. Trained models are not kept/);
  await expect(runs.getByRole('row')).toHaveCount(2);
  await expect(runs.getByRole('row', { name: /1\. ResNet · Tiny, depth 1/ })).toContainText(/done.*\d+\.\d %/);
  await expect(page.getByText(/^Loss after 2 steps:/)).toBeVisible();

  await trainingLab(page).lab.getByLabel('network', { exact: true }).selectOption('plain');
  await trainOnce(page);
  await page.getByRole('link', { name: 'lesson 6, Training in the browser' }).click();
  await expect(page).toHaveURL(/\/lessons\/training\/\?.*network=plain/);
  runs = await runsTable(page);
  await expect(trainingLab(page).status).toHaveText(/^2 runs kept from earlier in this tab\./);
  await expect(runs.getByRole('row')).toHaveCount(3);
  await expect(runs.getByRole('row', { name: /2\. Plain · Tiny, depth 1/ })).toContainText(/plain twin.*done/);
  // The numbering goes on where it was.
  await trainingLab(page).train.click();
  await expect(runs.getByRole('row', { name: /3\. Plain · Tiny, depth 1/ })).toBeVisible();
  await expect(page.getByText('Done. Results below.')).toBeVisible({ timeout: 50_000 });
});

test('a run still training when the reader leaves comes back stopped, with its curves so far', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(`/lab/?preset=tiny&trainSize=4000&batch=8&epochs=${UNTIL_STOPPED.epochs}&backend=wasm`);
  await runsTable(page);
  const { train, status } = trainingLab(page);
  await train.click();
  await expect(status).toContainText(/Epoch 1 of 50 · batch [2-9]\d* of 500/, { timeout: 60_000 });
  await page.getByRole('link', { name: 'lesson 6, Training in the browser' }).click();

  const runs = await runsTable(page);
  await expect(runs.getByRole('row', { name: /1\. ResNet · Tiny, depth 1/ })).toContainText('stopped when you left the page');
  await expect(trainingLab(page).status).toContainText(
    '“1. ResNet · Tiny, depth 1” was stopped when you left the page, with its curves so far: training cannot go on without the page that ran it.',
  );
  await expect(page.getByText(/^Loss after [1-9]\d* steps:/)).toBeVisible();
  await expect(train).toBeEnabled();
});

test('where the page may keep nothing, the lab trains as ever and starts empty on the next page', async ({ page }) => {
  test.setTimeout(90_000);
  // As in a private mode that refuses storage: reading sessionStorage itself throws.
  await page.addInitScript(() =>
    Object.defineProperty(window, 'sessionStorage', {
      get() {
        throw new DOMException('The page may not use storage.', 'SecurityError');
      },
    }),
  );
  await page.goto(`/lab/?${TINY}`);
  const runs = await runsTable(page);
  await trainOnce(page);
  await expect(runs.getByRole('row')).toHaveCount(2);
  await page.getByRole('link', { name: 'lesson 6, Training in the browser' }).click();
  await runsTable(page);
  await expect(trainingLab(page).status).toHaveText('Press Train to download the data and start.');
  await expect(trainingLab(page).train).toBeEnabled();
});

/** Two finished runs in the tab, as a reader would have them after Train the pair (kept by the lab itself). */
async function withTwoRuns(page: Page) {
  await page.goto(`/lab/?preset=tiny&trainSize=32&batch=8&epochs=1&depth=0&backend=wasm`);
  await runsTable(page);
  await trainingLab(page).lab.getByRole('button', { name: 'Train the pair' }).click();
  await expect(page.getByText('Pair, run 2 of 2 (plain twin): Done. Results below.')).toBeVisible({ timeout: 60_000 });
  await page.reload();
  await expect((await runsTable(page)).getByRole('row')).toHaveCount(3);
}

test('with two runs, /lab/ is wide at 1280 px, no wider than a 390 px phone, and axe finds nothing', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await withTwoRuns(page);
  // At 1280 px the charts sit side by side.
  const [loss, accuracy] = await Promise.all(
    ['Loss per training step', 'Accuracy per training step'].map((name) => page.getByRole('img', { name }).boundingBox()),
  );
  expect(Math.abs((loss?.y ?? 0) - (accuracy?.y ?? 1)), 'charts on one row').toBeLessThan(2);
  expect(accuracy!.x).toBeGreaterThan(loss!.x + loss!.width);
  mkdirSync(shots, { recursive: true });
  for (const theme of ['light', 'dark']) {
    await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
    const file = `${shots}/lab-1280-${theme}.png`;
    await page.screenshot({ path: file, fullPage: true });
    await testInfo.attach(`lab at 1280 px, ${theme}`, { path: file, contentType: 'image/png' });
  }
  expect(await seriousViolationsInBothThemes(page)).toEqual([]);

  await page.setViewportSize({ width: 390, height: 844 });
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), { message: 'px wider than the phone' })
    .toBeLessThanOrEqual(0);
  const file = `${shots}/lab-390.png`;
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach('lab at 390 px', { path: file, contentType: 'image/png' });
  expect(await seriousViolationsInBothThemes(page)).toEqual([]);
});
