/**
 * Helpers for the graded code cells, used as a reader uses them: open the cell in a language,
 * replace its code, press Run checks and wait for the verdict.
 */
import type { Locator, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expect } from './fixtures';

/** The Python solutions, read from the files the site bundles (src/components/python/solutions.ts). */
export const PYTHON_SOLUTIONS = {
  'identity-block': readFileSync('src/lib/keras/solutions/identity_block.py', 'utf8'),
  'convolutional-block': readFileSync('src/lib/keras/solutions/convolutional_block.py', 'utf8'),
  resnet50: readFileSync('src/lib/keras/solutions/resnet50.py', 'utf8'),
};

export const cellOf = (page: Page) => page.locator('resnet-code-cell');

/** The cell's list of checks, one item each, with its verdict. */
export const checks = (page: Page) => cellOf(page).getByRole('listitem');

/** Opens an exercise page and turns its cell to Keras with the cell's own switch. */
export async function openInKeras(page: Page, path: string): Promise<Locator> {
  await page.goto(path);
  const cell = cellOf(page);
  await cell.scrollIntoViewIfNeeded();
  await cell.getByRole('radio', { name: 'Keras' }).check();
  await expect(cell.getByRole('heading', { name: /Exercise: write (identity_block|convolutional_block|ResNet50)/ })).toBeVisible();
  return cell;
}

/** Replaces the cell's code as a reader would: select all in the editor, then type (insert) text. */
export async function setCode(page: Page, text: string) {
  // The editor loads as the cell nears the viewport, as a reader scrolling down would see it.
  await cellOf(page).scrollIntoViewIfNeeded();
  const editor = page.getByRole('textbox', { name: /^Code cell/ });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

/**
 * Presses Run checks and waits until the run is over: the button, disabled while it runs, comes
 * back, and a verdict shows. Python's first run downloads it first, hence the long wait.
 */
export async function runChecks(page: Page) {
  const run = cellOf(page).getByRole('button', { name: 'Run checks' });
  await run.click();
  await expect(run).toBeEnabled({ timeout: 120_000 });
  await expect(cellOf(page).getByText(/^(All checks passed|\d+ of 5 checks failed|Syntax error on line \d+|Timed out)/)).toBeVisible();
}

/** `source` with one change, which must be found in it. */
export function slip(source: string, find: string, replace: string): string {
  const changed = source.replace(find, replace);
  if (changed === source) throw new Error(`test setup: ${find.trim()} not found`);
  return changed;
}
