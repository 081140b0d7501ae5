/**
 * "Inside the model": for the image under prediction (the reader's, or the first test image until
 * the reader makes one), the feature maps after the stem and each stage, and one block's main
 * path, shortcut and output side by side. The worker computes them (src/lib/train/inspect.ts via
 * Trainer.inspect); this only draws: each map a canvas one pixel per value, scaled up by CSS with
 * image-rendering: pixelated, in viridis like the block explorer's maps, with a colour bar per set.
 * Requests never pile up: while one is out, only the newest image waits.
 */
import type { io, LayersModel } from '@tensorflow/tfjs';
import { interpolateViridis, rgb } from 'd3';
import { describeBlock, describeShare, describeStage, percent, value } from '../../lib/train/inside-text';
import type { BlockInside, MapSet } from '../../lib/train/inspect';
import type { Trainer } from './trainer-client';
import { findParts, type Parts } from '../parts';
import { INSIDE_PARTS } from './markup';

/** What to look inside: a run's model files, and the image to show before the reader makes one. */
export interface InsideSource {
  run: string;
  model: io.ModelArtifacts;
  image?: Float32Array;
  /** How the status names that image: "the first test image (Ankle boot)". */
  what?: string;
}

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className = '', text = ''): HTMLElementTagNameMap[K] =>
  Object.assign(document.createElement(tag), { className, textContent: text });

/** One h × w map as a canvas, its colours spread over [min, max]. */
function mapCanvas(map: Float32Array, h: number, w: number, min: number, max: number): HTMLCanvasElement {
  const canvas = el('canvas', 'inside-map');
  canvas.width = w;
  canvas.height = h;
  const context = canvas.getContext('2d');
  if (context) {
    const image = context.createImageData(w, h);
    map.forEach((v, i) => {
      const { r, g, b } = rgb(interpolateViridis(max > min ? (v - min) / (max - min) : 0));
      image.data.set([r, g, b, 255], 4 * i);
    });
    context.putImageData(image, 0, 0);
  }
  return canvas;
}

/** The colour scale under a set of maps: the gradient, then its low, middle and high values. */
function colourBar(min: number, max: number, ends?: [string, string]): HTMLElement {
  const bar = el('div', 'inside-bar');
  bar.setAttribute('aria-hidden', 'true'); // the figure's text alternative gives the range
  const ramp = mapCanvas(
    Float32Array.from({ length: 64 }, (_, i) => i),
    1,
    64,
    0,
    63,
  );
  ramp.className = 'inside-ramp';
  const numbers = el('div', 'inside-ticks');
  numbers.append(el('span', '', value(min)), el('span', '', value((min + max) / 2)), el('span', '', value(max)));
  bar.append(ramp, numbers);
  if (ends) {
    const words = el('div', 'inside-ends');
    words.append(el('span', '', ends[0]), el('span', '', ends[1]));
    bar.append(words);
  }
  return bar;
}

/** A labelled map: the canvas with its channel (or column) name under it. */
function tile(canvas: HTMLCanvasElement, label: string): HTMLElement {
  const cell = el('span', 'inside-tile');
  cell.append(canvas, el('span', 'inside-label', label));
  return cell;
}

function stageFigure(stage: MapSet): HTMLElement {
  const [h, w] = stage.shape;
  const figure = el('figure', 'inside-stage');
  const maps = el('div', 'inside-maps');
  maps.setAttribute('role', 'img');
  maps.setAttribute('aria-label', describeStage(stage));
  maps.append(...stage.maps.map((m, i) => tile(mapCanvas(m, h, w, stage.min, stage.max), `ch ${stage.channels[i]}`)));
  const caption = el('figcaption', '', `${stage.label === 'stem' ? 'Stem' : `Stage ${stage.label.slice(6)}`} · ${h} × ${w} × ${stage.shape[2]}`);
  figure.append(caption, maps, colourBar(stage.min, stage.max));
  return figure;
}

function blockFigure(block: BlockInside): HTMLElement {
  const [h, w] = block.shape;
  const wrap = el('div', 'inside-block-figures');
  const columns: [string, Float32Array[]][] = [
    ['main path F(x)', block.main],
    ...(block.shortcut ? [['shortcut', block.shortcut] as [string, Float32Array[]]] : []),
    ['after the ReLU', block.output],
  ];
  const figure = el('figure', 'inside-block');
  const grid = el('div', 'inside-grid');
  grid.style.setProperty('--columns', String(columns.length));
  grid.setAttribute('role', 'img');
  grid.setAttribute('aria-label', describeBlock(block));
  grid.append(el('span'), ...columns.map(([name]) => el('span', 'inside-label inside-head', name)));
  block.channels.forEach((c, row) => {
    grid.append(el('span', 'inside-label', `ch ${c}`), ...columns.map(([, maps]) => mapCanvas(maps[row] as Float32Array, h, w, block.min, block.max)));
  });
  figure.append(grid, colourBar(block.min, block.max));
  wrap.append(figure);
  if (block.share) {
    const share = el('figure', 'inside-share');
    const map = mapCanvas(block.share, h, w, 0, 1);
    map.setAttribute('role', 'img');
    map.setAttribute('aria-label', describeShare(block));
    share.append(
      el('figcaption', '', 'Where the shortcut carries the signal: |shortcut| / (|shortcut| + |F(x)|), over all channels'),
      map,
      colourBar(0, 1, ['all main path', 'all shortcut']),
      el('p', 'inside-number', `Over the block, the shortcut carries ${percent(block.shortcutShare ?? 0)} of the signal added.`),
    );
    wrap.append(share);
  }
  return wrap;
}

export class InsidePanel {
  #host: HTMLElement;
  readonly #parts: Parts<typeof INSIDE_PARTS>;
  #trainer: Trainer;
  #source: InsideSource | undefined;
  #image: { grey: Float32Array; what: string } | undefined;
  #block: string | undefined;
  #busy = false;
  #again = false;

  constructor(host: HTMLElement, trainer: Trainer) {
    this.#host = host;
    const parts = (this.#parts = findParts(host, INSIDE_PARTS, "the lab's [data-inside]"));
    this.#trainer = trainer;
    parts.picker.addEventListener('change', () => {
      this.#block = parts.picker.value;
      void this.#request();
    });
  }

  #status(text: string) {
    this.#parts.status.textContent = text;
  }

  /** A new model (or none, while a run trains): the old figures go, the new ones come. */
  use(source: InsideSource | undefined): void {
    this.#source = source;
    this.#block = undefined;
    this.#image = source?.image ? { grey: source.image, what: source.what ?? 'the first test image' } : undefined;
    this.#parts.figures.toggleAttribute('hidden', !source);
    if (!source) {
      this.#status('Train a model, or load one you kept, to look inside it.');
      return;
    }
    if (this.#image) void this.#request();
    else this.#status('Draw or upload an image to look inside the model.');
  }

  /** A model loaded on the page (a kept one): its files are made here, once. */
  async useModel(run: string, model: LayersModel): Promise<void> {
    const tf = await import('@tensorflow/tfjs');
    let files: io.ModelArtifacts | undefined;
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        files = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    if (files) this.use({ run, model: files });
  }

  /** The reader's image, 28 × 28 grey levels: look inside the model for it. */
  look(grey: Float32Array): void {
    this.#image = { grey, what: 'your image' };
    if (this.#source) void this.#request();
  }

  async #request(): Promise<void> {
    if (this.#busy) {
      this.#again = true;
      return;
    }
    const source = this.#source;
    const image = this.#image;
    if (!source || !image) return;
    this.#busy = true;
    this.#host.setAttribute('aria-busy', 'true');
    this.#status(`Looking inside the model for ${image.what}…`);
    try {
      const reply = await this.#trainer.inspect({ run: source.run, model: source.model, image: image.grey, ...(this.#block ? { block: this.#block } : {}) });
      if (source !== this.#source) return; // another model came meanwhile
      if (!reply.ok) this.#status(reply.reason === 'busy' ? reply.message : `Could not look inside the model: ${reply.message}`);
      else this.#render(reply.inside.stages, reply.inside.block, reply.inside.blocks, image.what);
    } finally {
      this.#busy = false;
      this.#host.removeAttribute('aria-busy');
      if (this.#again) {
        this.#again = false;
        void this.#request();
      }
    }
  }

  #render(stages: MapSet[], block: BlockInside, blocks: string[], what: string) {
    this.#parts.stages.replaceChildren(...stages.map(stageFigure));
    this.#parts.blockView.replaceChildren(
      ...(block.residual ? [] : [el('p', 'inside-note', `This is a plain twin: block ${block.block} has no shortcut, so only its main path is shown.`)]),
      blockFigure(block),
    );
    const picker = this.#parts.picker;
    if (picker.options.length !== blocks.length || [...picker.options].some((o, i) => o.value !== blocks[i])) {
      picker.replaceChildren(...blocks.map((b) => Object.assign(document.createElement('option'), { value: b, textContent: `block ${b}` })));
    }
    picker.value = block.block;
    picker.disabled = false;
    const model = block.residual ? 'the model' : 'the plain twin';
    this.#status(
      `Inside ${model}, for ${what}: ${stages.length - 1} stage${stages.length === 2 ? '' : 's'} after the stem, and block ${block.block} taken apart.`,
    );
  }
}
