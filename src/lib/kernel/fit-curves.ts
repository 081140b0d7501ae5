/**
 * A `fit`'s chart data, gathered from the kernel's fit events: training loss and accuracy per
 * batch (x: the training step, counted across epochs), validation per epoch as dots at the
 * epoch's last step, as the training lab draws them. Pure: the cell's chart only draws these.
 */
import type { Series } from '../charts/series';
import type { FitEvent } from './protocol';

export interface FitState {
  epochs: number;
  batchesPerEpoch: number;
  /** The latest epoch and batch seen, for the cell's status line. */
  epoch: number;
  batch: number;
  stopped: boolean;
  done: boolean;
}

type Points = Series['points'];

export class FitCurves {
  readonly state: FitState = { epochs: 0, batchesPerEpoch: 0, epoch: 0, batch: 0, stopped: false, done: false };
  readonly #trainLoss: Points = [];
  readonly #trainAccuracy: Points = [];
  readonly #validationLoss: Points = [];
  readonly #validationAccuracy: Points = [];

  /** Takes one event; returns whether the curves changed. */
  add(event: FitEvent): boolean {
    const state = this.state;
    switch (event.kind) {
      case 'begin':
        state.epochs = event.epochs;
        state.batchesPerEpoch = event.batchesPerEpoch;
        return false;
      case 'batch': {
        state.epoch = event.epoch;
        state.batch = event.batch;
        const x = this.#step(event.epoch, event.batch);
        if (Number.isFinite(event.loss)) this.#trainLoss.push({ x, y: event.loss });
        if (Number.isFinite(event.accuracy)) this.#trainAccuracy.push({ x, y: event.accuracy });
        return true;
      }
      case 'epoch': {
        const x = this.#step(event.epoch, state.batchesPerEpoch);
        if (event.valLoss !== undefined && Number.isFinite(event.valLoss)) this.#validationLoss.push({ x, y: event.valLoss });
        if (event.valAccuracy !== undefined && Number.isFinite(event.valAccuracy)) this.#validationAccuracy.push({ x, y: event.valAccuracy });
        return event.valLoss !== undefined || event.valAccuracy !== undefined;
      }
      case 'end':
        state.stopped = event.stopped;
        state.done = true;
        return false;
    }
  }

  /** The step's x: batches counted from the first epoch's first batch (1-based). */
  #step(epoch: number, batch: number): number {
    return (epoch - 1) * Math.max(1, this.state.batchesPerEpoch) + batch;
  }

  /** The series of one chart: 'loss' or 'accuracy', training as a line and validation as dots. */
  series(which: 'loss' | 'accuracy'): Series[] {
    const [train, validation] = which === 'loss' ? [this.#trainLoss, this.#validationLoss] : [this.#trainAccuracy, this.#validationAccuracy];
    const series: Series[] = [{ key: 'train', label: 'training', className: 'run run-0 residual run-line', points: train }];
    if (validation.length > 0)
      series.push({ key: 'validation', label: 'validation', className: 'run run-0 residual run-points', points: validation, markers: true });
    return series;
  }

  /** "Epoch 1 of 2, batch 12 of 34", for the cell's status. */
  describe(): string {
    const { epoch, epochs, batch, batchesPerEpoch } = this.state;
    return epoch === 0 ? 'Starting to train…' : `Epoch ${epoch} of ${epochs}, batch ${batch} of ${batchesPerEpoch}`;
  }
}
