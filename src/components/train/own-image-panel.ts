/**
 * "Try your own image": a drawing area (168 × 168 pixels) and an upload button. Whatever the
 * reader makes becomes the model's 28 × 28 input (`input()`, framed as the training images are:
 * see src/lib/train/own-image.ts) and is run through the current model; the classes are listed
 * with their probabilities, most likely first, under a warning when the model is near guessing.
 * The "Train a model for drawing" button hands over to the lab, which owns the form and training.
 */
import type { LayersModel, Tensor } from '@tensorflow/tfjs';
import { chanceWarning, classLabel, framingFor, ranked, toModelInput } from '../../lib/train/own-image';
import type { Trained } from './keep-panel';
import { findParts, type Parts } from '../parts';
import { OWN_IMAGE_PARTS } from './markup';

/** The model the panel asks, and what it knows of it; a loaded model's test accuracy may be unknown. */
export interface OwnImageModel extends Trained {
  testAccuracy?: number;
}

export class OwnImagePanel {
  readonly #parts: Parts<typeof OWN_IMAGE_PARTS>;
  #canvas: HTMLCanvasElement;
  #model: OwnImageModel | undefined;
  #drawing = false;

  /**
   * `onRecipe` runs when the reader asks for the drawing recipe; `onImage` sees each 28 × 28 grey
   * image the model is asked about (for "Inside the model").
   */
  constructor(
    host: HTMLElement,
    onRecipe: () => void,
    readonly onImage?: (grey: Float32Array) => void,
  ) {
    const parts = (this.#parts = findParts(host, OWN_IMAGE_PARTS, "the lab's [data-own]"));
    this.#canvas = parts.canvas;
    this.#clear();
    this.#canvas.addEventListener('pointerdown', (e) => {
      this.#drawing = true;
      this.#canvas.setPointerCapture(e.pointerId);
      this.#stroke(e);
    });
    this.#canvas.addEventListener('pointermove', (e) => this.#drawing && this.#stroke(e));
    this.#canvas.addEventListener('pointerup', () => {
      this.#drawing = false;
      void this.#predict();
    });
    parts.clear.addEventListener('click', () => {
      this.#clear();
      void this.#predict();
    });
    parts.recipe.addEventListener('click', onRecipe);
    parts.upload.addEventListener('change', () => void this.#upload(parts.upload));
  }

  /** The model to ask; none until one is trained or loaded. */
  use(trained: OwnImageModel | undefined): void {
    this.#model = trained;
    const text = trained ? chanceWarning(trained.testAccuracy, trained.classes.length, trained.dataset) : undefined;
    this.#parts.warning.textContent = text ?? '';
    this.#parts.warning.hidden = text === undefined;
    this.#message(trained ? 'Draw or upload an image to see what the model makes of it.' : '');
  }

  /** The recipe button is off while the lab cannot start a run. */
  set recipeEnabled(enabled: boolean) {
    this.#parts.recipe.disabled = !enabled;
  }

  /**
   * What the model reads for the picture now in the drawing area: 28 × 28 grey levels in [0, 1],
   * row-major, framed for the current model's dataset (as a digit when there is no model).
   */
  input(): Float32Array {
    const { width, height } = this.#canvas;
    const pixels = this.#context().getImageData(0, 0, width, height).data;
    return toModelInput(pixels, width, height, framingFor(this.#model?.dataset ?? 'mnist'));
  }

  #context(): CanvasRenderingContext2D {
    return this.#canvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D;
  }

  #clear(fill = '#000') {
    const c = this.#context();
    c.fillStyle = fill;
    c.fillRect(0, 0, this.#canvas.width, this.#canvas.height);
  }

  #stroke(e: PointerEvent) {
    const rect = this.#canvas.getBoundingClientRect();
    const c = this.#context();
    c.fillStyle = '#fff';
    c.beginPath();
    c.arc(((e.clientX - rect.left) / rect.width) * this.#canvas.width, ((e.clientY - rect.top) / rect.height) * this.#canvas.height, 9, 0, 2 * Math.PI);
    c.fill();
  }

  async #upload(input: HTMLInputElement) {
    const file = input.files?.[0];
    if (!file) return;
    try {
      const bitmap = await createImageBitmap(file);
      const c = this.#context();
      const { width, height } = this.#canvas;
      // Fitted whole, keeping its proportions (a stretched digit is another digit); the margins
      // take the picture's own corner colour, so a dark-on-white page stays white all round.
      c.drawImage(bitmap, 0, 0, width, height);
      const [r = 0, g = 0, b = 0] = c.getImageData(0, 0, 1, 1).data;
      this.#clear(`rgb(${r}, ${g}, ${b})`);
      const scale = Math.min(width / bitmap.width, height / bitmap.height);
      const w = bitmap.width * scale;
      const h = bitmap.height * scale;
      c.drawImage(bitmap, (width - w) / 2, (height - h) / 2, w, h);
      bitmap.close();
      await this.#predict();
    } catch {
      this.#message(`That file could not be read as an image (${file.type || 'unknown type'}). Try a PNG or JPEG.`);
    } finally {
      input.value = '';
    }
  }

  #message(text: string) {
    this.#parts.probabilities.replaceChildren(...(text ? [Object.assign(document.createElement('li'), { textContent: text, className: 'own-note' })] : []));
  }

  async #predict() {
    const trained = this.#model;
    if (!trained) {
      this.#message('Train a model first, or load one you kept.');
      return;
    }
    const grey = this.input();
    this.onImage?.(grey);
    const { model, classes, dataset } = trained;
    // Loaded already: a model on the page means TF.js is here.
    const tf = await import('@tensorflow/tfjs');
    if (this.#model !== trained) return; // replaced (a new run started) while loading
    const probabilities = tf.tidy(() => (model.predict(modelShaped(tf, model, grey)) as Tensor).dataSync());
    this.#parts.probabilities.replaceChildren(
      ...ranked(probabilities, classes)
        .slice(0, 5)
        .map(({ name, p }) => {
          const item = document.createElement('li');
          const bar = Object.assign(document.createElement('span'), { className: 'own-bar' });
          bar.style.setProperty('--p', String(p));
          item.append(Object.assign(document.createElement('span'), { textContent: `${classLabel(dataset, name)}: ${(100 * p).toFixed(1)} %` }), bar);
          return item;
        }),
    );
  }
}

/**
 * The 28 × 28 input as the model's input tensor, (1, h, w, channels): a model trained on resized
 * images (ResNet-50 takes 64 × 64 × 3) gets the picture as its training batches were made.
 */
function modelShaped(tf: typeof import('@tensorflow/tfjs'), model: LayersModel, grey: Float32Array): Tensor {
  const [, h = 28, w = 28, channels = 1] = model.inputs[0]?.shape ?? [];
  let x: Tensor = tf.tensor4d(grey, [1, 28, 28, 1]);
  if (h !== 28 || w !== 28) x = tf.image.resizeBilinear(x as Parameters<typeof tf.image.resizeBilinear>[0], [h as number, w as number]);
  if (channels !== 1) x = x.tile([1, 1, 1, channels as number]);
  return x;
}
