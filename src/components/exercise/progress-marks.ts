/**
 * Marks finished exercises wherever a lesson is linked: the sidebar and the home page's lesson
 * list. Links are found by their lesson path; each exercise lives on the lesson of the same slug.
 */
import { readProgress, type KeyValueStore } from '../../lib/state/progress';

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

export function showProgress(root: ParentNode): void {
  // Read without repairing: a code cell on the page repairs a bad record and says so.
  const { done } = readProgress(browserStore(), false).value;
  for (const [id, at] of Object.entries(done)) {
    for (const link of root.querySelectorAll<HTMLAnchorElement>(`a[href="/lessons/${id}/"]`)) {
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
