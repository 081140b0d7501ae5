/**
 * Pasted links are input too. Every key the URL codec knows arrives with a hostile value (markup,
 * attribute break-outs, huge numbers, broken percent-escapes), along with repeated and unknown
 * keys: the page must open no dialog, inject nothing, show each value as plain text in its field
 * with a message beside it, keep the address short once the reader edits, and work as soon as
 * the fields are put right.
 */
import type { Page } from '@playwright/test';
import { blockFields } from '../../src/lib/resnet/block-params';
import { resNet50Fields } from '../../src/lib/resnet/resnet50-params';
import { GRADIENT_DEMO_DEPTH, IDENTITY_DEMO_N } from '../../src/components/model/demo-fields';
import { DEGRADATION_FIELDS } from '../../src/lib/train/degradation';
import { LANDSCAPE_FIELDS } from '../../src/lib/train/landscape-experiment';
import { LAB_FIELDS } from '../../src/lib/train/lab-params';
import { MAX_FIELD_CHARS, type Field } from '../../src/lib/state/fields';
import { expect, LESSONS, test } from './fixtures';
import { watchDialogs, whenLive } from './live';

/** Values as they should reach the field, and how each is written into the query. */
const HOSTILE: { shown: string; query: string }[] = [
  { shown: '<script>alert(1)</script>', query: encodeURIComponent('<script>alert(1)</script>') },
  { shown: '"><img src=x onerror=alert(1)>', query: encodeURIComponent('"><img src=x onerror=alert(1)>') },
  // Long, but not so long that the server refuses the request line (Node's limit is 16 KB).
  { shown: '9'.repeat(MAX_FIELD_CHARS + 1), query: '9'.repeat(2_000) },
  { shown: '1e309', query: '1e309' },
  { shown: '\uFFFD%A', query: '%E0%A4%A' },
  { shown: "'><svg onload=alert(1)>", query: encodeURIComponent("'><svg onload=alert(1)>") },
  { shown: 'javascript:alert(1)', query: 'javascript:alert(1)' },
  { shown: '-1', query: '-1' },
  { shown: '&#60;b&#62;', query: encodeURIComponent('&#60;b&#62;') },
  { shown: '\u202e4', query: encodeURIComponent('\u202e4') },
];

/**
 * Junk no field reads: unknown keys, prototype names, stray escapes, TF.js engine flags (which a
 * link must not set), and a hostile hash.
 */
const JUNK =
  '&evil=%3Cscript%3Ealert(1)%3C%2Fscript%3E&__proto__=1&constructor=x&%=%&=9&%zz=%E0%A4&tfjsflags=DEBUG:true,WEBGL_VERSION:0#%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E%E0%A4%A';

/** A query giving every field a hostile value; each key repeats with a valid value, which must lose. */
function hostileQuery(fields: readonly Field[]): string {
  const pairs = fields.map((field, i) => `${field.key}=${HOSTILE[i % HOSTILE.length]!.query}&${field.key}=${field.default}`);
  return `?${pairs.join('&')}${JUNK}`;
}

/** What a page looks like from the inside: anything injected, and how many scripts it holds. */
const inside = (page: Page) =>
  page.evaluate(() => ({
    injected: document.querySelectorAll('img[src="x"], svg[onload], [onerror]').length,
    scripts: document.scripts.length,
    title: document.title,
  }));

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
