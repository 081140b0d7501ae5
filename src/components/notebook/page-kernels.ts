/**
 * The page's kernels and cells. A page has one kernel per language, shared by every cell on it,
 * graded or not, so a function defined in one cell is there for the next, as in a notebook.
 * Cells register here in page order, for Run all above and for Shift+Enter's move to the next.
 */
import type { Language } from '../../lib/grading/types';
import { Kernel } from './kernel-client';

const kernels: Partial<Record<Language, Kernel>> = {};

/** The page's kernel for `language`, made on first use (its worker starts on `warm` or a run). */
export function kernelFor(language: Language): Kernel {
  return (kernels[language] ??= new Kernel(language));
}

/** What the page needs of a cell, graded or not. */
export interface PageCell extends HTMLElement {
  /** Runs the cell in its language's kernel, showing its output; resolves, when the run is over, with whether it ran cleanly. */
  runCell(): Promise<boolean>;
  /** Puts the keyboard in the cell's code. */
  focusCode(): void;
}

/** The page's cells, live ones, in document order. */
export function pageCells(): PageCell[] {
  return [...document.querySelectorAll<HTMLElement>('resnet-notebook-cell, resnet-code-cell')].filter(
    (element): element is PageCell => typeof (element as Partial<PageCell>).runCell === 'function',
  );
}

/** Runs every live cell above `cell`, in order; as in Jupyter, a cell that fails or is stopped ends the sequence. */
export async function runAllAbove(cell: HTMLElement): Promise<boolean> {
  const above = pageCells().filter((other) => other.compareDocumentPosition(cell) & Node.DOCUMENT_POSITION_FOLLOWING);
  for (const other of above) if (!(await other.runCell())) return false;
  return true;
}

/** Moves the keyboard to the cell after `cell`, as Shift+Enter does in a notebook. */
export function focusNext(cell: HTMLElement): void {
  const next = pageCells().find((other) => cell.compareDocumentPosition(other) & Node.DOCUMENT_POSITION_FOLLOWING);
  next?.focusCode();
  next?.scrollIntoView({ block: 'nearest' });
}
