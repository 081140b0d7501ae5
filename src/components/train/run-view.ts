/**
 * One training run as the page shows it: the curves (training loss and accuracy smoothed per
 * batch, validation per epoch), the pace, and the progress line. Reports arrive from the worker
 * at any rate; the charts redraw at most once per animation frame, so they stay smooth however
 * fast or slow the steps are.
 */
import type { LabParams } from '../../lib/train/lab-params';
import type { BatchReport, EpochReport } from '../../lib/train/loop';
import { formatDuration, Pace, Smoother } from '../../lib/train/metrics';
import type { Curves } from '../../lib/train/runs';

export class RunView {
  #loss = new Smoother();
  #accuracy = new Smoother();
  #pace = new Pace();
  #step = 0;
  #batchesPerEpoch = 1;
  #frame: number | undefined;

  /** Fills `curves` (a run's record, which the charts and the table of runs read). */
  constructor(
    readonly params: LabParams,
    readonly curves: Curves,
    readonly draw: () => void,
  ) {
    draw();
  }

  /** The share of all steps done, 0 to 1. */
  get fraction(): number {
    return this.#step / (this.params.epochs * this.#batchesPerEpoch);
  }

  /** Adds a step; returns the progress line (epoch, batch, images per second, time left). */
  batch(r: BatchReport): string {
    this.#batchesPerEpoch = r.batchesPerEpoch;
    this.#step = (r.epoch - 1) * r.batchesPerEpoch + r.batch;
    this.curves.trainLoss.push({ x: this.#step, y: this.#loss.add(r.loss) });
    this.curves.trainAccuracy.push({ x: this.#step, y: this.#accuracy.add(r.accuracy) });
    this.#pace.add(r.images, r.ms);
    this.#schedule();
    const stepsLeft = this.params.epochs * r.batchesPerEpoch - this.#step;
    const left = formatDuration(this.#pace.secondsLeft(stepsLeft * this.params.batch));
    return `Epoch ${r.epoch} of ${this.params.epochs} · batch ${r.batch} of ${r.batchesPerEpoch} · ${this.#pace.imagesPerSecond().toFixed(1)} images/s · about ${left} left`;
  }

  epoch(r: EpochReport): void {
    const x = r.epoch * this.#batchesPerEpoch;
    this.curves.validationLoss.push({ x, y: r.validationLoss });
    this.curves.validationAccuracy.push({ x, y: r.validationAccuracy });
    this.#schedule();
  }

  #schedule(): void {
    this.#frame ??= requestAnimationFrame(() => {
      this.#frame = undefined;
      this.draw();
    });
  }

  /** Draws now (at the end of a run, so the last points show even in a background tab). */
  flush(): void {
    if (this.#frame !== undefined) cancelAnimationFrame(this.#frame);
    this.#frame = undefined;
    this.draw();
  }
}
