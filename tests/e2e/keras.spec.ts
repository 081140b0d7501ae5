/**
 * The graded cells in Keras: a reader picks Keras, Python downloads behind a progress bar, and
 * their Python is graded by the same checks as TF.js code, naming the step at fault. Each test
 * starts Python afresh in its own browser, which takes ~10 s on two cores.
 */
import { seriousViolationsInBothThemes } from './axe';
import { cellOf, checks, openInKeras, PYTHON_SOLUTIONS, runChecks, setCode, slip } from './cells';
import { runEndlessLoop } from './endless-loop';
import { expect, test } from './fixtures';

/** Starting Python, then grading: a minute leaves room on a busy machine; ResNet-50 adds its build. */
test.describe.configure({ timeout: 180_000 });

/** The Python solution of `id` with one change, which must be found in it. */
const slipIn = (id: keyof typeof PYTHON_SOLUTIONS, find: string, replace: string) => slip(PYTHON_SOLUTIONS[id], find, replace);

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
  await setCode(page, slipIn('identity-block', "padding = 'same', name = conv_name_base + '2b'", "padding = 'valid', name = conv_name_base + '2b'"));
  await runChecks(page);
  const shapes = checks(page).filter({ hasText: 'Output shape at every step' });
  await expect(shapes).toContainText('res1a_branch2b: expected (None, 4, 4, 4), got (None, 3, 3, 4)');
  await expect(shapes).toContainText("'valid' padding shrinks the map; this conv uses 'same'");
  await expect(checks(page).first()).toContainText("identity_block(X, 2, [2, 4, 6], 1, 'a') raised ValueError: Add needs tensors of the same shape");

  // The shortcut added before the last BatchNorm.
  await setCode(
    page,
    slipIn(
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
  await setCode(page, slipIn('convolutional-block', "    X_shortcut = BatchNormalization(axis = 3, name = bn_name_base + '1')(X_shortcut)\n", ''));
  await runChecks(page);
  const shapes = checks(page).filter({ hasText: 'Output shape at every step' });
  await expect(shapes).toContainText('bn1a_branch1: expected (None, 2, 2, 6), but there is no layer named bn1a_branch1.');
  await expect(shapes).toContainText("write this step, and name it bn_name_base + '1'");

  // The stride on 2b instead of 2a.
  const stride = slipIn('convolutional-block', "strides = (s,s), name = conv_name_base + '2a'", "strides = (1,1), name = conv_name_base + '2a'").replace(
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
  await setCode(page, slipIn('identity-block', '    X_shortcut = X\n', "    X_shortcut = X\n    import js\n    js.fetch('/leak')\n"));
  await runChecks(page);
  await expect(checks(page).first()).toContainText("identity_block(X, 2, [2, 4, 6], 1, 'a') raised Error: fetch is turned off in code cells");
  expect(leaks).toEqual([]);

  const broken = slipIn('identity-block', 'X_shortcut = X', 'X_shortcut = = X');
  const line = broken.split('\n').findIndex((l) => l.includes('X_shortcut = = X')) + 1;
  await setCode(page, broken);
  await runChecks(page);
  await expect(cell.getByText(`Syntax error on line ${line}: fix it and run the checks again.`)).toBeVisible();
  await expect(checks(page).first()).toContainText(`Syntax error (line ${line}, column`);

  await setCode(page, slipIn('identity-block', '    X_shortcut = X\n', '    X_shortcut = X\n    while True:\n        pass\n'));
  await runEndlessLoop(page);
  await expect(cell.getByText(/stopped on line (\d+)\. Look for a loop that never ends\./)).toBeVisible();

  // The site is cross-origin isolated, so Python was interrupted rather than thrown away: the
  // next run needs no second download.
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await setCode(page, PYTHON_SOLUTIONS['identity-block']);
  await runChecks(page);
  await expect(cell.getByText('All checks passed')).toBeVisible();
  await expect(cell.getByRole('progressbar')).toBeHidden();
});

// A single long call never lets Python's interrupt raise: the worker is terminated, and the
// cell says where the code was from the line Python wrote to the page's shared memory.
test('a run stopped at the time limit is named for what it was, and its line is marked', async ({ page }) => {
  test.setTimeout(240_000);
  const cell = await openInKeras(page, '/lessons/identity-block/');
  for (const [code, says] of [
    ['time.sleep(30)', 'The call on that line did not finish in time.'],
    ['total = sum(range(10**12))', 'The call on that line did not finish in time.'],
  ] as const) {
    const source = `import time\n${slipIn('identity-block', '    X_shortcut = X\n', `    X_shortcut = X\n    ${code}\n`)}`;
    const line = source.split('\n').indexOf(`    ${code}`) + 1;
    await setCode(page, source);
    await runChecks(page);
    await expect(cell.getByText(`Timed out: the code ran longer than the 10 s limit and was stopped on line ${line}. ${says}`)).toBeVisible();
    await expect(cell.locator('.cm-lintRange-error')).toContainText(code.slice(0, 10));
  }
  await setCode(page, PYTHON_SOLUTIONS['identity-block']);
  await runChecks(page);
  await expect(cell.getByText('All checks passed')).toBeVisible();
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
  await setCode(page, slipIn('convolutional-block', "    X_shortcut = BatchNormalization(axis = 3, name = bn_name_base + '1')(X_shortcut)\n", ''));
  await runChecks(page);
  found.push(...(await seriousViolationsInBothThemes(page, 'resnet-code-cell')).map((v) => `graded, ${v}`));
  expect(found).toEqual([]);
});
