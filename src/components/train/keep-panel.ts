/**
 * "Keep the model": download the trained model, keep it in this browser, and load either back.
 * The model itself belongs to the lab; this panel only saves what it is given and hands back what
 * it loads. Loading needs TF.js on the page, which it brings only then.
 */
import { findParts, type Parts } from '../parts';
import { KEEP_PARTS } from './markup';
import type { LayersModel } from '@tensorflow/tfjs';
import { formatCount } from '../../lib/resnet/format';
import type { Engine } from '../engine';
import type { Loaded } from './model-store';

type Store = typeof import('./model-store');

let pageEngine: Promise<Engine> | undefined;

/**
 * TF.js on the page itself, loaded the first time a model must live here (after training, or to
 * load one): until then the page holds none of it, since training happens in the worker.
 */
export async function pageTf(): Promise<typeof import('@tensorflow/tfjs')> {
  const [tf, { startEngine }] = await Promise.all([import('@tensorflow/tfjs'), import('../engine')]);
  pageEngine ??= startEngine('page');
  await pageEngine;
  return tf;
}

export interface Trained {
  model: LayersModel;
  dataset: string;
  classes: string[];
}

export class KeepPanel {
  readonly #parts: Parts<typeof KEEP_PARTS>;
  #trained: Trained | undefined;

  /** `canLoad` says whether a loaded model may replace the current one (not while training). */
  constructor(host: HTMLElement, canLoad: () => boolean, onLoaded: (loaded: Trained) => void) {
    const parts = (this.#parts = findParts(host, KEEP_PARTS));
    const load = async (from: (store: Store) => Promise<Loaded>) => {
      if (!canLoad()) {
        this.#say('A model can be loaded once training has ended: press Stop, or wait for the run to finish, then load it again.');
        return;
      }
      this.#say('Loading the model…');
      const [store] = await Promise.all([import('./model-store'), pageTf()]);
      const kept = await from(store);
      if ('reason' in kept) {
        this.#say(kept.reason);
        return;
      }
      const trained = { model: kept.model, dataset: kept.meta.dataset, classes: kept.meta.classes };
      onLoaded(trained);
      this.use(trained);
      this.#say(
        `Loaded the model saved on ${new Date(kept.meta.savedAt).toLocaleString()} (trained on ${kept.meta.dataset}, ${formatCount(kept.model.countParams())} parameters).`,
      );
    };
    parts.download.addEventListener('click', () => void this.#keep('download'));
    parts.save.addEventListener('click', () => void this.#keep('save'));
    parts.load.addEventListener('click', () => void load((store) => store.loadKeptModel()));
    parts.files.addEventListener('change', () => {
      const files = [...(parts.files.files ?? [])];
      parts.files.value = '';
      void load((store) => store.loadModelFiles(files));
    });
  }

  /** The model Download and Keep act on; none (and both buttons off) while there is none. */
  use(trained: Trained | undefined): void {
    this.#trained = trained;
    this.#parts.download.disabled = !trained;
    this.#parts.save.disabled = !trained;
  }

  #say(text: string) {
    this.#parts.status.textContent = text;
  }

  async #keep(how: 'download' | 'save') {
    const trained = this.#trained;
    if (!trained) return;
    try {
      const store = await import('./model-store');
      if (how === 'download') await store.downloadModel(trained.model, trained.dataset, trained.classes);
      else await store.keepModel(trained.model, trained.dataset, trained.classes);
      this.#say(how === 'download' ? 'Downloaded resnet-live-model.json and its weights.' : 'Kept in this browser: it will still be here after a reload.');
    } catch (error) {
      this.#say(`Could not ${how === 'download' ? 'download' : 'keep'} the model: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
