/**
 * "Try your own image" as a reader uses it: the drawing recipe sets the lab and starts training
 * (stopped after its first batches: the full run is the benchmark's business), a drawn digit gets
 * an unnumbered list of named classes, and a model near guessing says so.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { tinyRun, trainingLab } from './training-lab';

/** Draws a stroke across the drawing area, as a mouse would. */
async function drawStroke(page: Page) {
  const canvas = page.getByRole('img', { name: /Drawing area/ });
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + 84, box.y + 30);
  await page.mouse.down();
  await page.mouse.move(box.x + 90, box.y + 140, { steps: 8 });
  await page.mouse.up();
}

test('the drawing recipe sets the form, writes the address and starts training', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/lessons/training/');
  const { lab, status, stop } = trainingLab(page);
  const recipe = lab.getByRole('button', { name: 'Train a model for drawing' });
  await recipe.scrollIntoViewIfNeeded();
  await expect(lab.getByText(/Sets the lab to MNIST, all 8,000 training digits, Tiny at width 2/)).toBeVisible();
  await recipe.click();
  // The reader sees the settings the recipe chose, in the form itself.
  const expected: [string, string][] = [
    ['dataset', 'mnist'],
    ['model', 'tiny'],
    ['network', 'residual'],
    ['optimizer', 'adam'],
    ['schedule', 'one-cycle'],
    ['learning rate', '0.02'],
    ['batch size', '32'],
    ['epochs', '3'],
    ['training images', '8000'],
    ['identity blocks per stage', '1'],
    ['width multiplier', '2'],
  ];
  for (const [label, value] of expected) await expect(lab.getByLabel(label, { exact: true }), label).toHaveValue(value);
  await expect(lab.getByText('ResNet: 2 stages, 4 blocks, stem 16 filters, first stage F1 = 8.')).toBeVisible();
  // Like any edit, the settings are in the address: a link (or a reload) opens the lab set to the recipe.
  await expect(page).toHaveURL(/[?&]schedule=one-cycle/);
  const query = new URL(page.url()).searchParams;
  expect(Object.fromEntries(['dataset', 'trainSize', 'width', 'depth', 'lr'].map((k) => [k, query.get(k)]))).toEqual({
    dataset: 'mnist',
    trainSize: '8000',
    width: '2',
    // One identity block per stage is the form's default, which the address leaves out.
    depth: null,
    lr: '0.02',
  });
  // Training starts at once, and its status says whose run it is.
  await expect(status).toHaveText(/^Drawing recipe: Epoch 1 of 3 · batch \d+ of 250 · /, { timeout: 60_000 });
  await expect(recipe).toBeDisabled();
  await stop.click();
  await expect(status).toHaveText(/Stopped/, { timeout: 60_000 });
});

test('a model trained for a few batches answers a drawn digit with a ranked, unnumbered list, and warns that it is near guessing', async ({ page }) => {
  test.setTimeout(90_000);
  await tinyRun(page);
  await page.getByLabel('dataset', { exact: true }).selectOption('mnist');
  const { lab, train } = trainingLab(page);
  await train.click();
  const accuracyLine = lab.getByText(/^Test accuracy: \d+\.\d % on 1,000 test images\.$/);
  await expect(accuracyLine).toBeVisible({ timeout: 80_000 });
  const accuracy = Number(/([\d.]+) %/.exec((await accuracyLine.textContent()) ?? '')?.[1]);

  await drawStroke(page);
  const list = lab.getByRole('list', { name: 'Class probabilities for your image, most likely first' });
  const items = list.getByRole('listitem');
  await expect(items).toHaveCount(5);
  // Unnumbered, so no list number reads as a digit; each line names the class as a digit.
  await expect(list).toHaveJSProperty('tagName', 'UL');
  await expect(list).toHaveCSS('list-style-type', 'none');
  const lines = await items.allTextContents();
  for (const line of lines) expect(line).toMatch(/^digit \d: \d+\.\d %$/);
  const percents = lines.map((line) => Number(/: ([\d.]+) %/.exec(line)?.[1]));
  expect(percents).toEqual([...percents].sort((a, b) => b - a));

  // Three batches of 16 leave a model near guessing (a tenth, on ten digits): the panel says so,
  // with the run's own test accuracy.
  expect(accuracy).toBeLessThan(20);
  await expect(lab.getByText(`This model's test accuracy is ${Math.round(accuracy)} %, close to guessing (10 %): its answers mean little.`)).toBeVisible();
});
