/**
 * <resnet-step-reveal>: shows and hides one step's code, and records its opening as a hint taken
 * (src/lib/state/progress.ts). A hint is taken once: closing and opening again changes nothing,
 * and on the next visit the code starts hidden again, with the mark "Hint taken" beside it.
 */
import { EXERCISES, type ExerciseId } from '../../lib/course';
import { hintsTaken, readProgress, recordHint } from '../../lib/state/progress';
import { announceHint, browserStore } from '../exercise/progress-marks';
import { findParts, type Parts } from '../parts';
import { STEP_REVEAL_PARTS } from './markup';

export class StepRevealElement extends HTMLElement {
  /** The markup's parts, found once as the element connects. */
  #parts: Parts<typeof STEP_REVEAL_PARTS> | undefined;
  #exercise: ExerciseId | undefined;
  #onClick = () => this.#toggle();

  connectedCallback() {
    const exercise = this.dataset.exercise as ExerciseId;
    if (!EXERCISES.includes(exercise)) return;
    this.#exercise = exercise;
    this.#parts = findParts(this, STEP_REVEAL_PARTS);
    this.#parts.toggle.addEventListener('click', this.#onClick);
    // Read without repairing: the page's one repairing read (PageTitle) tells the reader.
    if (hintsTaken(readProgress(browserStore(), false).value, exercise).includes(this.dataset.step ?? '')) this.dataset.taken = '';
  }

  disconnectedCallback() {
    this.#parts?.toggle.removeEventListener('click', this.#onClick);
  }

  #toggle() {
    if (!this.#parts || !this.#exercise) return;
    const { toggle: button, code } = this.#parts;
    const open = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', String(open));
    button.textContent = `${open ? 'Hide' : 'Show'} the code for ${this.dataset.label ?? 'this step'}`;
    code.hidden = !open;
    if (!open || this.dataset.taken !== undefined) return;
    // StepReveal.astro checked the step's id at build time.
    recordHint(browserStore(), this.#exercise, this.dataset.step ?? '');
    this.dataset.taken = '';
    announceHint(this.#exercise);
  }
}
