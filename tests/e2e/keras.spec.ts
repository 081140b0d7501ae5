/**
 * The graded cells in Keras: a reader picks Keras, Python downloads behind a progress bar, and
 * their Python is graded by the same checks as TF.js code, naming the step at fault. Each test
 * starts Python afresh in its own browser, which takes ~10 s on two cores.
 */
import type { Locator, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { seriousViolationsInBothThemes } from './axe';
import { runEndlessLoop } from './endless-loop';
import { expect, test } from './fixtures';

/** The Python solutions, read from the files the site bundles (src/lib/keras/solutions.ts). */
const PYTHON_SOLUTIONS = {
  'identity-block': readFileSync('src/lib/keras/solutions/identity_block.py', 'utf8'),
  'convolutional-block': readFileSync('src/lib/keras/solutions/convolutional_block.py', 'utf8'),
  resnet50: readFileSync('src/lib/keras/solutions/resnet50.py', 'utf8'),
};

/** Starting Python, then grading: a minute leaves room on a busy machine; ResNet-50 adds its build. */
test.describe.configure({ timeout: 180_000 });

const cellOf = (page: Page) => page.locator('resnet-code-cell');
const checks = (page: Page) => cellOf(page).getByRole('listitem');

/** Opens an exercise page and turns its cell to Keras with the cell's own switch. */
async function openInKeras(page: Page, path: string): Promise<Locator> {
  await page.goto(path);
  const cell = cellOf(page);
  await cell.scrollIntoViewIfNeeded();
  await cell.getByRole('radio', { name: 'Keras' }).check();
  await expect(cell.getByRole('heading', { name: /Exercise: write (identity_block|convolutional_block|ResNet50)/ })).toBeVisible();
  return cell;
}

/** Replaces the cell's code as a reader would: select all in the editor, then type (insert) text. */
async function setCode(page: Page, text: string) {
  const editor = page.getByRole('textbox', { name: /^Code cell/ });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

async function runChecks(page: Page) {
  await cellOf(page).getByRole('button', { name: 'Run checks' }).click();
  await expect(cellOf(page).getByText(/^(All checks passed|\d+ of 5 checks failed|Syntax error on line \d+|Timed out)/)).toBeVisible({ timeout: 120_000 });
}

/** The Python solution with one change, which must be found in it. */
function slip(id: keyof typeof PYTHON_SOLUTIONS, find: string, replace: string): string {
  const changed = PYTHON_SOLUTIONS[id].replace(find, replace);
  if (changed === PYTHON_SOLUTIONS[id]) throw new Error(`test setup: ${find} not found in the ${id} solution`);
  return changed;
}

for (const [path, name] of [
  ['/lessons/identity-block/', 'identity_block'],
  ['/lessons/convolutional-block/', 'convolutional_block'],
  ['/lessons/resnet50/', 'ResNet50'],
] as const) {
  test(`${name}: the Keras solution passes every check, after Python downloads with a progress bar`, async ({ page }) => {
    const pyodide: string[] = [];
    page.on('request', (request) => request.url().includes('/pyodide/') && pyodide.push(new URL(request.url()).pathname));
    const cell = await openInKeras(page, path);
    await expect(cell.getByRole('status').filter({ hasText: /Downloading Python: [\d.]+ of 1\d\.\d MB|Starting Python…|Setting up Keras…/ })).toBeVisible();
    page.once('dialog', (dialog) => void dialog.accept());
    await cell.getByRole('button', { name: 'Show solution' }).click();
    await expect(page.getByRole('textbox', { name: `Code cell: your ${name}` })).toContainText(`def ${name}(`);
    await runChecks(page);
    await expect(cell.getByText('All checks passed')).toBeVisible();
    await expect(checks(page).filter({ hasText: '✓ pass' })).toHaveCount(5);
    await expect(cell.getByText(/Checked in [\d.]+ s \(Python with Keras on TF\.js's wasm backend, in a worker\)/)).toBeVisible();
    await expect(cell.getByRole('progressbar')).toBeHidden();
    expect(pyodide.every((file) => file.startsWith('/pyodide/'))).toBe(true);
    expect(pyodide).toContain('/pyodide/pyodide.asm.wasm');
  });
}

test('identity_block: the classic slips fail, each naming its step', async ({ page }) => {
  const cell = await openInKeras(page, '/lessons/identity-block/');
  await setCode(page, slip('identity-block', "padding = 'same', name = conv_name_base + '2b'", "padding = 'valid', name = conv_name_base + '2b'"));
  await runChecks(page);
  const shapes = checks(page).filter({ hasText: 'Output shape at every step' });
  await expect(shapes).toContainText('res1a_branch2b: expected (None, 4, 4, 4), got (None, 3, 3, 4)');
  await expect(shapes).toContainText("'valid' padding shrinks the map; this conv uses 'same'");
  await expect(checks(page).first()).toContainText("identity_block(X, 2, [2, 4, 6], 1, 'a') raised ValueError: Add needs tensors of the same shape");

  // The shortcut added before the last BatchNorm.
  await setCode(
    page,
    slip(
      'identity-block',
      "    X = BatchNormalization(axis = 3, name = bn_name_base + '2c')(X)\n\n    # Final step: add the shortcut to the main path, then apply a ReLU.\n    X = Add()([X, X_shortcut])\n",
      "    X = Add()([X, X_shortcut])\n    X = BatchNormalization(axis = 3, name = bn_name_base + '2c')(X)\n",
    ),
  );
  await runChecks(page);
  await expect(checks(page).filter({ hasText: 'Layer names, kernels, strides, padding and ReLUs' })).toContainText(
    'bn1a_branch2c reads from Add(input, res1a_branch2c); it should read from res1a_branch2c.',
  );
  await expect(cell.getByText('Done ✓')).toBeHidden();
});

test('convolutional_block: the classic slips fail, each naming its step', async ({ page }) => {
  await openInKeras(page, '/lessons/convolutional-block/');
  await setCode(page, slip('convolutional-block', "    X_shortcut = BatchNormalization(axis = 3, name = bn_name_base + '1')(X_shortcut)\n", ''));
  await runChecks(page);
  const shapes = checks(page).filter({ hasText: 'Output shape at every step' });
  await expect(shapes).toContainText('bn1a_branch1: expected (None, 2, 2, 6), but there is no layer named bn1a_branch1.');
  await expect(shapes).toContainText("write this step, and name it bn_name_base + '1'");

  // The stride on 2b instead of 2a.
  const stride = slip('convolutional-block', "strides = (s,s), name = conv_name_base + '2a'", "strides = (1,1), name = conv_name_base + '2a'").replace(
    "strides = (1,1), padding = 'same', name = conv_name_base + '2b'",
    "strides = (s,s), padding = 'same', name = conv_name_base + '2b'",
  );
  await setCode(page, stride);
  await runChecks(page);
  await expect(shapes).toContainText('res1a_branch2a: expected (None, 2, 2, 2), got (None, 4, 4, 2)');
  await expect(shapes).toContainText('this conv uses a stride of (2, 2), not (1, 1)');
});

test('Python reaches nothing outside its worker; a syntax error shows its line; an endless loop is stopped within about 10 s and Python stays loaded', async ({
  page,
}) => {
  const cell = await openInKeras(page, '/lessons/identity-block/');
  const leaks: string[] = [];
  page.on('request', (request) => request.url().includes('/leak') && leaks.push(request.url()));
  await setCode(page, slip('identity-block', '    X_shortcut = X\n', "    X_shortcut = X\n    import js\n    js.fetch('/leak')\n"));
  await runChecks(page);
  await expect(checks(page).first()).toContainText("identity_block(X, 2, [2, 4, 6], 1, 'a') raised Error: fetch is turned off in code cells");
  expect(leaks).toEqual([]);

  const broken = slip('identity-block', 'X_shortcut = X', 'X_shortcut = = X');
  const line = broken.split('\n').findIndex((l) => l.includes('X_shortcut = = X')) + 1;
  await setCode(page, broken);
  await runChecks(page);
  await expect(cell.getByText(`Syntax error on line ${line}: fix it and run the checks again.`)).toBeVisible();
  await expect(checks(page).first()).toContainText(`Syntax error (line ${line}, column`);

  await setCode(page, slip('identity-block', '    X_shortcut = X\n', '    X_shortcut = X\n    while True:\n        pass\n'));
  await runEndlessLoop(page);

  // The site is cross-origin isolated, so Python was interrupted rather than thrown away: the
  // next run needs no second download.
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await setCode(page, PYTHON_SOLUTIONS['identity-block']);
  await runChecks(page);
  await expect(cell.getByText('All checks passed')).toBeVisible();
  await expect(cell.getByRole('progressbar')).toBeHidden();
});

test('each language keeps its draft across a reload and a switch, and the lessons’ code tabs follow the choice', async ({ page }) => {
  await page.goto('/lessons/identity-block/');
  const cell = cellOf(page);
  await cell.scrollIntoViewIfNeeded();
  await setCode(page, '// my TF.js attempt\nfunction identityBlock() {}');
  await cell.getByRole('radio', { name: 'Keras' }).check();
  await expect(page.getByRole('textbox', { name: 'Code cell: your identity_block' })).toContainText('YOUR CODE HERE');
  await setCode(page, '# my Keras attempt\ndef identity_block(X, f, filters, stage, block):\n    return X');
  // The page's code tabs switched too.
  await expect(page.getByRole('tab', { name: 'Keras' }).first()).toHaveAttribute('aria-selected', 'true');

  await page.reload();
  await cell.scrollIntoViewIfNeeded();
  const keras = page.getByRole('textbox', { name: 'Code cell: your identity_block' });
  await expect(keras).toContainText('# my Keras attempt');
  await expect(cell.getByRole('radio', { name: 'Keras' })).toBeChecked();

  await cell.getByRole('radio', { name: 'TF.js' }).check();
  await expect(page.getByRole('textbox', { name: 'Code cell: your identityBlock' })).toContainText('// my TF.js attempt');

  // Picking Keras in a lesson's code tabs turns the cell too.
  await page.getByRole('tab', { name: 'Keras' }).first().click();
  await expect(keras).toContainText('# my Keras attempt');
  await expect(cell.getByRole('radio', { name: 'Keras' })).toBeChecked();
});

test('the cell in Keras, loading and graded, has no serious accessibility violations in either theme', async ({ page }) => {
  const cell = await openInKeras(page, '/lessons/convolutional-block/');
  const loading = cell.getByRole('status').filter({ has: page.getByRole('progressbar') });
  await expect(loading).toBeVisible();
  const found = (await seriousViolationsInBothThemes(page, 'resnet-code-cell')).map((v) => `loading, ${v}`);
  await setCode(page, slip('convolutional-block', "    X_shortcut = BatchNormalization(axis = 3, name = bn_name_base + '1')(X_shortcut)\n", ''));
  await runChecks(page);
  found.push(...(await seriousViolationsInBothThemes(page, 'resnet-code-cell')).map((v) => `graded, ${v}`));
  expect(found).toEqual([]);
});
