/**
 * The degradation experiment on the training lesson: four networks, plain and ResNet, shallow and
 * deep, trained in turn over a reference band drawn from five seeds.
 */
import { expect, test } from './fixtures';

test('the degradation experiment draws its reference band behind the live curves, trains four networks, and keeps its settings in the address', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto('/lessons/training/');
  const experiment = page.locator('resnet-degradation');
  const chart = experiment.getByRole('img', { name: 'Training loss of four networks per training step' });
  const legend = experiment.getByRole('list', { name: 'Training loss of four networks per training step: legend' });
  const band = legend.getByRole('listitem').filter({ hasText: 'reference: plain, 4 identity blocks per stage (5 seeds, min–max and median)' });
  // The table of results: one row per network, headed by its name.
  const rows = experiment
    .getByRole('table', { name: 'Where each network ended' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader') });
  const note = experiment.getByText(/^Shaded: the reference, these four networks at these settings over 5 seeds/);
  // At the default settings the band is drawn from the start: four bands, four median lines.
  await experiment.scrollIntoViewIfNeeded();
  await expect(band).toBeVisible({ timeout: 60_000 });
  await expect(legend.getByRole('listitem').filter({ hasText: /^reference: / })).toHaveCount(4);
  await expect(chart.locator('.bands path.band.reference')).toHaveCount(4);
  await expect(chart.locator('.bands path.band.reference.plain.deep')).toBeVisible();
  await expect(note).toBeVisible();

  // A run at the defaults draws its curves over the band; Stop ends it early. Stop goes in as
  // soon as the first network has a few steps, with most of the four networks' 480 still to come,
  // and the checks of what was drawn follow, as it stays on the chart. Run hands the focus to
  // Stop as it disables itself, and Stop hands it back once the run has ended.
  const run = experiment.getByRole('button', { name: 'Run the experiment' });
  const stop = experiment.getByRole('button', { name: 'Stop' });
  await run.click();
  await expect(stop).toBeFocused();
  await expect(experiment.getByText(/^Training plain, 0 identity blocks per stage \(seed 1\): step ([3-9]|\d\d+) of 120/)).toBeVisible({ timeout: 60_000 });
  await stop.click();
  await expect(experiment.getByText('Stopped.', { exact: true })).toBeVisible();
  await expect(run).toBeFocused();
  await expect(chart.locator('.lines path.series.plain.shallow:not(.reference)')).toHaveAttribute('d', /^M.+L.+L/);
  await expect(chart.locator('.bands path.band.reference.plain.deep')).toBeVisible();
  await expect(legend.getByRole('listitem').filter({ hasText: /^plain, 0 identity blocks per stage$/ })).toBeVisible();

  // Other settings: the band goes, and the experiment says why.
  await experiment.getByLabel('deep: identity blocks per stage').fill('1');
  await experiment.getByLabel('steps per network').fill('3');
  await experiment.getByLabel('seed', { exact: true }).fill('7');
  await expect(
    experiment.getByText(/The shaded bands are the reference run at the default settings \(shallow 0, deep 4, 120 steps\): change back to see them\./),
  ).toBeVisible();
  await expect(band).toBeHidden();
  await expect(chart.locator('.bands path.band.reference.plain.deep')).toBeHidden();
  await run.click();
  await expect(experiment.getByText('Done: compare the dashed (plain) and solid (ResNet) curves at each depth.')).toBeVisible({ timeout: 60_000 });
  await expect(rows).toHaveCount(4);
  await expect(rows.first().getByRole('rowheader')).toHaveText('plain, 0 identity blocks per stage');
  await expect(chart.locator('.lines .series')).toHaveCount(4);
  await expect(chart.locator('.bands path')).toHaveCount(0);
  const finalLosses = () => rows.locator('td:nth-child(3)').allTextContents();
  const first = await finalLosses();
  await expect(rows.locator('td:nth-child(4)')).toHaveText(['—', '—', '—', '—']);

  // The settings are in the address: a copied link opens the experiment as it was set.
  const link = new URL(page.url());
  expect(Object.fromEntries(['deep', 'steps', 'seed'].map((key) => [key, link.searchParams.get(key)]))).toEqual({ deep: '1', steps: '3', seed: '7' });
  await page.goto('about:blank');
  await page.goto(link.href);
  // The experiment loads as it nears the screen, and then fills its fields from the address.
  await experiment.scrollIntoViewIfNeeded();
  await expect(experiment.getByLabel('deep: identity blocks per stage')).toHaveValue('1', { timeout: 60_000 });
  await expect(experiment.getByLabel('steps per network')).toHaveValue('3');
  await expect(experiment.getByLabel('seed', { exact: true })).toHaveValue('7');
  await expect(experiment.getByLabel('shallow: identity blocks per stage')).toHaveValue('0');
  await expect(experiment.getByText(/change back to see them/)).toBeVisible();
  // The same seed trains the same four curves again.
  await run.click();
  await expect(experiment.getByText(/^Done:/)).toBeVisible({ timeout: 60_000 });
  expect(await finalLosses()).toEqual(first);

  await experiment.getByLabel('steps per network').fill('1');
  await expect(experiment.getByText('steps per network must be at least 2.')).toBeVisible();
  await experiment.getByLabel('shallow: identity blocks per stage').fill('1');
  await expect(experiment.getByText('The deep networks need more identity blocks per stage than the shallow ones (now 1 and 1).')).toBeVisible();
  await expect(run).toBeDisabled();
});
