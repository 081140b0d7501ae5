/**
 * The messages between a page and its kernel: one worker per page and language that runs the
 * page's code cells, as a notebook's kernel does, and grades exercises. Cells share the kernel's
 * namespace in the order they run; grading runs the graded cell in a fresh namespace of its own,
 * so a grade never depends on what other cells left behind. Only plain data crosses.
 *
 * A run streams what it prints (`stream`), what it shows (`display`: the value of its last
 * expression, a model's summary) and, while a `fit` trains, points for the live chart (`fit`);
 * then `done`, with the error as the learner's own traceback when it raised.
 */
import type { Blocked } from '../grading/blocked';
import type { CodePosition, ExerciseId, GradeReport, Language } from '../grading/types';

export type { Language };

/** What loading the kernel has got to: for Keras, bytes of Python received of the total known. */
export interface LoadProgress {
  stage: 'runtime' | 'keras' | 'ready';
  message: string;
  loaded: number;
  total: number;
}

export type ToKernel =
  /** The first message: the language, and where the page is cross-origin isolated the memory it
   * shares: `interrupt[0] = 2` stops running Python (KeyboardInterrupt); Python writes the cell's
   * running line to `lines[0]`. */
  | { type: 'start'; language: Language; interrupt?: Int32Array; lines?: Int32Array }
  /**
   * Runs `source` in the kernel's namespace; `run` is the page's execution count, the cell's [n].
   * With `reference`, runs it instead in a scratch namespace after the course's solution of that
   * exercise, leaving the kernel's own namespace alone: the output a correct solution gives.
   */
  | { type: 'run'; run: number; source: string; reference?: ExerciseId }
  /** Runs the graded cell on its own and checks it. */
  | { type: 'grade'; run: number; id: ExerciseId; source: string }
  /** Stops a TF.js run at its next await (a `fit` between batches); Python stops through `interrupt`. */
  | { type: 'stop'; run: number }
  /** Forgets every name the cells defined and frees their tensors; the runtime stays loaded. */
  | { type: 'reset' };

/** A value as a cell shows it. */
export type DisplayData =
  /** A value's text (Python's repr, a JavaScript value written out), already abbreviated. */
  | { kind: 'text'; text: string }
  /** A tensor or array: its shape in Keras notation, dtype, and values abbreviated as NumPy does. */
  | { kind: 'tensor'; shape: string; dtype: string; text: string }
  /** A model: its summary table, as Keras prints it. */
  | { kind: 'model'; name: string; lines: string[] }
  /** A line from the course about the cell itself ("Skipped %matplotlib inline: …"). */
  | { kind: 'note'; text: string };

/** A point for the live chart of a `fit` (Keras `model.fit` or TF.js `model.fit` with the course's callback). */
export type FitEvent =
  | { kind: 'begin'; epochs: number; batchesPerEpoch: number; validation: boolean }
  | { kind: 'batch'; epoch: number; batch: number; loss: number; accuracy: number }
  | { kind: 'epoch'; epoch: number; loss: number; accuracy: number; valLoss?: number; valAccuracy?: number }
  | { kind: 'end'; stopped: boolean };

/** An error as the cell shows it: the learner's own traceback, not the kernel's. */
export interface CellError {
  /** syntax: the cell does not parse; runtime: it raised; interrupted: Stop or the time limit. */
  kind: 'syntax' | 'runtime' | 'interrupted';
  /** The exception's class: 'NameError', 'TypeError', 'Error', … */
  type: string;
  message: string;
  /** Traceback lines in the learner's cell, outermost first ("line 3, in identity_block"), with the code. */
  traceback: string[];
  position?: CodePosition;
}

export type RunStatus = 'ok' | 'error' | 'stopped';

export type FromKernel =
  | { type: 'ready'; backend: string }
  | { type: 'progress'; progress: LoadProgress }
  | { type: 'failed'; message: string }
  /** Printed text, in order; a flood arrives in batches, and past the cell's bound is counted, not sent. */
  | { type: 'stream'; run: number; name: 'stdout' | 'stderr'; text: string }
  | { type: 'display'; run: number; data: DisplayData }
  | { type: 'fit'; run: number; event: FitEvent }
  /** The run is over. `omitted`: output past the bound, left out. */
  | { type: 'done'; run: number; status: RunStatus; ms: number; error?: CellError; omitted?: { lines: number; chars: number } }
  | { type: 'report'; run: number; report: GradeReport; ms: number; backend: string }
  /** The code tried to reach outside the sandbox and was refused (sent at once, run or not). */
  | { type: 'blocked'; blocked: Blocked };
