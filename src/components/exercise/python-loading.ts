/**
 * The bar a Keras cell shows while Python loads: bytes downloaded, then what is being set up.
 * Python is about 13 MB, fetched once per worker (and from the browser's cache after that).
 */
import type { LoadProgress } from '../../lib/kernel/protocol';
import { findParts } from '../parts';
import { PYTHON_LOADING_PARTS } from './markup';

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

/** Python's loading in words: bytes downloaded, then what is being set up. */
export function describeLoading(progress: LoadProgress): string {
  if (progress.stage === 'runtime' && progress.loaded < progress.total) return `Downloading Python: ${mb(progress.loaded)} of ${mb(progress.total)} MB`;
  return progress.stage === 'runtime' && progress.total > 0 ? 'Starting Python…' : progress.message;
}

export class PythonLoading {
  readonly #root: HTMLElement;
  readonly #text: HTMLElement;
  readonly #bar: HTMLProgressElement;

  constructor(root: HTMLElement) {
    this.#root = root;
    const parts = findParts(root, PYTHON_LOADING_PARTS, "the cell's [data-python]");
    this.#text = parts.text;
    this.#bar = parts.bar;
  }

  show(progress: LoadProgress): void {
    this.#root.hidden = false;
    this.#root.dataset.state = 'loading';
    this.#bar.hidden = false;
    if (progress.stage === 'runtime' && progress.loaded < progress.total) {
      this.#text.textContent = describeLoading(progress);
      this.#bar.max = progress.total;
      this.#bar.value = progress.loaded;
    } else {
      // Downloaded: what is left (compiling Python, setting up Keras) has no byte count.
      this.#text.textContent = describeLoading(progress);
      this.#bar.removeAttribute('value');
    }
  }

  ready(): void {
    this.#root.hidden = true;
    this.#root.dataset.state = 'ready';
  }

  /** Out of sight while the cell is in TF.js; Python's state, whatever it is, is kept. */
  hide(): void {
    this.#root.hidden = true;
  }

  failed(message: string): void {
    this.#root.hidden = false;
    this.#root.dataset.state = 'failed';
    this.#text.textContent = `Python could not load (${message}). Check your connection, then press Run checks to try again.`;
    this.#bar.hidden = true;
  }
}
