/**
 * What the notebook cell's code needs from its markup (NotebookCell.astro; CellRunner's parts are
 * in CodeCell.astro too): found once by `findParts` (../parts.ts), and checked against the
 * rendered markup by tests/components/cells.test.ts.
 */
import type { PartTable } from '../parts';

/** <resnet-notebook-cell>. The expected output is there only in a test cell (`expect`). */
export const NOTEBOOK_CELL_PARTS = {
  title: ['.nb-title', 'p'],
  editor: ['[data-editor]', 'div'],
  run: ['[data-run]', 'button'],
  runAbove: ['[data-run-above]', 'button'],
  stop: ['[data-stop]', 'button'],
  restart: ['[data-restart]', 'button'],
  status: ['[data-run-status]', 'span'],
  expectedBox: ['[data-expected-box]', 'div', 'optional'],
  expected: ['[data-expected]', 'div', 'optional'],
} as const satisfies PartTable;

/** A cell's run (cell-runner.ts), in both kinds of cell. */
export const CELL_RUNNER_PARTS = {
  count: ['[data-count]', 'span'],
  output: ['[data-output]', 'div'],
  status: ['[data-run-status]', '*'],
} as const satisfies PartTable;
