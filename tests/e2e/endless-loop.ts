/**
 * What a reader sees when their code never ends, in either language: they press Run checks, the
 * page keeps answering (the identity block's explorer re-traces an edit), and within about 10 s
 * the cell says it stopped the code.
 */
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

export async function runEndlessLoop(page: Page): Promise<void> {
  await page.locator('resnet-code-cell').getByRole('button', { name: 'Run checks' }).click();
  await page.getByLabel('Height', { exact: true }).fill('5');
  await expect(page.locator('resnet-block-explorer').getByRole('row').filter({ hasText: 'ReLU after the add' })).toContainText('(None, 5, 4, 6)');
  // The page's own clock holds the 10 s limit, and the message says so when it stops the code;
  // the wait only needs room for a busy machine to start the worker and report. A loop that is
  // never stopped never shows the message, and the wait fails.
  await expect(page.locator('resnet-code-cell').getByText(/Timed out: the code ran longer than the 10 s limit/)).toBeVisible({ timeout: 45_000 });
}
