/** Numbers the training lab shows: smoothed curves, accuracy, the confusion matrix, pace. */

/** Exponential moving average with bias correction, as TensorBoard smooths training curves. */
export class Smoother {
  #value = 0;
  #steps = 0;
  constructor(readonly weight = 0.9) {}

  add(x: number): number {
    this.#steps += 1;
    this.#value = this.weight * this.#value + (1 - this.weight) * x;
    return this.#value / (1 - this.weight ** this.#steps);
  }
}

/** counts[actual][predicted] over `classes` classes. */
export function confusionMatrix(actual: ArrayLike<number>, predicted: ArrayLike<number>, classes: number): number[][] {
  const counts = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < actual.length; i++) {
    const row = counts[actual[i] as number];
    const p = predicted[i] as number;
    if (row && p >= 0 && p < classes) row[p] = (row[p] ?? 0) + 1;
  }
  return counts;
}

export function accuracyOf(matrix: readonly (readonly number[])[]): number {
  let right = 0;
  let all = 0;
  matrix.forEach((row, i) => {
    for (const [j, n] of row.entries()) {
      all += n;
      if (i === j) right += n;
    }
  });
  return all === 0 ? 0 : right / all;
}

/** Images per second over a sliding window of recent batches, and the time left at that pace. */
export class Pace {
  #samples: { images: number; ms: number }[] = [];
  constructor(readonly window = 20) {}

  add(images: number, ms: number): void {
    this.#samples.push({ images, ms });
    if (this.#samples.length > this.window) this.#samples.shift();
  }

  imagesPerSecond(): number {
    const images = this.#samples.reduce((n, s) => n + s.images, 0);
    const ms = this.#samples.reduce((n, s) => n + s.ms, 0);
    return ms > 0 ? (1000 * images) / ms : 0;
  }

  secondsLeft(imagesLeft: number): number | null {
    const rate = this.imagesPerSecond();
    return rate > 0 ? imagesLeft / rate : null;
  }
}

/** "1 min 05 s", "42 s", "—". */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}
