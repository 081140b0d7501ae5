/**
 * Pasted links are input too. Every key the URL codec knows arrives with a hostile value (markup,
 * attribute break-outs, huge numbers, broken percent-escapes), along with repeated and unknown
 * keys: the page must open no dialog, inject nothing, show each value as plain text in its field
 * with a message beside it, keep the address short once the reader edits, and work as soon as
 * the fields are put right.
 */
import { blockFields } from '../../src/lib/resnet/block-params';
import { resNet50Fields } from '../../src/lib/resnet/resnet50-params';
import { GRADIENT_DEMO_DEPTH, IDENTITY_DEMO_N } from '../../src/components/model/demo-fields';
import { DEGRADATION_FIELDS } from '../../src/lib/train/degradation';
import { LANDSCAPE_FIELDS } from '../../src/lib/train/landscape-experiment';
import { MAX_FIELD_CHARS } from '../../src/lib/state/fields';
import { expect, LESSONS, test } from './fixtures';
import { HOSTILE, hostileQuery, inside } from './hostile';
import { watchDialogs, whenLive } from './live';

/** `timeout`: about three times what the test takes on two busy cores (ResNet-50 has 20 fields). */
const EXPLORERS = [
  { path: '/lessons/identity-block/', tag: 'resnet-block-explorer', fields: blockFields('identity'), timeout: 45_000 },
  { path: '/lessons/convolutional-block/', tag: 'resnet-block-explorer', fields: blockFields('convolutional'), timeout: 45_000 },
  { path: '/lessons/resnet50/', tag: 'resnet-resnet50-explorer', fields: resNet50Fields(), timeout: 75_000 },
];

for (const { path, tag, fields, timeout } of EXPLORERS) {
  test(`a hostile link to ${path} shows every value as text with a message, and the explorer recovers`, async ({ page }) => {
    test.setTimeout(timeout);
    const dialogs = watchDialogs(page);
    const explorer = page.locator(tag);
    const first = explorer.getByLabel(fields[0]!.label, { exact: true });
    await page.goto(path);
    await whenLive(explorer, first);
    // The line of totals under the fields, found by what it says; later it says something else.
    const totals = explorer.getByText(/^(Output \(.*\) · [\d,]+ parameters|[\d,]+ parameters \(trainable [\d,]+, non-trainable [\d,]+\) · )/);
    const cleanSummary = await totals.textContent();
    const summary = page.locator(`[id="${await totals.getAttribute('id')}"]`);
    const clean = await inside(page);

    await page.goto(`${path}${hostileQuery(fields)}`);
    // The explorer flags the link's values as soon as it is live, however late that is.
    await explorer.scrollIntoViewIfNeeded();
    await expect(first).toHaveAttribute('aria-invalid', 'true', { timeout: 40_000 });
    for (const [i, field] of fields.entries()) {
      const input = explorer.getByLabel(field.label, { exact: true });
      await expect(input, field.key).toHaveValue(HOSTILE[i % HOSTILE.length]!.shown);
      await expect(input, field.key).toHaveAttribute('aria-invalid', 'true');
      await expect(input, field.key).toHaveAccessibleDescription(/\S/);
      await expect(page.locator(`#${await input.getAttribute('aria-describedby')}`), field.key).toBeVisible();
    }
    await expect(summary).toContainText(/fix the marked field/i);
    expect(await inside(page)).toEqual(clean);

    // One edit rewrites the address from the fields: the link's overlong values must not come
    // along whole, and its unknown keys not at all.
    await first.fill(String(fields[0]!.default));
    await expect(first).toHaveAttribute('aria-invalid', 'false');
    await expect.poll(() => new URL(page.url()).searchParams.has(fields[0]!.key)).toBe(false);
    const params = new URL(page.url()).searchParams;
    expect([...params.keys()].sort()).toEqual(
      fields
        .slice(1)
        .map((f) => f.key)
        .sort(),
    );
    expect(Math.max(...[...params.values()].map((v) => v.length)), 'longest value in the address').toBe(MAX_FIELD_CHARS + 1);

    for (const field of fields) await explorer.getByLabel(field.label, { exact: true }).fill(String(field.default));
    await expect(summary).toHaveText(cleanSummary ?? '');
    await expect(explorer.locator('input[aria-invalid="true"]')).toHaveCount(0);
    expect(await inside(page)).toEqual(clean);
    expect(dialogs).toEqual([]);
  });
}

test('typing 10,000 characters keeps the address short, and the reloaded link still says the value is too long', async ({ page }) => {
  await page.goto('/lessons/identity-block/');
  const explorer = page.locator('resnet-block-explorer');
  const height = explorer.getByLabel('Height', { exact: true });
  await whenLive(explorer, height);
  await height.fill('8'.repeat(10_000));
  await height.press('Tab');
  const message = `Height is too long (over ${MAX_FIELD_CHARS} characters): enter a whole number, such as 4.`;
  await expect(explorer.getByText(message)).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`\\?H=8{${MAX_FIELD_CHARS + 1}}$`));
  await page.reload();
  await expect(height).toHaveValue('8'.repeat(MAX_FIELD_CHARS + 1));
  await expect(explorer.getByText(message)).toBeVisible();
  await height.fill('5');
  await expect(explorer.getByRole('row').filter({ hasText: 'ReLU after the add' })).toContainText('(None, 5, 4, 6)');
});

/** Pages whose components keep no state in the link: the same hostile query must change nothing. */
const ALL_KEYS = [
  ...blockFields('convolutional'),
  ...resNet50Fields(),
  { key: 'lr', label: 'learning rate', min: 0, max: 1, default: 0 },
  ...DEGRADATION_FIELDS,
  ...LANDSCAPE_FIELDS,
];
const STATEFUL = [...EXPLORERS.map((e) => e.path), '/lessons/training/'];
for (const { path } of LESSONS.filter((lesson) => !STATEFUL.includes(lesson.path))) {
  test(`a hostile link to ${path} leaves the page and its components as they are`, async ({ page }) => {
    const dialogs = watchDialogs(page);
    await page.goto(path);
    const clean = await inside(page);
    await page.goto(`${path}${hostileQuery(ALL_KEYS)}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    // The page re-encodes the link before TF.js reads it, and drops the engine flags.
    await expect.poll(() => new URL(page.url()).searchParams.has('tfjsflags')).toBe(false);
    expect(new URL(page.url()).searchParams.get('evil')).toBe('<script>alert(1)</script>');
    const components = await page
      .locator('main')
      .evaluate((main) =>
        [...main.querySelectorAll('*')].filter((el) => el.localName.startsWith('resnet-') && el.querySelector('form')).map((el) => el.localName),
      );
    expect(components.length, `live components with fields on ${path}`).toBeGreaterThan(0);
    for (const tag of components) {
      const host = page.locator(tag);
      await whenLive(host, host.locator('form input').first());
      await expect(host.locator('input[aria-invalid="true"]')).toHaveCount(0);
    }
    expect(await inside(page)).toEqual(clean);
    expect(dialogs).toEqual([]);
  });
}

/** The two demos read one setting each from the address, as the explorers do. */
const DEMOS = [
  { path: '/lessons/deep-networks/', tag: 'resnet-gradient-demo', field: GRADIENT_DEMO_DEPTH, button: 'Train side by side' },
  { path: '/lessons/residual-networks/', tag: 'resnet-identity-demo', field: IDENTITY_DEMO_N, button: 'Stack the blocks' },
];

for (const { path, tag, field, button } of DEMOS) {
  test(`a hostile link to the demo on ${path} shows its value as text with a message, and the demo recovers`, async ({ page }) => {
    const dialogs = watchDialogs(page);
    const demo = page.locator(tag);
    const input = demo.getByLabel(field.label, { exact: true });
    await page.goto(path);
    await whenLive(demo, input);
    const clean = await inside(page);

    await page.goto(`${path}${hostileQuery([field])}`);
    await demo.scrollIntoViewIfNeeded();
    await expect(input).toHaveAttribute('aria-invalid', 'true', { timeout: 40_000 });
    await expect(input).toHaveValue(HOSTILE[0]!.shown);
    await expect(input).toHaveAccessibleDescription(/\S/);
    await expect(demo.getByRole('button', { name: button })).toBeDisabled();
    expect(await inside(page)).toEqual(clean);

    // Put the value right: the demo can run again, and the address keeps none of the link's junk.
    await input.fill(String(field.default));
    await expect(input).toHaveAttribute('aria-invalid', 'false');
    await expect(demo.getByRole('button', { name: button })).toBeEnabled();
    await expect.poll(() => [...new URL(page.url()).searchParams.keys()].filter((key) => key !== field.key)).toEqual([]);
    expect(dialogs).toEqual([]);
  });
}
