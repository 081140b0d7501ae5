/**
 * The loss landscape on the training lesson, at a tiny setting taken from the address: a plain
 * network and a ResNet trained for a few steps, each slice on a 5 × 5 grid of 64 test images.
 */
import { expect, test } from './fixtures';

const TINY = '?landscape-blocks=1&landscape-steps=4&landscape-grid=5&landscape-images=64&landscape-seed=3';

test('the loss landscape maps both networks from a linked setting, with titles, roughness, a ratio and a text alternative', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(`/lessons/training/${TINY}`);
  const figure = page.locator('resnet-loss-landscape');
  await figure.scrollIntoViewIfNeeded();
  // The settings come from the address.
  await expect(figure.getByLabel('grid points per side')).toHaveValue('5', { timeout: 60_000 });
  await expect(figure.getByLabel('Adam steps for each network')).toHaveValue('4');
  await expect(figure.getByLabel('test images')).toHaveValue('64');
  const progress = figure.getByRole('progressbar', { name: 'Loss landscape progress' });
  await expect(progress).toHaveAttribute('aria-valuenow', '0');

  // Every value the bar takes, recorded as it changes: a run this small may pass through its
  // middle faster than an assertion polls.
  await progress.evaluate((bar) => {
    const seen: string[] = [];
    (window as unknown as { seen: string[] }).seen = seen;
    new MutationObserver(() => seen.push(bar.getAttribute('aria-valuenow') ?? '')).observe(bar, { attributeFilter: ['aria-valuenow'] });
  });
  const start = figure.getByRole('button', { name: 'Map the loss landscape' });
  await start.click();
  await expect(figure.getByText(/^Done in [\d.]+ s: compare the two maps\.$/)).toBeVisible({ timeout: 150_000 });
  await expect(progress).toHaveAttribute('aria-valuenow', '100');
  // The bar moved through the middle, never backwards.
  const seen = (await page.evaluate(() => (window as unknown as { seen: string[] }).seen)).map(Number);
  expect(seen.filter((v) => v > 0 && v < 100).length).toBeGreaterThan(3);
  expect(seen).toEqual([...seen].sort((a, b) => a - b));

  // Both panels: titled with their depth in layers (1 identity block per stage: 1 + 2 × (3 + 3) + 1 = 14), each with a roughness.
  await expect(figure.getByText('plain, 14 layers', { exact: true })).toBeVisible();
  await expect(figure.getByText('ResNet, 14 layers', { exact: true })).toBeVisible();
  await expect(figure.locator('[data-roughness="plain"]')).toHaveText(/^roughness \d/);
  await expect(figure.locator('[data-roughness="resnet"]')).toHaveText(/^roughness \d/);
  for (const name of ['plain network', 'ResNet']) {
    const map = figure.getByRole('img', { name: `Contour map of the ${name}’s test loss over α and β` });
    await expect(map).toBeVisible();
    // Filled contours and the mark of the trained weights.
    expect(await map.locator('.contours path').count()).toBeGreaterThan(0);
    await expect(map.locator('.marker circle')).toHaveCount(1);
  }
  await expect(figure.getByRole('img', { name: /^Colour scale: test loss from [\d.]+ \(dark\) to [\d.]+ \(bright\), logarithmic\.$/ })).toBeVisible();
  await expect(figure.locator('[data-ratio]')).toHaveText(/(times rougher|less rough|never bends downward|Neither slice)/);
  // The text alternative: the figure is described by its caption, with the numbers of both maps.
  const caption = figure.locator('figcaption');
  await expect(caption).toHaveText(
    /plain, 14 layers: loss [\d.]+ at the trained weights, lowest [\d.]+, highest [\d.]+ over the 5 × 5 grid; roughness [\d.]+\./,
  );
  await expect(caption).toHaveText(/ResNet, 14 layers: loss [\d.]+ at the trained weights/);
  await expect(figure.getByRole('figure')).toHaveAccessibleDescription(/roughness/);
});

test('Stop ends a run of the loss landscape part way, and the page says so', async ({ page }) => {
  test.setTimeout(120_000);
  // Enough steps that the run is still training when Stop goes in.
  await page.goto('/lessons/training/?landscape-blocks=1&landscape-steps=150&landscape-grid=5&landscape-images=64');
  const figure = page.locator('resnet-loss-landscape');
  await figure.scrollIntoViewIfNeeded();
  await expect(figure.getByLabel('Adam steps for each network')).toHaveValue('150', { timeout: 60_000 });
  const start = figure.getByRole('button', { name: 'Map the loss landscape' });
  const stop = figure.getByRole('button', { name: 'Stop' });
  await start.click();
  await expect(figure.getByText(/^Training the plain network: step ([3-9]|\d\d+) of 150/)).toBeVisible({ timeout: 60_000 });
  await stop.click();
  await expect(figure.getByText('Stopped. Press the button to start again.', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(start).toBeEnabled();
  await expect(stop).toBeDisabled();
  await expect(figure.locator('[data-roughness="plain"]')).toHaveText('roughness: not yet measured');
});
