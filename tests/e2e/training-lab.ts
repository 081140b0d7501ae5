/**
 * The training lab as a reader finds it, for the specs that train: its parts by role, label and
 * visible text, and the smallest run (the Tiny preset, a few batches). Real speed is the
 * benchmark's business, never a browser test's.
 */
import type { Page } from '@playwright/test';

export function trainingLab(page: Page) {
  const lab = page.locator('resnet-training-lab');
  return {
    lab,
    train: lab.getByRole('button', { name: 'Train', exact: true }),
    stop: lab.getByRole('button', { name: 'Stop' }),
    status: lab.getByRole('status', { name: 'Training status' }),
    progress: lab.getByRole('progressbar', { name: 'Training progress' }),
    /** The line under the lab that names the backend, why it was chosen, and what it holds. */
    engine: lab.getByText(/^Backend: /),
    loss: lab.getByRole('img', { name: 'Loss per training step' }),
  };
}

/**
 * For a run that a test pauses or stops: the most epochs the lab takes, so the run holds more
 * steps than any machine trains while the test acts, and only Stop ends it, however fast or slow
 * the backend. A test that waits for a run to finish keeps to a few batches instead.
 */
export const UNTIL_STOPPED = { epochs: '50' } as const;

/** Opens the lab with the Tiny preset and a few batches; `settings` (field label → text) override. */
export async function tinyRun(page: Page, settings: Record<string, string> = {}) {
  await page.goto('/lessons/training/');
  await page.getByLabel('model', { exact: true }).selectOption('tiny');
  const values = { 'training images': '48', 'batch size': '16', epochs: '1', ...settings };
  for (const [label, value] of Object.entries(values)) await page.getByLabel(label, { exact: true }).fill(value);
}
