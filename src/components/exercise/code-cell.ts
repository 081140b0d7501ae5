/**
 * <resnet-code-cell>: wires the editor, the grader worker and saved progress together.
 * The draft is saved as the learner types, so it survives a reload; a pass marks the exercise
 * done. Reset and Show solution replace the learner's code, so both ask first.
 */
import { SKELETONS, FUNCTION_NAMES } from '../../lib/grading/skeletons';
import { SOLUTIONS } from '../../lib/grading/solutions';
import type { Check, ExerciseId, GradeReport } from '../../lib/grading/types';
import { clearDraft, EXERCISES, markDone, readDraft, readProgress, resetNotice, saveDraft } from '../../lib/state/progress';
import type { Editor } from './editor';
import { Grader, TIME_LIMIT_MS, type GradeOutcome } from './grader-client';
import { browserStore, showProgress } from './progress-marks';

/** One grader for the page: every cell shares its worker. */
let grader: Grader | undefined;

export class CodeCellElement extends HTMLElement {
  #id: ExerciseId = 'identity-block';
  #editor: Editor | undefined;
  #saveTimer: ReturnType<typeof setTimeout> | undefined;
  /** Typed text not yet saved: written when typing pauses, or at once when the page goes away. */
  #unsaved: string | undefined;
  #onPageHide = () => this.#saveNow();
  #running = false;

  connectedCallback() {
    const id = this.dataset.exercise;
    if (!EXERCISES.includes(id as ExerciseId)) return;
    this.#id = id as ExerciseId;
    if (readProgress(browserStore(), false).value.done[this.#id]) this.#showDone();
    window.addEventListener('pagehide', this.#onPageHide);
    // The element is defined only once the cell nears the screen (lazy-define.ts): start now.
    void this.#start();
  }

  disconnectedCallback() {
    this.#saveNow();
    window.removeEventListener('pagehide', this.#onPageHide);
    this.#editor?.destroy();
  }

  #el<T extends HTMLElement>(selector: string): T {
    return this.querySelector(selector) as T;
  }

  #notice(text: string) {
    const notice = this.#el('[data-notice]');
    notice.textContent = text;
    notice.hidden = false;
  }

  async #start() {
    if (this.#editor) return;
    // Saved progress is checked, repaired and reported once per page, at the top (PageTitle);
    // the cell reports only its own draft.
    const draft = readDraft(browserStore(), this.#id);
    if (draft.reset) this.#notice(resetNotice('draft', draft.reset));
    grader ??= new Grader();
    void grader.warm().catch(() => undefined);
    const status = this.#el('[data-status]');
    status.textContent = 'Loading the editor…';
    let createEditor: typeof import('./editor').createEditor;
    try {
      ({ createEditor } = await import('./editor'));
    } catch {
      status.textContent = 'The editor could not load. Check your connection, then reload the page.';
      return;
    }
    const host = this.#el('[data-editor]');
    // A reader who tabbed to the server-rendered code (which starts this load) lands in the editor
    // that replaces it, rather than on the page's body.
    const focused = host.contains(document.activeElement);
    host.replaceChildren();
    this.#editor = createEditor(host, {
      doc: draft.value ?? SKELETONS[this.#id],
      label: `Code cell: your ${FUNCTION_NAMES[this.#id]}`,
      onChange: (text) => this.#scheduleSave(text),
      onRun: () => void this.#run(),
    });
    if (focused) this.#editor.focus();
    for (const button of this.querySelectorAll<HTMLButtonElement>('button')) button.disabled = false;
    this.#el('[data-run]').addEventListener('click', () => void this.#run());
    this.#el('[data-reset]').addEventListener('click', () => this.#replace(SKELETONS[this.#id], 'Reset the cell to the skeleton? Your code will be lost.'));
    this.#el('[data-solution]').addEventListener('click', () => this.#replace(SOLUTIONS[this.#id], 'Replace your code with the full solution? Your code will be lost.'));
    status.textContent = draft.value !== null ? 'Your saved draft is back.' : '';
  }

  #scheduleSave(text: string) {
    clearTimeout(this.#saveTimer);
    this.#unsaved = text;
    this.#saveTimer = setTimeout(() => this.#saveNow(), 300);
  }

  /** Saves the typed text now, if any is waiting: a reload a moment after typing keeps it. */
  #saveNow() {
    clearTimeout(this.#saveTimer);
    const text = this.#unsaved;
    this.#unsaved = undefined;
    if (text === undefined) return;
    if (!saveDraft(browserStore(), this.#id, text)) this.#el('[data-status]').textContent = 'This draft could not be saved in this browser.';
  }

  #replace(text: string, question: string) {
    if (!this.#editor || !window.confirm(question)) return;
    this.#editor.setText(text);
    this.#editor.markError(null);
    if (text === SKELETONS[this.#id]) {
      // Back to the skeleton: no draft at all, not one that holds the skeleton.
      clearTimeout(this.#saveTimer);
      this.#unsaved = undefined;
      clearDraft(browserStore(), this.#id);
    }
    this.#editor.focus();
  }

  async #run() {
    if (!this.#editor || this.#running || !grader) return;
    this.#running = true;
    const button = this.#el<HTMLButtonElement>('[data-run]');
    const status = this.#el('[data-status]');
    button.disabled = true;
    status.textContent = 'Running the checks…';
    this.#editor.markError(null);
    try {
      this.#render(await grader.grade(this.#id, this.#editor.text()));
    } finally {
      this.#running = false;
      button.disabled = false;
    }
  }

  #render(outcome: GradeOutcome) {
    const status = this.#el('[data-status]');
    const verdict = this.#el('[data-verdict]');
    verdict.hidden = false;
    if (outcome.kind !== 'report') {
      const text =
        outcome.kind === 'timeout'
          ? `Timed out: the code ran for more than ${TIME_LIMIT_MS / 1000} s and was stopped. Look for a loop that never ends.`
          : `The checks could not run: ${outcome.message}`;
      verdict.textContent = text;
      verdict.dataset.state = 'fail';
      status.textContent = '';
      this.#renderChecks([]);
      return;
    }
    const { report, ms, backend } = outcome;
    this.#renderChecks(report.checks);
    if (report.error?.position) this.#editor?.markError({ ...report.error.position, message: report.error.message });
    verdict.dataset.state = report.passed ? 'pass' : 'fail';
    verdict.textContent = report.passed ? 'All checks passed' : verdictFor(report);
    status.textContent = `Checked in ${(ms / 1000).toFixed(ms < 1000 ? 2 : 1)} s (TF.js ${backend} backend, in a worker).`;
    status.dataset.ms = String(Math.round(ms));
    status.dataset.backend = backend;
    if (report.passed) {
      markDone(browserStore(), this.#id);
      this.#showDone();
      showProgress(document);
    }
  }

  #renderChecks(checks: readonly Check[]) {
    const list = this.#el('[data-checks]');
    const items = [...list.children] as HTMLElement[];
    items.forEach((item, i) => {
      const check = checks[i];
      item.dataset.state = check ? (check.pass ? 'pass' : 'fail') : 'pending';
      const parts: (string | Node)[] = [Object.assign(document.createElement('span'), { className: 'check-title', textContent: check?.title ?? item.querySelector('.check-title')?.textContent ?? '' })];
      if (check) {
        parts.unshift(Object.assign(document.createElement('span'), { className: 'check-mark', textContent: check.pass ? '✓ pass' : '✗ fail' }));
        parts.push(Object.assign(document.createElement('span'), { className: 'check-message', textContent: check.message }));
        if (check.hint) parts.push(Object.assign(document.createElement('span'), { className: 'check-hint', textContent: `Hint: ${check.hint}` }));
      }
      item.replaceChildren(...parts);
    });
  }

  #showDone() {
    this.#el('[data-done]').hidden = false;
  }
}

function verdictFor(report: GradeReport): string {
  const failed = report.checks.filter((c) => !c.pass).length;
  if (report.error?.kind === 'syntax') return `Syntax error on line ${report.error.position?.line ?? '?'}: fix it and run the checks again.`;
  return `${failed} of ${report.checks.length} checks failed. The first one says where to look.`;
}
