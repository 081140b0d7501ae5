/**
 * Helpers for the notebook cells, used as a reader uses them: find a cell by its title, type
 * into it, press Run and wait for the run to end, read its output.
 */
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

/** The notebook cell titled `title` on the page. */
export function notebookCell(page: Page, title: string): Locator {
  return page.locator('resnet-notebook-cell').filter({ has: page.getByText(title, { exact: true }) });
}

/** The cell's editor, once it has loaded. */
export function editorOf(cell: Locator, title: string): Locator {
  return cell.getByRole('textbox', { name: `Notebook cell: ${title}` });
}

/** Replaces the cell's code as a reader would: select all in the editor, then type (insert) text. */
export async function typeInto(page: Page, title: string, text: string): Promise<Locator> {
  const cell = notebookCell(page, title);
  await cell.scrollIntoViewIfNeeded();
  const editor = editorOf(cell, title);
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
  return cell;
}

/** How a finished run's status line begins. */
export const FINISHED = /^(Ran in|Stopped in|Stopped;|Not run|[A-Z]\w*(Error|Exception|Interrupt) in)/;

/**
 * Presses the cell's Run and waits for the run to end: its status line says how it ended, and its
 * count is a number. Python's first run downloads it first, hence the long wait.
 */
export async function runCell(cell: Locator, timeout = 120_000): Promise<void> {
  // The cell goes live as it nears the screen, as a reader scrolling to it would see.
  await cell.scrollIntoViewIfNeeded();
  await cell.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(cell.locator('[data-run-status]')).toHaveText(FINISHED, { timeout });
}

/** The cell's own output (not the expected output beside a test cell's). */
export const outputOf = (cell: Locator) => cell.locator('[data-output]');
