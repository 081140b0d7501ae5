/**
 * `course.fitCallbacks()` in a TF.js cell: what Keras's `fit` shows, for TF.js's `model.fit`.
 * Each epoch prints Keras's progress line under the cell ("Epoch 1/2", then
 * "34/34 [==============================] - 3s 88ms/step - loss: 1.2345 - acc: 0.5612"), and every
 * batch sends a point to the cell's live chart. Stop sets `model.stopTraining`, which TF.js
 * honours at the end of the batch. No DOM: the kernel's worker passes `emit` and `print`.
 */
import * as tf from '@tensorflow/tfjs';
import type { FitEvent } from './protocol';

export interface FitCallbackOptions {
  emit(event: FitEvent): void;
  print(line: string): void;
  /** Whether Stop was pressed for this run. */
  stopped(): boolean;
}

const BAR = 30;

/** Keras's progress bar: `34/34 [==============================]`, `[=====>........]` midway. */
export function progressBar(step: number, steps: number): string {
  const done = steps > 0 ? Math.floor((BAR * step) / steps) : BAR;
  const bar = step >= steps ? '='.repeat(BAR) : `${'='.repeat(Math.max(0, done - 1))}>${'.'.repeat(BAR - Math.max(1, done))}`;
  return `${step}/${steps} [${bar}]`;
}

/** A value as Keras prints it in the progress line: four decimals. */
const figure = (value: number) => (Number.isFinite(value) ? value.toFixed(4) : String(value));

/** Keras's end-of-epoch line: bar, time, time per step, then each log's name and value. */
export function progressLine(steps: number, ms: number, logs: Readonly<Record<string, number>>): string {
  const perStep = steps > 0 ? ms / steps : 0;
  const time = ms >= 1000 ? `${Math.round(ms / 1000)}s` : `${Math.round(ms)}ms`;
  const values = Object.entries(logs).map(([name, value]) => ` - ${name}: ${figure(value)}`);
  return `${progressBar(steps, steps)} - ${time} ${Math.round(perStep)}ms/step${values.join('')}`;
}

/** A log's value as a number: TF.js hands a plain callback its logs as numbers or as scalars. */
const numberOf = (value: unknown): number | undefined =>
  typeof value === 'number' ? value : value instanceof tf.Tensor ? (value.dataSync()[0] ?? NaN) : undefined;

/** The logs as numbers, by name. */
function resolved(logs: tf.Logs | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, value] of Object.entries(logs ?? {})) {
    const number = numberOf(value);
    if (number !== undefined) out[name] = number;
  }
  return out;
}

/** Reads a log whichever name TF.js gave it: `acc` or `accuracy`. */
const read = (logs: Record<string, number>, ...names: string[]) => names.map((name) => logs[name]).find((v): v is number => v !== undefined) ?? NaN;

class CourseCallback extends tf.Callback {
  #options: FitCallbackOptions;
  #epochStart = 0;
  #steps = 0;
  #epoch = 1;

  constructor(options: FitCallbackOptions) {
    super();
    this.#options = options;
  }

  override async onTrainBegin(): Promise<void> {
    const {
      epochs = 1,
      steps,
      samples,
      batchSize = 32,
      doValidation,
    } = this.params as { epochs?: number; steps?: number; samples?: number; batchSize?: number; doValidation?: boolean };
    this.#steps = steps ?? Math.ceil((samples ?? 0) / batchSize);
    this.#options.emit({ kind: 'begin', epochs, batchesPerEpoch: this.#steps, validation: Boolean(doValidation) });
  }

  override async onEpochBegin(epoch: number): Promise<void> {
    this.#epochStart = performance.now();
    this.#epoch = epoch + 1;
    this.#options.print(`Epoch ${epoch + 1}/${(this.params as { epochs?: number }).epochs ?? 1}`);
  }

  override async onBatchEnd(batch: number, raw?: tf.Logs): Promise<void> {
    const logs = resolved(raw);
    this.#options.emit({ kind: 'batch', epoch: this.#epoch, batch: batch + 1, loss: read(logs, 'loss'), accuracy: read(logs, 'acc', 'accuracy') });
    if (this.#options.stopped() && this.model) this.model.stopTraining = true;
  }

  override async onEpochEnd(epoch: number, raw?: tf.Logs): Promise<void> {
    const logs = resolved(raw);
    this.#options.print(progressLine(this.#steps, performance.now() - this.#epochStart, logs));
    const valLoss = read(logs, 'val_loss');
    const valAccuracy = read(logs, 'val_acc', 'val_accuracy');
    this.#options.emit({
      kind: 'epoch',
      epoch: epoch + 1,
      loss: read(logs, 'loss'),
      accuracy: read(logs, 'acc', 'accuracy'),
      ...(Number.isNaN(valLoss) ? {} : { valLoss }),
      ...(Number.isNaN(valAccuracy) ? {} : { valAccuracy }),
    });
  }

  override async onTrainEnd(): Promise<void> {
    this.#options.emit({ kind: 'end', stopped: this.#options.stopped() });
  }
}

/** The callback to pass as `model.fit(x, y, { callbacks: course.fitCallbacks() })`. */
export function fitCallbacks(options: FitCallbackOptions): tf.Callback {
  return new CourseCallback(options);
}
