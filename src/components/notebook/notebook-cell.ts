/**
 * <resnet-notebook-cell>: an editable cell run in the page's kernel of the reader's language, with
 * its output under it. Each language keeps its own draft, saved as the reader types, so a reload
 * keeps it. Run (Ctrl+Enter) runs the cell in place; Shift+Enter runs it and moves to the next;
 * Run all above runs the page's cells before it, in order; Stop interrupts the kernel; Restart
 * gives it a fresh namespace.
 */
import { LANGUAGE_LABELS, type Language } from '../../lib/course';
import { readDraft, readLanguage, resetNotice, type DraftId } from '../../lib/state/progress';
import type { Editor } from '../exercise/editor';
import { watchTabs } from '../exercise/language-tabs';
import { browserStore } from '../exercise/progress-marks';
import { DraftKeeper } from '../exercise/draft-keeper';
import { EXERCISES, type ExerciseId } from '../../lib/course';
import { CellOutput } from './cell-output';
import { CellRunner } from './cell-runner';
import { focusNext, kernelFor, runAllAbove, type PageCell } from './page-kernels';
import { describeLoading } from '../exercise/python-loading';
import { findParts, type Parts } from '../parts';
import { NOTEBOOK_CELL_PARTS } from './markup';

export class NotebookCellElement extends HTMLElement implements PageCell {
  #id: DraftId = 'cell:';
  #language: Language = 'tfjs';
  #editor: Editor | undefined;
  #runner: CellRunner | undefined;
  #drafts: DraftKeeper | undefined;
  #onPageHide = () => this.#drafts?.saveNow();
  #cleanups: (() => void)[] = [];
  #found: Parts<typeof NOTEBOOK_CELL_PARTS> | undefined;

  connectedCallback() {
    this.#id = (this.dataset.cell ?? 'cell:') as DraftId;
    // Found now, so markup that lacks a part says so as the cell connects.
    this.#found = findParts(this, NOTEBOOK_CELL_PARTS);
    this.#drafts = new DraftKeeper(
      this.#id,
      (language) => this.#code(language),
      () => this.#status('This draft could not be saved in this browser.'),
    );
    this.#runner = new CellRunner(this);
    window.addEventListener('pagehide', this.#onPageHide);
    // Heard from the start: a language picked while the editor loads is the one it opens in.
    this.#cleanups.push(watchTabs(document, (picked) => this.#switchTo(picked)));
    void this.#start();
  }

  disconnectedCallback() {
    this.#drafts?.saveNow();
    window.removeEventListener('pagehide', this.#onPageHide);
    for (const cleanup of this.#cleanups) cleanup();
    this.#editor?.destroy();
  }

  /** The markup's parts: found once, as the cell connects (everything that uses them runs after). */
  get #parts(): Parts<typeof NOTEBOOK_CELL_PARTS> {
    return (this.#found ??= findParts(this, NOTEBOOK_CELL_PARTS));
  }

  #code(language: Language): string {
    return (language === 'keras' ? this.dataset.codeKeras : this.dataset.codeTfjs) ?? '';
  }

  #status(text: string) {
    this.#parts.status.textContent = text;
  }

  async #start() {
    this.#language = readLanguage(browserStore());
    this.#status('Loading the editor…');
    let createEditor: typeof import('../exercise/editor').createEditor;
    try {
      ({ createEditor } = await import('../exercise/editor'));
    } catch {
      this.#status('The editor could not load. Check your connection, then reload the page.');
      return;
    }
    const draft = readDraft(browserStore(), this.#id, this.#language);
    const host = this.#parts.editor;
    const focused = host.contains(document.activeElement);
    host.replaceChildren();
    this.#editor = createEditor(host, {
      doc: draft.value ?? this.#code(this.#language),
      language: this.#language,
      label: this.#label(),
      wrap: false,
      onChange: (text) => this.#drafts?.typed(this.#language, text),
      onRun: () => void this.runCell(),
      onRunNext: () => {
        void this.runCell();
        focusNext(this);
      },
    });
    if (focused) this.#editor.focus();
    this.#showLanguage();
    this.#parts.run.addEventListener('click', () => void this.runCell());
    this.#parts.runAbove.addEventListener('click', () => void runAllAbove(this));
    this.#parts.stop.addEventListener('click', () => kernelFor(this.#language).stop());
    this.#parts.restart.addEventListener('click', () => this.#restart());
    for (const button of [this.#parts.run, this.#parts.runAbove, this.#parts.restart]) button.disabled = false;
    this.#watchKernel();
    this.#status(draft.reset ? resetNotice('draft', draft.reset) : draft.value !== null ? 'Your saved draft is back.' : '');
  }

  #label(): string {
    return `Notebook cell: ${this.#parts.title.textContent ?? ''}`;
  }

  /** Stop is live while the cell's kernel is busy; Python's loading shows in the status line. */
  #watchKernel() {
    for (const cleanup of this.#cleanups.splice(1)) cleanup();
    const kernel = kernelFor(this.#language);
    const stop = this.#parts.stop;
    const update = () => (stop.disabled = kernel.state !== 'busy');
    update();
    this.#cleanups.push(
      kernel.onState(update),
      kernel.onProgress((progress) => this.#runner?.running && this.#status(describeLoading(progress))),
    );
  }

  #showLanguage() {
    for (const part of this.querySelectorAll<HTMLElement>('[data-lang]')) part.hidden = part.dataset.lang !== this.#language;
  }

  #switchTo(language: Language) {
    if (language === this.#language) return;
    // Picked while the editor loads: it opens in the language picked.
    if (!this.#editor) {
      this.#language = language;
      return;
    }
    this.#drafts?.saveNow();
    const draft = readDraft(browserStore(), this.#id, language);
    this.#language = language;
    this.#editor.switchTo(language, draft.value ?? this.#code(language), this.#label());
    this.#showLanguage();
    this.#watchKernel();
    this.#status(draft.value !== null ? `Your saved ${LANGUAGE_LABELS[language]} draft is back.` : '');
  }

  #restart() {
    kernelFor(this.#language).restart();
    this.#status(`Restarted the ${LANGUAGE_LABELS[this.#language]} kernel: every name the cells defined is gone. Run the cells again, or Run all above.`);
  }

  /** Runs the cell in the kernel; resolves with whether it ran cleanly (for Run all above). */
  async runCell(): Promise<boolean> {
    if (!this.#editor || !this.#runner) return false;
    this.#drafts?.saveNow();
    const kernel = kernelFor(this.#language);
    const source = this.#editor.text();
    const outcome = await this.#runner.run(kernel, source, this.#editor);
    void this.#expected(source);
    return outcome.status === 'ok';
  }

  /** The source and language whose expected output is shown: it is computed again only when either changes. */
  #shownExpected = '';

  /** Beside a test cell's output: what the cell prints with the course's solution in place of the reader's. */
  async #expected(source: string) {
    const id = this.dataset.expect as ExerciseId | undefined;
    if (!id || !EXERCISES.includes(id)) return;
    const key = `${this.#language}\n${source}`;
    if (key === this.#shownExpected) return;
    this.#shownExpected = key;
    const { expectedBox: box, expected } = this.#parts;
    // Only a test cell's markup has them, and only a test cell (data-expect) gets here.
    if (!box || !expected) return;
    const output = new CellOutput(expected);
    output.clear();
    box.hidden = false;
    const outcome = await kernelFor(this.#language).expected(source, id, {
      stream: (name, text) => output.stream(name, text),
      display: (data) => output.display(data),
    });
    if (outcome.status === 'cancelled' || outcome.status === 'restarted' || outcome.status === 'failed') this.#shownExpected = '';
    if ('error' in outcome && outcome.error) output.error(outcome.error);
  }

  focusCode(): void {
    if (this.#editor) this.#editor.focus();
    // Until the editor replaces it, the shown language's server-rendered code: which one is shown changes, so it is looked up now.
    const code = this.#editor ? null : this.querySelector('[data-static-code]:not([hidden])');
    if (code instanceof HTMLElement) code.focus();
  }
}
