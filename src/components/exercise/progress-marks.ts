/**
 * Marks finished exercises wherever a lesson is linked: the sidebar and the home page's lesson
 * list. Links are found by their lesson path; each exercise lives on the lesson of the same slug.
 * A mark counts the hints taken (steps whose code the learner revealed), as the cell's own done
 * mark does. Also the one place that repairs an unreadable progress record and tells the reader.
 */
import { EXERCISES, type ExerciseId } from '../../lib/course';
import { doneText, hintsTaken, readProgress, resetNotice, type KeyValueStore } from '../../lib/state/progress';
import { withBase } from '../base-url';

/** Sent on the document when the learner takes a hint, with the exercise's id: the marks recount. */
export const HINT_EVENT = 'resnet:hint';

/** Tells the page's marks that a hint of exercise `id` was just recorded. */
export function announceHint(id: ExerciseId): void {
  document.dispatchEvent(new CustomEvent<ExerciseId>(HINT_EVENT, { detail: id }));
  showProgress(document);
}

/** The graded cell's done mark: shown once exercise `id` is done, with the hints taken. */
export function showDoneMark(mark: HTMLElement, id: ExerciseId): void {
  const progress = readProgress(browserStore(), false).value;
  if (!progress.done[id]) return;
  mark.textContent = doneText(hintsTaken(progress, id).length);
  mark.hidden = false;
}

/** localStorage, or a store that remembers nothing when the browser refuses storage. */
export function browserStore(): KeyValueStore {
  try {
    const storage = window.localStorage;
    storage.getItem('resnet-live:probe');
    return storage;
  } catch {
    return { getItem: () => null, setItem: () => undefined, removeItem: () => undefined };
  }
}

/**
 * The page's one repairing read of saved progress: an unusable record is removed, and the notice
 * under the page title says so. Everything else reads without repairing, so whichever script
 * runs first, the reader is told once.
 */
export function repairProgress(notice: HTMLElement | null): void {
  const { reset } = readProgress(browserStore());
  if (!reset || !notice) return;
  notice.textContent = resetNotice('progress', reset);
  notice.hidden = false;
}

export function showProgress(root: ParentNode): void {
  // Read without repairing: repairProgress does that, and tells the reader.
  const progress = readProgress(browserStore(), false).value;
  for (const id of EXERCISES) {
    const at = progress.done[id];
    if (!at) continue;
    const hints = hintsTaken(progress, id).length;
    const withHints = hints === 0 ? '' : `, with ${hints} hint${hints === 1 ? '' : 's'}`;
    for (const link of root.querySelectorAll<HTMLAnchorElement>(`a[href="${withBase(`lessons/${id}/`)}"]`)) {
      const mark = link.querySelector('.exercise-done') ?? link.appendChild(Object.assign(document.createElement('span'), { className: 'exercise-done' }));
      mark.textContent = ' ✓';
      mark.setAttribute('title', `Exercise done on ${new Date(at).toLocaleDateString()}${withHints}`);
      mark.setAttribute('aria-label', `exercise done${withHints}`);
    }
  }
}
