/**
 * <resnet-code-cell>: wires the editor, the grader workers and saved progress together.
 * The cell is written in TF.js or in Keras, the reader's language for code across the site; each
 * language keeps its own draft, saved as the learner types so it survives a reload. A pass marks
 * the exercise done. Reset and Show solution replace the learner's code, so both ask first.
 */
import { EXERCISES, LANGUAGE_LABELS, type Language } from '../../lib/course';
import { SKELETONS, FUNCTION_NAMES } from '../../lib/grading/skeletons';
import { SOLUTIONS } from '../../lib/grading/solutions';
import { describeBlocked, type Blocked } from '../../lib/grading/blocked';
import { timeoutMessage } from '../../lib/grading/timeout';
import type { ExerciseId } from '../../lib/grading/types';
import { PYTHON_FUNCTION_NAMES } from '../../lib/keras/names';
import { markDone, readDraft, readLanguage, resetNotice, saveLanguage } from '../../lib/state/progress';
import type { Editor } from './editor';
import { TIME_LIMIT_MS, type GradeOutcome, type Kernel } from '../notebook/kernel-client';
import { CellRunner } from '../notebook/cell-runner';
import { focusNext, kernelFor, type PageCell } from '../notebook/page-kernels';
import { showTabsIn, watchTabs } from './language-tabs';
import { renderBlocked, renderChecks, verdictFor } from './cell-results';
import { browserStore, HINT_EVENT, showDoneMark, showProgress } from './progress-marks';
import { DraftKeeper } from './draft-keeper';
import { PythonLoading } from './python-loading';
import { findParts, type Parts } from '../parts';
import { CODE_CELL_PARTS } from './markup';

/** A cell's texts in one language. Python's are loaded only when a reader first picks Keras. */
interface Texts {
  skeleton: string;
  solution: string;
  name: string;
}

async function textsFor(id: ExerciseId, language: Language): Promise<Texts> {
  if (language === 'tfjs') return { skeleton: SKELETONS[id], solution: SOLUTIONS[id], name: FUNCTION_NAMES[id] };
  const [{ PYTHON_SKELETONS }, { PYTHON_SOLUTIONS }] = await Promise.all([import('../python/skeletons'), import('../python/solutions')]);
  return { skeleton: PYTHON_SKELETONS[id], solution: PYTHON_SOLUTIONS[id], name: PYTHON_FUNCTION_NAMES[id] };
}

export class CodeCellElement extends HTMLElement implements PageCell {
  #id: ExerciseId = 'identity-block';
  #language: Language = 'tfjs';
  #texts: Texts | undefined;
  #editor: Editor | undefined;
  #drafts: DraftKeeper | undefined;
  #onPageHide = () => this.#drafts?.saveNow();
  /** A step's code revealed on the page: the done mark counts the hint. */
  #onHint = () => showDoneMark(this.#parts.done, this.#id);
  #stopWatching: (() => void) | undefined;
  #python: PythonLoading | undefined;
  #runner: CellRunner | undefined;
  /** Whether this cell shows the Keras grader's loading progress (every cell on the page may). */
  #listening = false;
  #running = false;
  /** The latest switch asked for: a slower, earlier one must not win. */
  #switching = 0;
  #found: Parts<typeof CODE_CELL_PARTS> | undefined;

  connectedCallback() {
    const id = this.dataset.exercise;
    if (!EXERCISES.includes(id as ExerciseId)) return;
    this.#id = id as ExerciseId;
    // Found now, so markup that lacks a part says so as the cell connects.
    const parts = this.#parts;
    // A graded cell keeps whatever the reader typed, the skeleton's own text included.
    this.#drafts = new DraftKeeper(
      this.#id,
      () => undefined,
      () => (this.#parts.status.textContent = 'This draft could not be saved in this browser.'),
    );
    showDoneMark(parts.done, this.#id);
    window.addEventListener('pagehide', this.#onPageHide);
    document.addEventListener(HINT_EVENT, this.#onHint);
    this.#python = new PythonLoading(parts.python);
    this.#runner = new CellRunner(this);
    // The element is defined only once the cell nears the screen (lazy-define.ts): start now.
    void this.#start();
  }

  disconnectedCallback() {
    this.#drafts?.saveNow();
    window.removeEventListener('pagehide', this.#onPageHide);
    document.removeEventListener(HINT_EVENT, this.#onHint);
    this.#stopWatching?.();
    this.#editor?.destroy();
  }

  /** The markup's parts: found once, as the cell connects (everything that uses them runs after). */
  get #parts(): Parts<typeof CODE_CELL_PARTS> {
    return (this.#found ??= findParts(this, CODE_CELL_PARTS));
  }

  #notice(text: string) {
    const notice = this.#parts.notice;
    notice.textContent = text;
    notice.hidden = false;
  }

  async #start() {
    if (this.#editor) return;
    const language = readLanguage(browserStore());
    const status = this.#parts.status;
    status.textContent = 'Loading the editor…';
    let createEditor: typeof import('./editor').createEditor;
    try {
      [{ createEditor }, this.#texts] = await Promise.all([import('./editor'), textsFor(this.#id, language)]);
    } catch {
      status.textContent = 'The editor could not load. Check your connection, then reload the page.';
      return;
    }
    this.#language = language;
    this.#warm();
    // Saved progress is checked, repaired and reported once per page, at the top (PageTitle);
    // the cell reports only its own draft.
    const draft = readDraft(browserStore(), this.#id, language);
    if (draft.reset) this.#notice(resetNotice('draft', draft.reset));
    const host = this.#parts.editor;
    // A reader who tabbed to the server-rendered code (which starts this load) lands in the editor
    // that replaces it, rather than on the page's body.
    const focused = host.contains(document.activeElement);
    host.replaceChildren();
    this.#editor = createEditor(host, {
      doc: draft.value ?? this.#texts.skeleton,
      language,
      label: `Code cell: your ${this.#texts.name}`,
      onChange: (text) => this.#drafts?.typed(this.#language, text),
      onRun: () => void this.#run(),
      onRunNext: () => {
        void this.#run();
        focusNext(this);
      },
    });
    if (focused) this.#editor.focus();
    this.#showLanguage();
    for (const control of this.querySelectorAll<HTMLButtonElement | HTMLInputElement>('button, input')) control.disabled = false;
    this.#parts.run.addEventListener('click', () => void this.#run());
    this.#parts.reset.addEventListener(
      'click',
      () => this.#texts && this.#replace(this.#texts.skeleton, 'Reset the cell to the skeleton? Your code will be lost.'),
    );
    this.#parts.solution.addEventListener(
      'click',
      () => this.#texts && this.#replace(this.#texts.solution, 'Replace your code with the full solution? Your code will be lost.'),
    );
    this.#parts.language.addEventListener('change', (event) => void this.#switchTo((event.target as HTMLInputElement).value as Language, true));
    this.#stopWatching = watchTabs(document, (picked) => void this.#switchTo(picked, false));
    status.textContent = draft.value !== null ? 'Your saved draft is back.' : '';
  }

  /** The page's kernel of the cell's language; Python's starts loading here, with its progress shown. */
  #warm(): Kernel {
    const language = this.#language;
    const grader = kernelFor(language);
    if (language === 'keras' && !this.#listening) {
      this.#listening = true;
      // Only while the cell shows Keras: a reader who went back to TF.js does not see Python load.
      grader.onProgress((progress) => this.#language === 'keras' && this.#python?.show(progress));
    }
    grader
      .warm()
      .then(() => language === 'keras' && this.#python?.ready())
      .catch(
        (error: unknown) => language === 'keras' && this.#language === 'keras' && this.#python?.failed(error instanceof Error ? error.message : String(error)),
      );
    return grader;
  }

  /** Shows the parts of the cell written for its language, and the language's switch as chosen. */
  #showLanguage() {
    for (const part of this.querySelectorAll<HTMLElement>('[data-lang]')) part.hidden = part.dataset.lang !== this.#language;
    for (const radio of this.querySelectorAll<HTMLInputElement>('[data-language] input')) radio.checked = radio.value === this.#language;
    if (this.#language === 'tfjs') this.#python?.hide();
  }

  /** Turns the cell to `language`, keeping both drafts; from the cell's own switch, the page's code tabs follow. */
  async #switchTo(language: Language, fromCell: boolean) {
    if (fromCell) {
      saveLanguage(browserStore(), language);
      showTabsIn(document, language);
    }
    if (!this.#editor || language === this.#language) return;
    const ticket = ++this.#switching;
    this.#drafts?.saveNow();
    let texts: Texts;
    try {
      texts = await textsFor(this.#id, language);
    } catch {
      this.#parts.status.textContent = `${LANGUAGE_LABELS[language]} could not load. Check your connection, then try again.`;
      this.#showLanguage();
      return;
    }
    if (ticket !== this.#switching) return;
    const draft = readDraft(browserStore(), this.#id, language);
    if (draft.reset) this.#notice(resetNotice('draft', draft.reset));
    this.#language = language;
    this.#texts = texts;
    this.#editor.switchTo(language, draft.value ?? texts.skeleton, `Code cell: your ${texts.name}`);
    this.#showLanguage();
    renderChecks(this.#parts.checks, []);
    renderBlocked(this.#parts.blocked, []);
    this.#parts.verdict.hidden = true;
    this.#parts.status.textContent = draft.value !== null ? `Your saved ${LANGUAGE_LABELS[language]} draft is back.` : '';
    this.#warm();
  }

  #replace(text: string, question: string) {
    if (!this.#editor || !window.confirm(question)) return;
    this.#editor.setText(text);
    this.#editor.markError(null);
    if (text === this.#texts?.skeleton) {
      // Back to the skeleton: no draft at all, not one that holds the skeleton.
      this.#drafts?.discard(this.#language);
    }
    this.#editor.focus();
  }

  /** Run all above, from a cell further down: the cell runs in the kernel and is checked, as Run checks does. */
  runCell = async (): Promise<boolean> => (await this.#run()) ?? false;

  focusCode = (): void => {
    if (this.#editor) this.#editor.focus();
    // Until the editor replaces it, the shown language's server-rendered code: which one is shown changes, so it is looked up now.
    const code = this.#editor ? null : this.querySelector('[data-static-code]:not([hidden])');
    if (code instanceof HTMLElement) code.focus();
  };

  /**
   * Runs the cell in the page's kernel, so the function it defines is there for the cells below,
   * then checks it on its own (in a fresh namespace: a grade never depends on what other cells
   * left in the kernel). Resolves with whether the run was clean, or undefined if it did not start.
   */
  async #run(): Promise<boolean | undefined> {
    if (!this.#editor || this.#running || !this.#runner) return undefined;
    this.#running = true;
    const grader = this.#warm();
    const button = this.#parts.run;
    const status = this.#parts.status;
    button.disabled = true;
    status.textContent = grader.language === 'keras' && !grader.ready ? 'The checks run as soon as Python is ready…' : 'Running the checks…';
    this.#editor.markError(null);
    const box = this.#parts.blocked;
    const attempts: string[] = [];
    renderBlocked(box, attempts);
    const onBlocked = (attempt: Blocked) => {
      const line = describeBlocked(attempt);
      if (attempts.includes(line)) return;
      attempts.push(line);
      renderBlocked(box, attempts);
    };
    try {
      const source = this.#editor.text();
      const ran = this.#runner.run(grader, source, this.#editor);
      const outcome = await grader.grade(this.#id, source, onBlocked);
      const clean = (await ran).status === 'ok';
      // A reader who switched language meanwhile sees the other cell's results no more.
      if (grader.language === this.#language) this.#render(outcome, source);
      else status.textContent = '';
      return clean;
    } finally {
      this.#running = false;
      button.disabled = false;
    }
  }

  #render(outcome: GradeOutcome, source: string) {
    const status = this.#parts.status;
    const verdict = this.#parts.verdict;
    verdict.hidden = false;
    if (outcome.kind !== 'report') {
      const text =
        outcome.kind === 'timeout'
          ? timeoutMessage(this.#language, source, TIME_LIMIT_MS / 1000, outcome.position)
          : `The checks could not run: ${outcome.message}`;
      if (outcome.kind === 'timeout' && outcome.position) this.#editor?.markError({ ...outcome.position, message: 'Still running here at the time limit' });
      verdict.textContent = text;
      verdict.dataset.state = 'fail';
      status.textContent = '';
      renderChecks(this.#parts.checks, []);
      return;
    }
    const { report, ms, backend } = outcome;
    renderChecks(this.#parts.checks, report.checks);
    if (report.error?.position) this.#editor?.markError({ ...report.error.position, message: report.error.message });
    verdict.dataset.state = report.passed ? 'pass' : 'fail';
    verdict.textContent = report.passed ? 'All checks passed' : verdictFor(report);
    const engine = this.#language === 'keras' ? `Python with Keras on TF.js's ${backend} backend` : `TF.js ${backend} backend`;
    status.textContent = `Checked in ${(ms / 1000).toFixed(ms < 1000 ? 2 : 1)} s (${engine}, in a worker).`;
    // Exact figures for the benchmark (scripts/bench-components.mjs), which reads the cell as a reader's page shows it.
    status.dataset.ms = String(Math.round(ms));
    status.dataset.backend = backend;
    if (report.passed) {
      markDone(browserStore(), this.#id);
      showDoneMark(this.#parts.done, this.#id);
      showProgress(document);
    }
  }
}
