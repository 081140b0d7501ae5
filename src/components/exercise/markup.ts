/**
 * What the graded cell's code needs from its markup (CodeCell.astro): found once by `findParts`
 * (../parts.ts), and checked against the rendered markup by tests/components/cells.test.ts.
 */
import type { PartTable } from '../parts';

/** <resnet-code-cell>. */
export const CODE_CELL_PARTS = {
  done: ['[data-done]', 'span'],
  language: ['[data-language]', 'fieldset'],
  notice: ['[data-notice]', 'p'],
  python: ['[data-python]', 'div'],
  editor: ['[data-editor]', 'div'],
  run: ['[data-run]', 'button'],
  reset: ['[data-reset]', 'button'],
  solution: ['[data-solution]', 'button'],
  status: ['[data-status]', 'span'],
  verdict: ['[data-verdict]', 'p'],
  blocked: ['[data-blocked]', 'div'],
  checks: ['[data-checks]', 'ol'],
} as const satisfies PartTable;

/** The Keras loading bar, under `[data-python]` (python-loading.ts). */
export const PYTHON_LOADING_PARTS = {
  text: ['[data-python-text]', 'span'],
  bar: ['progress', 'progress'],
} as const satisfies PartTable;
