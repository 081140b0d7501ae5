/**
 * "Inside the model" in the training lab: after a Tiny run of a few batches on WebAssembly, each
 * stage's maps and one block taken apart, described for screen readers; they follow the reader's
 * drawing and the block picked; a plain twin says it has no shortcut.
 */
import { seriousViolationsInBothThemes } from './axe';
import { expect, test } from './fixtures';
import { trainingLab } from './training-lab';

/** Tiny, 64 images, one epoch of 4 batches: a trained model in seconds, never a full run. */
const TINY = '/lessons/training/?preset=tiny&trainSize=64&batch=16&epochs=1&backend=wasm';

test('shows each stage and block 2a for the first test image, then for a drawing, then for another block', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(TINY);
  const { lab, train } = trainingLab(page);
  const status = lab.getByRole('status', { name: 'Inside the model' });
  await expect(status).toHaveText('Train a model, or load one you kept, to look inside it.');
  await train.click();
  await expect(page.getByText('Done. Results below.')).toBeVisible({ timeout: 60_000 });
  await expect(status).toHaveText(/^Inside the model, for the first test image \(.+\): 2 stages after the stem, and block 2a taken apart\.$/);

  // Tiny: a stem of 8 filters on 28 × 28, then stages of 16 channels at 14 × 14 and 32 at 7 × 7.
  const stem = lab.getByRole('img', { name: /^Stem output, shape \(None, 28, 28, 8\): channels \d+(, \d+)* and \d+, the 6 most active of 8, values from / });
  await expect(stem).toBeVisible();
  await expect(
    lab.getByRole('img', { name: /^Stage 2 output \(its last block\), shape \(None, 14, 14, 16\): channels .*, the 6 most active of 16/ }),
  ).toBeVisible();
  await expect(
    lab.getByRole('img', { name: /^Stage 3 output \(its last block\), shape \(None, 7, 7, 32\): channels .*, the 6 most active of 32/ }),
  ).toBeVisible();
  const block = lab.getByRole('img', {
    name: /^Block 2a, output shape \(None, 14, 14, 16\): main path F\(x\), shortcut and output after the ReLU for channels \d+, \d+ and \d+ \(of 16\), values from .* The shortcut carries \d+ % of the signal added into the block\.$/,
  });
  await expect(block).toBeVisible();
  await expect(
    lab.getByRole('img', { name: /^Where the shortcut carries the signal in block 2a, 14 × 14 positions: its share from \d\.\d\d to \d\.\d\d/ }),
  ).toBeVisible();
  // The maps are labelled by channel, on screen as in words.
  await expect(stem.getByText(/^ch \d+$/)).toHaveCount(6);

  // A drawing replaces the test image: the maps are computed again, for it.
  const before = await stem.getAttribute('aria-label');
  const canvas = page.getByRole('img', { name: /Drawing area/ });
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + 30, box.y + 30);
  await page.mouse.down();
  await page.mouse.move(box.x + 140, box.y + 140, { steps: 8 });
  await page.mouse.up();
  await expect(status).toHaveText(/^Inside the model, for your image: /);
  const stemNow = lab.getByRole('img', { name: /^Stem output, shape \(None, 28, 28, 8\)/ });
  await expect.poll(() => stemNow.getAttribute('aria-label')).not.toBe(before);

  // Another block: the last stage's, at 7 × 7.
  await lab.getByLabel('block to take apart').selectOption('3a');
  await expect(status).toHaveText(/and block 3a taken apart\.$/);
  await expect(lab.getByRole('img', { name: /^Block 3a, output shape \(None, 7, 7, 32\): .* The shortcut carries \d+ %/ })).toBeVisible();

  // The filled panel passes axe in both themes (contrast of its numbers and labels included).
  expect(await seriousViolationsInBothThemes(page, '[data-inside]')).toEqual([]);

  // A kept model, loaded after a reload, has no test image at hand: the panel waits for a drawing.
  await page.getByRole('button', { name: 'Keep in this browser' }).click();
  await expect(page.getByText('Kept in this browser: it will still be here after a reload.')).toBeVisible();
  await page.reload();
  await page.getByRole('button', { name: 'Load the kept model' }).click();
  await expect(status).toHaveText('Draw or upload an image to look inside the model.');
  const again = (await canvas.boundingBox())!;
  await page.mouse.move(again.x + 60, again.y + 20);
  await page.mouse.down();
  await page.mouse.move(again.x + 60, again.y + 150, { steps: 8 });
  await page.mouse.up();
  await expect(status).toHaveText(/^Inside the model, for your image: 2 stages after the stem, and block 2a taken apart\.$/);
  await expect(lab.getByRole('img', { name: /^Block 2a, output shape \(None, 14, 14, 16\)/ })).toBeVisible();
});

test('a plain twin has no shortcut to show', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(`${TINY}&network=plain`);
  const { lab, train } = trainingLab(page);
  await train.click();
  await expect(page.getByText('Done. Results below.')).toBeVisible({ timeout: 60_000 });
  await expect(lab.getByText('This is a plain twin: block 2a has no shortcut, so only its main path is shown.')).toBeVisible();
  await expect(
    lab.getByRole('img', {
      name: /^Block 2a of the plain twin, output shape \(None, 14, 14, 16\): it has no shortcut\. Main path F\(x\) and the output after the ReLU for channels/,
    }),
  ).toBeVisible();
  await expect(lab.getByRole('img', { name: /^Where the shortcut carries the signal/ })).toHaveCount(0);
  await expect(lab.getByRole('img', { name: /^Stage 3 output/ })).toBeVisible();
});
