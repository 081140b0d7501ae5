/**
 * Pasted links are input too, for the lesson-6 components that keep their settings in the
 * address: the training lab (in the lesson and on its own page), the degradation experiment and
 * the loss landscape. Each gets every key with a hostile value (tests/e2e/hostile.ts): nothing
 * is injected, each value shows as text with a message beside its field, and the component works
 * again once the fields are put right.
 */
import { DEGRADATION_FIELDS } from '../../src/lib/train/degradation';
import { LANDSCAPE_FIELDS } from '../../src/lib/train/landscape-experiment';
import { LAB_FIELDS } from '../../src/lib/train/lab-params';
import { MAX_FIELD_CHARS } from '../../src/lib/state/fields';
import { expect, test } from './fixtures';
import { HOSTILE, hostileQuery, inside } from './hostile';
import { watchDialogs, whenLive } from './live';

// The lab in lesson 6 and on its own page read the same settings from the address.
for (const path of ['/lessons/training/', '/lab/'])
  test(`a hostile link to the training lab at ${path} marks every setting, injects nothing, and the lab recovers`, async ({ page }) => {
    const dialogs = watchDialogs(page);
    const lab = page.locator('resnet-training-lab');
    const lr = lab.getByLabel('learning rate', { exact: true });
    await page.goto(path);
    await whenLive(lab, lr);
    const clean = await inside(page);

    await page.goto(`${path}${hostileQuery(LAB_FIELDS)}`);
    await expect(lr).toHaveAttribute('aria-invalid', 'true', { timeout: 50_000 });
    for (const [i, field] of LAB_FIELDS.entries()) {
      const control = lab.getByLabel(field.label, { exact: true });
      await expect(control, field.key).toHaveAttribute('aria-invalid', 'true');
      await expect(control, field.key).toHaveAccessibleDescription(/\S/);
      // A list cannot show a value it does not offer: it shows none, and says so beside it.
      if ('options' in field)
        await expect(control, field.key).toHaveAccessibleDescription(`Pick a ${field.label} from the list: the link asked for one this page does not have.`);
      else await expect(control, field.key).toHaveValue(HOSTILE[i % HOSTILE.length]!.shown);
    }
    await expect(lab.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
    await expect(lab.getByRole('button', { name: 'Train the pair' })).toBeDisabled();
    expect(await inside(page)).toEqual(clean);

    // Put every setting right: the lab trains again, and the address holds no junk.
    for (const field of LAB_FIELDS) {
      const control = lab.getByLabel(field.label, { exact: true });
      if ('options' in field) await control.selectOption(String(field.default));
      else await control.fill(String(field.default));
    }
    await expect(lab.locator('[aria-invalid="true"]')).toHaveCount(0);
    await expect(lab.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
    await expect.poll(() => [...new URL(page.url()).searchParams.keys()].filter((key) => LAB_FIELDS.every((f) => f.key !== key))).toEqual([]);
    expect(dialogs).toEqual([]);
  });

test('a hostile link to the degradation experiment marks every setting, injects nothing, and the experiment recovers', async ({ page }) => {
  const dialogs = watchDialogs(page);
  const path = '/lessons/training/';
  const experiment = page.locator('resnet-degradation');
  const first = experiment.getByLabel(DEGRADATION_FIELDS[0]!.label, { exact: true });
  const run = experiment.getByRole('button', { name: 'Run the experiment' });
  await page.goto(path);
  await whenLive(experiment, first);
  const clean = await inside(page);

  await page.goto(`${path}${hostileQuery(DEGRADATION_FIELDS)}`);
  await experiment.scrollIntoViewIfNeeded();
  await expect(first).toHaveAttribute('aria-invalid', 'true', { timeout: 50_000 });
  for (const [i, field] of DEGRADATION_FIELDS.entries()) {
    const input = experiment.getByLabel(field.label, { exact: true });
    await expect(input, field.key).toHaveValue(HOSTILE[i % HOSTILE.length]!.shown);
    await expect(input, field.key).toHaveAttribute('aria-invalid', 'true');
    await expect(input, field.key).toHaveAccessibleDescription(/\S/);
    await expect(page.locator(`#${await input.getAttribute('aria-describedby')}`), field.key).toBeVisible();
  }
  await expect(run).toBeDisabled();
  expect(await inside(page)).toEqual(clean);

  // One edit rewrites the address: the link's overlong values are clipped, its junk dropped.
  await first.fill(String(DEGRADATION_FIELDS[0]!.default));
  await expect(first).toHaveAttribute('aria-invalid', 'false');
  await expect.poll(() => new URL(page.url()).searchParams.has(DEGRADATION_FIELDS[0]!.key)).toBe(false);
  const params = new URL(page.url()).searchParams;
  expect([...params.keys()].sort()).toEqual(
    DEGRADATION_FIELDS.slice(1)
      .map((f) => f.key)
      .sort(),
  );
  expect(Math.max(...[...params.values()].map((v) => v.length)), 'longest value in the address').toBe(MAX_FIELD_CHARS + 1);

  for (const field of DEGRADATION_FIELDS) await experiment.getByLabel(field.label, { exact: true }).fill(String(field.default));
  await expect(experiment.locator('input[aria-invalid="true"]')).toHaveCount(0);
  await expect(run).toBeEnabled();
  await expect(experiment.getByText(/^Shaded: the reference/)).toBeVisible();
  await expect.poll(() => [...new URL(page.url()).searchParams.keys()]).toEqual([]);
  expect(await inside(page)).toEqual(clean);
  expect(dialogs).toEqual([]);
});

test('a hostile link to the loss landscape marks every setting, injects nothing, and the figure recovers', async ({ page }) => {
  const dialogs = watchDialogs(page);
  const path = '/lessons/training/';
  const figure = page.locator('resnet-loss-landscape');
  const first = figure.getByLabel(LANDSCAPE_FIELDS[0]!.label, { exact: true });
  const start = figure.getByRole('button', { name: 'Map the loss landscape' });
  await page.goto(path);
  await whenLive(figure, first);
  const clean = await inside(page);

  await page.goto(`${path}${hostileQuery(LANDSCAPE_FIELDS)}`);
  await figure.scrollIntoViewIfNeeded();
  await expect(first).toHaveAttribute('aria-invalid', 'true', { timeout: 50_000 });
  for (const [i, field] of LANDSCAPE_FIELDS.entries()) {
    const input = figure.getByLabel(field.label, { exact: true });
    await expect(input, field.key).toHaveValue(HOSTILE[i % HOSTILE.length]!.shown);
    await expect(input, field.key).toHaveAttribute('aria-invalid', 'true');
    await expect(input, field.key).toHaveAccessibleDescription(/\S/);
  }
  await expect(start).toBeDisabled();
  expect(await inside(page)).toEqual(clean);

  for (const field of LANDSCAPE_FIELDS) await figure.getByLabel(field.label, { exact: true }).fill(String(field.default));
  await expect(figure.locator('input[aria-invalid="true"]')).toHaveCount(0);
  await expect(start).toBeEnabled();
  await expect.poll(() => [...new URL(page.url()).searchParams.keys()]).toEqual([]);
  expect(await inside(page)).toEqual(clean);
  expect(dialogs).toEqual([]);
});
