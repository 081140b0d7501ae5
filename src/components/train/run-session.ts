/**
 * Keeps the lab's runs in the tab's sessionStorage, so they follow the reader between lesson 6 and
 * /lab/ (the text and its checks: src/lib/train/run-store.ts). Storage may be missing or refuse
 * writes (private modes, storage turned off, quota full): then nothing is kept and the lab works as
 * it would without it, saying nothing. Links marked `data-lab-link` (lesson 6's to /lab/ and back)
 * carry the lab's settings, so the other page opens set up the same.
 */
import { toQuery, type RawValues } from '../../lib/state/fields';
import { LAB_FIELDS } from '../../lib/train/lab-params';
import { decodeRuns, encodeRuns, type StoredRuns } from '../../lib/train/run-store';
import type { RunLog, RunRecord } from '../../lib/train/runs';
import { withBase } from '../base-url';

/** One key per base path: two courses on one host (GitHub Pages) keep their own runs. */
const KEY = `resnet-live:${withBase('')}:lab-runs`;

function storage(): Storage | undefined {
  try {
    return globalThis.sessionStorage ?? undefined;
  } catch {
    // Reading the property itself throws where storage is turned off.
    return undefined;
  }
}

/** The runs kept by an earlier page of this tab, or undefined when there are none to use. */
export function loadRuns(): StoredRuns | undefined {
  try {
    return decodeRuns(storage()?.getItem(KEY));
  } catch {
    return undefined;
  }
}

/** Keeps the runs for the next page of this tab; no runs clears the record. */
export function saveRuns(log: RunLog): void {
  try {
    const store = storage();
    if (!store) return;
    const text = log.list().length === 0 ? undefined : encodeRuns({ runs: log.list(), next: log.nextId() });
    if (text === undefined) store.removeItem(KEY);
    else store.setItem(KEY, text);
  } catch {
    // A full or refused store keeps what it had: the runs stay on this page all the same.
  }
}

/** Points every `a[data-lab-link]` at its page with the lab's settings as the address writes them. */
export function updateLabLinks(raw: RawValues): void {
  const query = toQuery(LAB_FIELDS, raw);
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-lab-link]')) {
    const url = new URL(link.href, location.href);
    url.search = query;
    link.href = `${url.pathname}${url.search}${url.hash}`;
  }
}

/** What the status line says when runs come back: how many, which were cut short, and that models stay behind. */
export function keptRunsNote(runs: readonly RunRecord[]): string {
  const left = runs.filter((r) => r.left).map((r) => `“${r.name}”`);
  const count = runs.length === 1 ? 'One run' : `${runs.length} runs`;
  const stopped =
    left.length === 0
      ? ''
      : ` ${left.join(' and ')} ${left.length === 1 ? 'was' : 'were'} stopped when you left the page, with ${left.length === 1 ? 'its' : 'their'} curves so far: training cannot go on without the page that ran it.`;
  return `${count} kept from earlier in this tab.${stopped} Trained models are not kept: train again for results and your own images, or load a model you kept in this browser.`;
}
