/**
 * The panels that work on the lab's trained model: "Try your own image", "Inside the model" and
 * "Keep the model". They hold the one model the page has (trained in the worker, then loaded here
 * on the page's own backend, see `pageTf`), or one the reader loaded back; the lab only says when
 * a run starts (`clear`) and what a run produced (`show`).
 */
import type { io, LayersModel } from '@tensorflow/tfjs';
import type { Dataset } from '../../lib/train/data';
import type { TestResult } from '../../lib/train/trainer-protocol';
import { InsidePanel } from './inside-panel';
import { KeepPanel, pageTf } from './keep-panel';
import { OwnImagePanel } from './own-image-panel';
import type { Trainer } from './trainer-client';
import type { Parts } from '../parts';
import type { LAB_PARTS } from './markup';

export class ModelPanels {
  #model: LayersModel | undefined;
  readonly #own: OwnImagePanel;
  readonly #inside: InsidePanel;
  readonly #keep: KeepPanel;

  /**
   * `panels` are the lab's parts that hold "Inside the model" and "Try your own image"; "Keep the
   * model" is found in `lab`. `canLoad` says whether a kept model may replace the current one (not while training).
   */
  constructor(
    panels: Pick<Parts<typeof LAB_PARTS>, 'inside' | 'own'>,
    lab: HTMLElement,
    trainer: Trainer,
    options: { canLoad: () => boolean; onRecipe: () => void },
  ) {
    this.#inside = new InsidePanel(panels.inside, trainer);
    this.#own = new OwnImagePanel(panels.own, options.onRecipe, (grey) => this.#inside.look(grey));
    this.#keep = new KeepPanel(lab, options.canLoad, (loaded) => {
      this.#model?.dispose();
      this.#model = loaded.model;
      this.#own.use(loaded);
      void this.#inside.useModel(`kept-${Date.now()}`, loaded.model);
    });
  }

  set recipeEnabled(enabled: boolean) {
    this.#own.recipeEnabled = enabled;
  }

  /** A run starts: the old model goes, and the panels wait for the next. */
  clear(): void {
    this.#model?.dispose();
    this.#model = undefined;
    this.#own.use(undefined);
    this.#inside.use(undefined);
    this.#keep.use(undefined);
  }

  /** A run's trained model, from its files: loaded on the page and handed to every panel. */
  async show(files: io.ModelArtifacts, data: Dataset, test: TestResult, run: number): Promise<void> {
    const tf = await pageTf();
    const model = await tf.loadLayersModel(tf.io.fromMemory(files));
    this.#model?.dispose();
    this.#model = model;
    const trained = { model, dataset: data.manifest.name, classes: data.manifest.classes };
    this.#own.use({ ...trained, testAccuracy: test.accuracy });
    this.#keep.use(trained);
    // Until the reader draws, the inside view looks at the gallery's first test image.
    const first = Float32Array.from(data.test.images.subarray(0, 784), (v) => v / 255);
    this.#inside.use({ run: `run-${run}`, model: files, image: first, what: `the first test image (${data.manifest.classes[data.test.labels[0] ?? 0]})` });
  }

  dispose(): void {
    this.#model?.dispose();
    this.#model = undefined;
  }
}
