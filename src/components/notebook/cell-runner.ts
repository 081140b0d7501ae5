/**
 * One cell's run, as the reader sees it: the execution count (`[*]` while queued or running, then
 * the kernel's `[n]`), the busy state, the output under the code, the error marked on its line,
 * and a status line that says how the run ended. Graded and ungraded cells share it.
 *
 * The cell's markup provides `[data-count]`, `[data-output]` and `[data-run-status]` (CELL_RUNNER_PARTS).
 */
import { describeBlocked, type Blocked } from '../../lib/grading/blocked';
import type { Editor } from '../exercise/editor';
import { renderBlocked } from '../exercise/cell-results';
import { CellOutput } from './cell-output';
import type { Kernel, RunOutcome } from './kernel-client';
import { findParts, type Parts } from '../parts';
import { CELL_RUNNER_PARTS } from './markup';

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 1000 ? 2 : 1)} s`;

export class CellRunner {
  readonly #root: HTMLElement;
  readonly #parts: Parts<typeof CELL_RUNNER_PARTS>;
  readonly #output: CellOutput;
  #running = false;

  constructor(root: HTMLElement) {
    this.#root = root;
    this.#parts = findParts(root, CELL_RUNNER_PARTS);
    this.#output = new CellOutput(this.#parts.output);
  }

  get running(): boolean {
    return this.#running;
  }

  #count(text: string) {
    this.#parts.count.textContent = `[${text}]`;
  }

  #status(text: string) {
    this.#parts.status.textContent = text;
  }

  /** Runs `source` in `kernel`, showing everything it prints under the cell. Resolves with the outcome. */
  async run(kernel: Kernel, source: string, editor?: Editor): Promise<RunOutcome> {
    this.#running = true;
    const output = this.#parts.output;
    this.#root.dataset.busy = 'true';
    output.setAttribute('aria-busy', 'true');
    this.#count('*');
    this.#status(kernel.language === 'keras' && !kernel.ready ? 'Waiting for Python to load…' : 'Queued…');
    editor?.markError(null);
    this.#output.clear();
    const attempts: string[] = [];
    let blockedBox: HTMLElement | undefined;
    const onBlocked = (attempt: Blocked) => {
      const line = describeBlocked(attempt);
      if (attempts.includes(line)) return;
      attempts.push(line);
      blockedBox ??= Object.assign(this.#root.ownerDocument.createElement('div'), { className: 'cell-blocked' });
      blockedBox.setAttribute('role', 'alert');
      output.append(blockedBox);
      renderBlocked(blockedBox, attempts);
    };
    try {
      const outcome = await kernel.run(source, {
        started: () => this.#status('Running…'),
        stream: (name, text) => this.#output.stream(name, text),
        display: (data) => this.#output.display(data),
        fit: (event) => this.#output.fit(event),
        blocked: onBlocked,
      });
      this.#show(outcome, editor);
      return outcome;
    } finally {
      this.#running = false;
      delete this.#root.dataset.busy;
      output.removeAttribute('aria-busy');
    }
  }

  #show(outcome: RunOutcome, editor?: Editor) {
    if (outcome.status === 'cancelled') {
      this.#count(' ');
      this.#status('Not run: stopped before its turn.');
      return;
    }
    this.#count(outcome.count > 0 ? String(outcome.count) : ' ');
    this.#output.settle(outcome.status !== 'ok');
    if ('message' in outcome) {
      this.#output.note(outcome.status === 'failed' ? `The kernel could not start: ${outcome.message}` : outcome.message);
      this.#status(outcome.status === 'failed' ? 'Not run.' : 'Stopped; the kernel restarted.');
      return;
    }
    if (outcome.error) {
      this.#output.error(outcome.error);
      if (outcome.error.position) editor?.markError({ ...outcome.error.position, message: `${outcome.error.type}: ${outcome.error.message}` });
    }
    if (outcome.omitted) this.#output.omitted(outcome.omitted);
    const how = outcome.status === 'ok' ? 'Ran' : outcome.status === 'stopped' ? 'Stopped' : `${outcome.error?.type ?? 'Error'}`;
    this.#status(`${how} in ${seconds(outcome.ms)}.`);
  }
}
