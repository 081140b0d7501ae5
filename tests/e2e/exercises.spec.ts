import { SOLUTIONS } from '../../src/lib/grading/solutions';
import { checks, setCode } from './cells';
import { runEndlessLoop } from './endless-loop';
import { expect, test } from './fixtures';

test.describe('the identity block exercise', () => {
  test('a correct solution passes every check, and the lesson is marked done after a reload', async ({ page }) => {
    await page.goto('/lessons/identity-block/');
    await setCode(page, SOLUTIONS['identity-block']);
    await page.getByRole('button', { name: 'Run checks' }).click();
    await expect(page.getByText('All checks passed')).toBeVisible({ timeout: 60_000 });
    await expect(checks(page).filter({ hasText: '✓ pass' })).toHaveCount(5);
    await expect(page.locator('resnet-code-cell').getByText(/\(TF\.js wasm backend, in a worker\)/)).toBeVisible();
    await expect(page.getByText('Done ✓')).toBeVisible();
    await page.goto('/');
    await page.reload();
    await expect(page.locator('main .lesson-list a[href="/lessons/identity-block/"] .exercise-done')).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' }).locator('a[href="/lessons/identity-block/"] .exercise-done')).toBeVisible();
    await expect(page.locator('main .lesson-list a[href="/lessons/resnet50/"] .exercise-done')).toHaveCount(0);
  });

  test("a wrong solution fails and names the step: 'valid' padding on 2b", async ({ page }) => {
    await page.goto('/lessons/identity-block/');
    await setCode(page, SOLUTIONS['identity-block'].replace("padding: 'same'", "padding: 'valid'"));
    await page.getByRole('button', { name: 'Run checks' }).click();
    await expect(page.getByText(/checks failed/)).toBeVisible({ timeout: 60_000 });
    const shapes = checks(page).filter({ hasText: 'Output shape at every step' });
    await expect(shapes).toContainText('✗ fail');
    await expect(shapes).toContainText('res1a_branch2b: expected (None, 4, 4, 4), got (None, 3, 3, 4)');
    await expect(shapes).toContainText("'valid' padding shrinks the map; this conv uses 'same'");
    await expect(page.getByText('Done ✓')).toBeHidden();
  });

  test('an endless loop times out within about 10 s and the page stays usable', async ({ page }) => {
    // The 10 s limit, a fresh worker and a second grading, with room for a busy machine.
    test.setTimeout(90_000);
    await page.goto('/lessons/identity-block/');
    await setCode(page, SOLUTIONS['identity-block'].replace('const XShortcut = X;', 'const XShortcut = X;\n  while (true) {}'));
    await runEndlessLoop(page);
    // A fresh worker grades the next run.
    await setCode(page, SOLUTIONS['identity-block']);
    await page.getByRole('button', { name: 'Run checks' }).click();
    await expect(page.getByText('All checks passed')).toBeVisible({ timeout: 60_000 });
  });

  test('a syntax error shows its line', async ({ page }) => {
    await page.goto('/lessons/identity-block/');
    const source = SOLUTIONS['identity-block'].replace('const XShortcut = X;', 'const XShortcut = ;');
    const line = source.split('\n').findIndex((l) => l.includes('const XShortcut = ;')) + 1;
    await setCode(page, source);
    await page.getByRole('button', { name: 'Run checks' }).click();
    await expect(page.getByText(`Syntax error on line ${line}`)).toBeVisible({ timeout: 60_000 });
    await expect(checks(page).first()).toContainText(`Syntax error (line ${line}`);
  });

  test('the draft survives a reload; Reset asks first, then restores the skeleton', async ({ page }) => {
    await page.goto('/lessons/identity-block/');
    await setCode(page, '// my attempt\nfunction identityBlock() {}');
    // At once: a draft still waiting for typing to pause is saved as the page goes away.
    await page.reload();
    const editor = page.getByRole('textbox', { name: /^Code cell/ });
    await expect(editor).toContainText('// my attempt');
    page.once('dialog', (dialog) => void dialog.dismiss());
    await page.getByRole('button', { name: 'Reset' }).click();
    await expect(editor).toContainText('// my attempt');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Reset' }).click();
    await expect(editor).toContainText('YOUR CODE HERE');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Show solution' }).click();
    await expect(editor).toContainText('tf.layers.add().apply([X, XShortcut])');
  });

  test('a corrupt saved record is reset with a notice', async ({ page }) => {
    await page.addInitScript(() => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('resnet-live:progress', '{"version": 0, "done": 42}');
        sessionStorage.setItem('seeded', '1');
      }
    });
    await page.goto('/lessons/identity-block/');
    await expect(page.getByRole('status').filter({ hasText: 'Your saved progress came from an older version of the course, so it was reset' })).toBeVisible();
    await page.locator('resnet-code-cell').scrollIntoViewIfNeeded();
    await expect(page.getByRole('button', { name: 'Run checks' })).toBeEnabled();
  });
});

test('the convolutional block exercise passes with a correct solution', async ({ page }) => {
  await page.goto('/lessons/convolutional-block/');
  await setCode(page, SOLUTIONS['convolutional-block']);
  await page.getByRole('button', { name: 'Run checks' }).click();
  await expect(page.getByText('All checks passed')).toBeVisible({ timeout: 60_000 });
});

test('the ResNet-50 exercise names the stage that is wrong', async ({ page }) => {
  await page.goto('/lessons/resnet50/');
  await setCode(page, SOLUTIONS.resnet50.replace("3, 'a', 2)", "3, 'a', 1)"));
  await page.getByRole('button', { name: 'Run checks' }).click();
  const shapes = checks(page).filter({ hasText: 'Output shape at every step' });
  await expect(shapes).toContainText('res3a_branch2a: expected (None, 8, 8, 128), got (None, 15, 15, 128)', { timeout: 60_000 });
});
