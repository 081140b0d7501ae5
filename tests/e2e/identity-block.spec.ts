import { expect, test } from './fixtures';

test('the identity block is built with TF.js on WebGL, and its real shapes match the trace', async ({ page }, testInfo) => {
  await page.goto('/lessons/identity-block/');
  const figure = page.locator('resnet-block-layers');
  await figure.scrollIntoViewIfNeeded();
  await expect(figure.getByRole('status')).toContainText('every shape matches the trace', { timeout: 90_000 });

  const row = (step: string) => figure.locator(`tr[data-step="${step}"]`);
  await expect(row('res1a_branch2a')).toContainText('(None, 4, 4, 2)');
  await expect(row('res1a_branch2a').locator('[data-real]')).toHaveText('(3, 4, 4, 2)');
  await expect(row('res1a_branch2b').locator('[data-real]')).toHaveText('(3, 4, 4, 4)');
  await expect(row('bn1a_branch2c').locator('[data-real]')).toHaveText('(3, 4, 4, 6)');
  await expect(row('relu_1a').locator('[data-real]')).toHaveText('(3, 4, 4, 6)');
  await expect(figure.locator('[data-agrees="false"]')).toHaveCount(0);

  const backend = figure.locator('[data-backend]');
  await expect(backend).toHaveAttribute('data-name', 'webgl');
  const renderer = (await backend.textContent()) ?? '';
  testInfo.annotations.push({ type: 'GPU renderer', description: renderer });
  process.stdout.write(`${renderer}\n`);
  expect(renderer).toMatch(/GPU renderer: \S+/);
});
