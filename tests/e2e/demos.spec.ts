import { expect, test } from './fixtures';
import { reach } from './live';

test('lesson 2: stacked residual blocks with gamma 0 are exactly the identity; plain stacks vanish or fade', async ({ page }) => {
  // N comes from the address, as every component's settings do.
  await page.goto('/lessons/residual-networks/?n=3');
  const demo = page.locator('resnet-identity-demo');
  await reach(page, 'resnet-identity-demo');
  await expect(demo.getByLabel('N', { exact: true })).toHaveValue('3');
  await demo.getByRole('button', { name: 'Stack the blocks' }).click();
  const table = demo.getByRole('table', { name: /^How each stack's output compares with its input/ });
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(3, { timeout: 60_000 });
  const sizes: number[] = [];
  for (let i = 0; i < 3; i++) {
    await expect(rows.nth(i).getByRole('rowheader')).toHaveText(String(i + 1));
    // change and size of: residual with gamma 0, plain with gamma 0, plain at its default start.
    const cells = rows.nth(i).getByRole('cell');
    await expect(cells).toHaveText(['0', '1', '1', '0', /^0\.9\d\d$/, /^0\.\d+$/]);
    sizes.push(Number(await cells.nth(5).textContent()));
  }
  // The plain stack's default start keeps about a third of the signal per block (0.32, 0.10, 0.036).
  expect(sizes[0]).toBeGreaterThan(0.25);
  expect(sizes[0]).toBeLessThan(0.4);
  expect(sizes[1]! / sizes[0]!).toBeLessThan(0.5);
  expect(sizes[2]! / sizes[1]!).toBeLessThan(0.5);
  await expect(demo.getByRole('status')).toContainText(
    'With 3 blocks: the residual stack returns its input exactly (change 0); the plain stack with gamma 0 returns all zeros (size 0);',
  );
  await demo.getByLabel('N', { exact: true }).fill('99');
  await expect(demo.getByText('N can be at most 12 here.')).toBeVisible();
  await expect(demo.getByRole('button', { name: 'Stack the blocks' })).toBeDisabled();
});

test('lesson 1: the plain network’s early gradients vanish, the residual network’s do not', async ({ page }) => {
  test.setTimeout(150_000);
  // The depth comes from the address, as every component's settings do.
  await page.goto('/lessons/deep-networks/?depth=6');
  const demo = page.locator('resnet-gradient-demo');
  await reach(page, 'resnet-gradient-demo');
  const depth = demo.getByLabel('depth', { exact: true });
  await expect(depth).toHaveValue('6');
  await expect(demo.getByText('Plain network', { exact: true })).toBeVisible();
  await expect(demo.getByText('Residual network', { exact: true })).toBeVisible();
  const train = demo.getByRole('button', { name: 'Train side by side' });
  await train.click();
  const status = demo.getByRole('status').filter({ hasNotText: /^\s*Loading the live/ });
  await expect(status).toContainText(/Depth 6: in the plain network the early layer's gradient is [\d.e+]+ times smaller/, { timeout: 70_000 });
  await expect(demo.getByText(/Plain network after 40 steps: gradient norm/)).toBeVisible();
  await expect(demo.locator('svg[role="img"] .series.early')).toHaveCount(2);
  // One log scale for both charts, labelled in powers of ten: the same tick labels on each.
  const ticks = demo.locator('svg[role="img"] .y-axis');
  await expect(ticks.first()).toHaveText(/^(10−?\d+)+$/);
  expect(await ticks.nth(1).textContent()).toBe(await ticks.first().textContent());

  // Another depth: the results say whose they are until the reader trains again.
  const note = demo.getByText('These results are for depth 6. Train again to see depth 4.');
  await depth.fill('4');
  await expect(note).toBeVisible();
  await expect(page).toHaveURL(/\?depth=4$/);
  await depth.fill('6');
  await expect(note).toBeHidden();
  await expect(demo.getByText(/^These results are for depth/)).toBeHidden();
  await depth.fill('4');
  await expect(note).toBeVisible();
  await train.click();
  await expect(note).toBeHidden();
  await expect(status).toContainText(/^Depth 4: /, { timeout: 70_000 });
  await expect(demo.getByText(/^These results are for depth/)).toBeHidden();

  await depth.fill('2');
  await expect(demo.getByText('depth must be at least 3.')).toBeVisible();
  await expect(demo.getByText('These results are for depth 4.', { exact: true })).toBeVisible();
});

test('lesson 1: a depth in the address that the demo cannot use gets a message, not an error', async ({ page }) => {
  await page.goto('/lessons/deep-networks/?depth=sixty');
  const demo = page.locator('resnet-gradient-demo');
  await reach(page, 'resnet-gradient-demo');
  await expect(demo.getByLabel('depth', { exact: true })).toHaveValue('sixty');
  await expect(demo.getByLabel('depth', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(demo.getByText('depth must be a whole number, such as 20.')).toBeVisible();
  await expect(demo.getByRole('button', { name: 'Train side by side' })).toBeDisabled();
});
