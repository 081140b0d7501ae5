/**
 * "Try your own image": a 28 × 28 drawing area (shown six times larger) and an upload button.
 * Whatever the reader makes is scaled to 28 × 28, turned into grey levels like the training
 * images, and run through the current model; the class probabilities are listed, most likely first.
 */
import type { LayersModel, Tensor } from '@tensorflow/tfjs';
import { ranked, toModelInput } from '../../lib/train/own-image';

export class OwnImagePanel {
  #host: HTMLElement;
  #canvas: HTMLCanvasElement;
  #model: { model: LayersModel; classes: string[] } | undefined;
  #drawing = false;

  /** `onImage` sees each 28 × 28 grey image the model is asked about (for "Inside the model"). */
  constructor(
    host: HTMLElement,
    readonly onImage?: (grey: Float32Array) => void,
  ) {
    this.#host = host;
    this.#canvas = host.querySelector('[data-draw]') as HTMLCanvasElement;
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
    host.querySelector('[data-own="clear"]')?.addEventListener('click', () => {
      this.#clear();
      void this.#predict();
    });
    host.querySelector<HTMLInputElement>('[data-upload]')?.addEventListener('change', (e) => void this.#upload(e.target as HTMLInputElement));
  }

  /** The model to ask, and its class names; null until one is trained or loaded. */
  use(model: LayersModel | undefined, classes: string[]): void {
    this.#model = model ? { model, classes } : undefined;
    this.#message(model ? 'Draw or upload an image to see what the model makes of it.' : '');
  }

  #context(): CanvasRenderingContext2D {
    return this.#canvas.getContext('2d') as CanvasRenderingContext2D;
  }

  #clear() {
    const c = this.#context();
    c.fillStyle = '#000';
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
      this.#clear();
      c.drawImage(bitmap, 0, 0, this.#canvas.width, this.#canvas.height);
      bitmap.close();
      await this.#predict();
    } catch {
      this.#message(`That file could not be read as an image (${file.type || 'unknown type'}). Try a PNG or JPEG.`);
    } finally {
      input.value = '';
    }
  }

  #message(text: string) {
    const list = this.#host.querySelector('[data-probabilities]');
    list?.replaceChildren(...(text ? [Object.assign(document.createElement('li'), { textContent: text, className: 'own-note' })] : []));
  }

  async #predict() {
    if (!this.#model) {
      this.#message('Train a model first, or load one you kept.');
      return;
    }
    const small = document.createElement('canvas');
    small.width = 28;
    small.height = 28;
    const c = small.getContext('2d') as CanvasRenderingContext2D;
    c.drawImage(this.#canvas, 0, 0, 28, 28);
    const grey = toModelInput(c.getImageData(0, 0, 28, 28).data);
    this.onImage?.(grey);
    const { model, classes } = this.#model;
    // A model trained on resized images (ResNet-50 takes 64 × 64 × 3) gets the picture the same way.
    const [, h = 28, w = 28, channels = 1] = model.inputs[0]?.shape ?? [];
    // Loaded already: a model on the page means TF.js is here.
    const tf = await import('@tensorflow/tfjs');
    if (this.#model?.model !== model) return; // replaced (a new run started) while loading
    const probabilities = tf.tidy(() => {
      let x = tf.tensor4d(grey, [1, 28, 28, 1]);
      if (h !== 28 || w !== 28) x = tf.image.resizeBilinear(x, [h as number, w as number]);
      if (channels !== 1) x = x.tile([1, 1, 1, channels as number]);
      return (model.predict(x) as Tensor).dataSync();
    });
    const list = this.#host.querySelector('[data-probabilities]');
    list?.replaceChildren(
      ...ranked(probabilities, classes)
        .slice(0, 5)
        .map(({ name, p }) => {
          const item = document.createElement('li');
          const bar = Object.assign(document.createElement('span'), { className: 'own-bar' });
          bar.style.setProperty('--p', String(p));
          item.append(Object.assign(document.createElement('span'), { textContent: `${name}: ${(100 * p).toFixed(1)} %` }), bar);
          return item;
        }),
    );
  }
}
