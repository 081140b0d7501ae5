/**
 * Marks finished exercises wherever a lesson is linked: the sidebar and the home page's lesson
 * list. Links are found by their lesson path; each exercise lives on the lesson of the same slug.
 * Also the one place that repairs an unreadable progress record and tells the reader.
 */
import { readProgress, resetNotice, type KeyValueStore } from '../../lib/state/progress';
import { withBase } from '../base-url';

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
  const { done } = readProgress(browserStore(), false).value;
  for (const [id, at] of Object.entries(done)) {
    for (const link of root.querySelectorAll<HTMLAnchorElement>(`a[href="${withBase(`lessons/${id}/`)}"]`)) {
      if (link.querySelector('.exercise-done')) continue;
      const mark = document.createElement('span');
      mark.className = 'exercise-done';
      mark.textContent = ' ✓';
      mark.title = `Exercise done on ${new Date(at).toLocaleDateString()}`;
      mark.setAttribute('aria-label', 'exercise done');
      link.append(mark);
    }
  }
}
