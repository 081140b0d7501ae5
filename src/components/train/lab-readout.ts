/**
 * The lab's readouts while a run goes on: the status line, the progress bar, and the engine line
 * with the figures behind it (backend, tensors held, kernels per step, tensors after each epoch).
 * The status line also carries the run's speed in data attributes, where the benchmark reads it.
 */
import type { EngineInfo, MemoryInfo, RunTiming } from '../../lib/train/trainer-protocol';
import { engineLine, type EngineFigures } from './engine-line';
import { findParts, type Parts } from '../parts';
import { LAB_READOUT_PARTS } from './markup';

export class LabReadout {
  #host: HTMLElement;
  #found: Parts<typeof LAB_READOUT_PARTS> | undefined;
  #engine: EngineInfo | undefined;
  #figures: EngineFigures & { epochTensors: number[] } = { epochTensors: [] };

  /** The lab's element, whose markup may not be there yet: its parts are found at the first readout. */
  constructor(host: HTMLElement) {
    this.#host = host;
  }

  /** The readouts' parts, found once. */
  get #parts(): Parts<typeof LAB_READOUT_PARTS> {
    return (this.#found ??= findParts(this.#host, LAB_READOUT_PARTS));
  }

  status(text: string): void {
    this.#parts.status.textContent = text;
  }

  /** `fraction` of the run done, 0 to 1; shown as a whole percentage. */
  progress(fraction: number): void {
    const percent = Math.round(100 * Math.min(1, Math.max(0, fraction)));
    this.#parts.progress.setAttribute('aria-valuenow', String(percent));
    this.#parts.progressFill.style.setProperty('width', `${percent}%`);
  }

  /** A new run: its figures start afresh, and the last run's speed leaves the status line. */
  newRun(): void {
    this.#figures = { epochTensors: [] };
    const status = this.#parts.status;
    for (const key of ['firstStepMs', 'imagesPerSecond', 'overheadPercent']) delete status.dataset[key];
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
    const line = this.#parts.engine;
    if (!this.#engine) return;
    line.textContent = engineLine(this.#engine, this.#figures);
    line.dataset.backend = this.#engine.backend;
    if (this.#engine.threads !== undefined) line.dataset.threads = String(this.#engine.threads);
  }

  /** Puts the run's speed on the status line's data attributes. */
  timing(t: RunTiming): void {
    const status = this.#parts.status;
    status.dataset.firstStepMs = String(Math.round(t.firstStepMs));
    if (t.kernelsPerStep !== undefined) status.dataset.kernelsPerStep = String(t.kernelsPerStep);
    if (t.images > 0 && t.wallMs > 0) {
      status.dataset.imagesPerSecond = (t.images / (t.wallMs / 1000)).toFixed(2);
      status.dataset.overheadPercent = ((100 * (t.wallMs - t.bareMs)) / t.bareMs).toFixed(2);
    }
  }
}
