/**
 * A step's code waits behind a button: hidden until the reader asks, then shown with its
 * language tabs; asking is recorded as a hint taken, which the page shows beside the button and
 * in the exercise's done marks, after a reload too.
 */
import type { Page } from '@playwright/test';
import { PROGRESS_KEY } from '../../src/lib/state/progress';
import { cellOf } from './cells';
import { expect, test } from './fixtures';

/** The revealed code of 2b in TF.js, and in Keras: a line of each that appears nowhere else on the page. */
const TFJS_2B = "name: convNameBase + '2b',";
const KERAS_2B = "padding='same', name=conv_name_base + '2b',";

/** The reveal whose button is named `name` (a locator used in `has` is relative to the outer one). */
const revealOf = (page: Page, name: string) => page.locator('resnet-step-reveal', { has: page.getByRole('button', { name }) });

/** Where a heading starts on the page, in CSS pixels from the top of the document. */
const topOf = (page: Page, name: string) => page.getByRole('heading', { name }).evaluate((el) => Math.round(el.getBoundingClientRect().top + window.scrollY));

test('a step’s code is hidden until its button is pressed, which records a hint that outlasts a reload', async ({ page }) => {
  await page.goto('/lessons/identity-block/');
  const main = page.getByRole('main');
  const show2b = main.getByRole('button', { name: 'Show the code for step 2b' });
  await expect(show2b).toHaveAttribute('aria-expanded', 'false');
  // Hidden: neither seen nor in the accessibility tree.
  await expect(main.getByText(TFJS_2B)).toBeHidden();
  // The code's tabs are out of the accessibility tree too: only the visible groups' count.
  const tabs = await main.getByRole('tab', { name: 'TF.js' }).count();
  await expect(main.getByText('Hint taken')).toHaveCount(3); // each of 2b, 2c and the final step keeps the mark's place…
  await expect(main.getByText('Hint taken').filter({ visible: true })).toHaveCount(0); // …without showing it
  const before = await topOf(page, 'Third component (2c)');

  await show2b.click();
  const hide2b = main.getByRole('button', { name: 'Hide the code for step 2b' });
  await expect(hide2b).toHaveAttribute('aria-expanded', 'true');
  await expect(main.getByText(TFJS_2B)).toBeVisible();
  await expect(main.getByRole('tab', { name: 'TF.js' })).toHaveCount(tabs + 1);
  const reveal = revealOf(page, 'Hide the code for step 2b');
  await expect(reveal.getByText('Hint taken')).toBeVisible();
  // The code keeps its language tabs, synced with the page's: Keras here turns the signature too.
  await reveal.getByRole('tab', { name: 'Keras' }).click();
  await expect(main.getByText(KERAS_2B)).toBeVisible();
  await expect(main.getByRole('tab', { name: 'Keras' }).first()).toHaveAttribute('aria-selected', 'true');
  await expect(main.getByText('def identity_block(X, f, filters, stage, block):').first()).toBeVisible();
  expect(JSON.parse((await page.evaluate((key) => localStorage.getItem(key), PROGRESS_KEY)) ?? '{}')).toMatchObject({
    version: 1,
    hints: { 'identity-block': ['2b'] },
  });

  // Back to TF.js, as the page first loaded (the lessons' code above 2c is longer in TF.js).
  await reveal.getByRole('tab', { name: 'TF.js' }).click();
  await expect(main.getByText(TFJS_2B)).toBeVisible();

  // Closing hides the code again; the hint stays taken.
  await hide2b.click();
  await expect(main.getByText(TFJS_2B)).toBeHidden();
  await expect(revealOf(page, 'Show the code for step 2b').getByText('Hint taken')).toBeVisible();

  await page.reload();
  await expect(show2b).toHaveAttribute('aria-expanded', 'false');
  await expect(main.getByText(TFJS_2B)).toBeHidden();
  await expect(revealOf(page, 'Show the code for step 2b').getByText('Hint taken')).toBeVisible();
  // The other steps' hints are not taken.
  await expect(revealOf(page, 'Show the code for step 2c').getByText('Try it first: opening it counts as a hint')).toBeVisible();
  await expect(revealOf(page, 'Show the code for step 2c').getByText('Hint taken')).toBeHidden();
  // The mark took a place kept for it: nothing below moved.
  expect(await topOf(page, 'Third component (2c)')).toBe(before);
});

test('the done marks count the hints taken: the cell’s, at once, and the sidebar’s', async ({ page }) => {
  await page.goto('/lessons/convolutional-block/');
  await page.evaluate(
    (key) => localStorage.setItem(key, JSON.stringify({ version: 1, done: { 'convolutional-block': '2026-12-01T10:00:00.000Z' } })),
    PROGRESS_KEY,
  );
  await page.reload();
  const cell = cellOf(page);
  await cell.scrollIntoViewIfNeeded();
  await expect(cell.getByText('Done ✓', { exact: true })).toBeVisible();
  const sidebar = page.getByRole('navigation', { name: 'Main' });
  await expect(sidebar.getByLabel('exercise done', { exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Show the code for the shortcut path' }).click();
  await expect(page.getByRole('main').getByText("name: convNameBase + '1',")).toBeVisible();
  await expect(cell.getByText('Done ✓, with 1 hint', { exact: true })).toBeVisible();
  await expect(sidebar.getByLabel('exercise done, with 1 hint')).toBeVisible();

  await page.reload();
  await cellOf(page).scrollIntoViewIfNeeded();
  await expect(cellOf(page).getByText('Done ✓, with 1 hint', { exact: true })).toBeVisible();
});

test('ResNet-50’s head is behind its button; stage 1, which the cell already holds, is not', async ({ page }) => {
  await page.goto('/lessons/resnet50/');
  const main = page.getByRole('main');
  await expect(main.getByText("name: 'avg_pool' })")).toBeHidden();
  await expect(main.getByText('.maxPooling2d({ poolSize: [3, 3], strides: [2, 2] })').first()).toBeVisible();
  await main.getByRole('button', { name: 'Show the code for the head' }).click();
  await expect(main.getByText("name: 'avg_pool' })")).toBeVisible();
});
