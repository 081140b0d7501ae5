/**
 * A cell's draft, kept as the reader types: saved when typing pauses, or at once when the page
 * goes away or the cell changes language, so a reload a moment after typing keeps it. Code back to
 * the cell's own is no draft at all, rather than one that holds it. Graded and notebook cells
 * share it.
 */
import type { Language } from '../../lib/course';
import { clearDraft, saveDraft, type DraftId } from '../../lib/state/progress';
import { browserStore } from './progress-marks';

/** How long typing must pause before the draft is written. */
const PAUSE_MS = 300;

export class DraftKeeper {
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Typed text not yet saved. */
  #unsaved: { language: Language; text: string } | undefined;

  /**
   * `original(language)`: the cell's own code, which needs no draft; `onRefused`: the browser would
   * not keep the draft (too long, or storage refused it).
   */
  constructor(
    readonly id: DraftId,
    readonly original: (language: Language) => string | undefined,
    readonly onRefused: () => void,
  ) {}

  /** The reader typed: `text` is saved once typing pauses. */
  typed(language: Language, text: string): void {
    clearTimeout(this.#timer);
    this.#unsaved = { language, text };
    this.#timer = setTimeout(() => this.saveNow(), PAUSE_MS);
  }

  /** Saves the typed text now, if any is waiting. */
  saveNow(): void {
    clearTimeout(this.#timer);
    const unsaved = this.#unsaved;
    this.#unsaved = undefined;
    if (unsaved === undefined) return;
    if (unsaved.text === this.original(unsaved.language)) clearDraft(browserStore(), this.id, unsaved.language);
    else if (!saveDraft(browserStore(), this.id, unsaved.language, unsaved.text)) this.onRefused();
  }

  /** The cell is back to its own code in `language`: no draft, and nothing waiting to be saved. */
  discard(language: Language): void {
    clearTimeout(this.#timer);
    this.#unsaved = undefined;
    clearDraft(browserStore(), this.id, language);
  }
}
