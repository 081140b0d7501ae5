/**
 * What a reader sees when their code never ends, in either language: they press Run checks, the
 * page keeps answering (the identity block's explorer re-traces an edit), and within about 10 s
 * the cell says it stopped the code.
 */
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

export async function runEndlessLoop(page: Page): Promise<void> {
  const started = Date.now();
  await page.locator('resnet-code-cell').getByRole('button', { name: 'Run checks' }).click();
  await page.getByLabel('Height', { exact: true }).fill('5');
  await expect(page.locator('resnet-block-explorer').getByRole('row').filter({ hasText: 'ReLU after the add' })).toContainText('(None, 5, 4, 6)');
  await expect(page.locator('resnet-code-cell').getByText(/Timed out: the code ran longer than the 10 s limit/)).toBeVisible({ timeout: 30_000 });
  expect(Date.now() - started).toBeLessThan(25_000);
}
