/**
 * The lab's readouts while a run goes on: the status line, the progress bar, and the engine line
 * with the figures behind it (backend, tensors held, kernels per step, tensors after each epoch).
 * The status line also carries the run's speed in data attributes, where the benchmark reads it.
 */
import type { EngineInfo, MemoryInfo, RunTiming } from '../../lib/train/trainer-protocol';
import { engineLine, type EngineFigures } from './engine-line';

export class LabReadout {
  #host: HTMLElement;
  #engine: EngineInfo | undefined;
  #figures: EngineFigures & { epochTensors: number[] } = { epochTensors: [] };

  constructor(host: HTMLElement) {
    this.#host = host;
  }

  status(text: string): void {
    const status = this.#host.querySelector('[data-status]');
    if (status) status.textContent = text;
  }

  /** `fraction` of the run done, 0 to 1; shown as a whole percentage. */
  progress(fraction: number): void {
    const bar = this.#host.querySelector<HTMLElement>('[data-progress]');
    const percent = Math.round(100 * Math.min(1, Math.max(0, fraction)));
    bar?.setAttribute('aria-valuenow', String(percent));
    this.#host.querySelector<HTMLElement>('[data-progress-fill]')?.style.setProperty('width', `${percent}%`);
  }

  /** A new run: its figures start afresh, and the last run's speed leaves the status line. */
  newRun(): void {
    this.#figures = { epochTensors: [] };
    const status = this.#host.querySelector<HTMLElement>('[data-status]');
    if (status) for (const key of ['firstStepMs', 'imagesPerSecond', 'overheadPercent']) delete status.dataset[key];
  }

  /** The worker started its backend. */
  engine(engine: EngineInfo, memory: MemoryInfo): void {
    this.#engine = engine;
    this.#figures.memory = memory;
    this.showEngine();
  }

  /** Tensors held now; drawn with the next `showEngine`. */
  memory(memory: MemoryInfo): void {
    this.#figures.memory = memory;
  }

  /** After a training step: tensors held, and the step's kernel count when the worker counted it. */
  batch(memory: MemoryInfo, kernels: number | undefined): void {
    this.#figures.memory = memory;
    if (kernels !== undefined) this.#figures.kernelsPerStep = kernels;
    this.showEngine();
  }

  /** After an epoch: tensors held, which should be the same number every epoch. */
  epoch(memory: MemoryInfo, tensors: number): void {
    this.#figures.memory = memory;
    this.#figures.epochTensors.push(tensors);
    this.showEngine();
  }

  showEngine(): void {
    const line = this.#host.querySelector<HTMLElement>('[data-engine]');
    if (!line || !this.#engine) return;
    line.textContent = engineLine(this.#engine, this.#figures);
    line.dataset.backend = this.#engine.backend;
    if (this.#engine.threads !== undefined) line.dataset.threads = String(this.#engine.threads);
  }

  /** Puts the run's speed on the status line's data attributes. */
  timing(t: RunTiming): void {
    const status = this.#host.querySelector<HTMLElement>('[data-status]');
    if (!status) return;
    status.dataset.firstStepMs = String(Math.round(t.firstStepMs));
    if (t.kernelsPerStep !== undefined) status.dataset.kernelsPerStep = String(t.kernelsPerStep);
    if (t.images > 0 && t.wallMs > 0) {
      status.dataset.imagesPerSecond = (t.images / (t.wallMs / 1000)).toFixed(2);
      status.dataset.overheadPercent = ((100 * (t.wallMs - t.bareMs)) / t.bareMs).toFixed(2);
    }
  }
}
