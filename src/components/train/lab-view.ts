/** Draws the lab's results: the curves, the confusion matrix and the gallery of test images. */
import { LineChart, type Series } from '../../lib/charts/line-chart';

export interface Curves {
  trainLoss: { x: number; y: number }[];
  trainAccuracy: { x: number; y: number }[];
  validationLoss: { x: number; y: number }[];
  validationAccuracy: { x: number; y: number }[];
}

export const emptyCurves = (): Curves => ({ trainLoss: [], trainAccuracy: [], validationLoss: [], validationAccuracy: [] });

export class LabCharts {
  #loss: LineChart;
  #accuracy: LineChart;
  #host: HTMLElement;

  constructor(host: HTMLElement) {
    this.#host = host;
    this.#loss = new LineChart(host.querySelector('[data-chart="loss"]') as HTMLElement, { label: 'Loss per training step', xLabel: 'training step', yLabel: 'loss' });
    this.#accuracy = new LineChart(host.querySelector('[data-chart="accuracy"]') as HTMLElement, {
      label: 'Accuracy per training step',
      xLabel: 'training step',
      yLabel: 'accuracy',
      yDomain: [0, 1],
      format: (v) => `${(100 * v).toFixed(1)} %`,
    });
  }

  update(curves: Curves): void {
    const series = (train: Series['points'], validation: Series['points']): Series[] => [
      { key: 'train', label: 'training', className: 'train', points: train },
      { key: 'validation', label: 'validation', className: 'validation', points: validation, markers: true },
    ];
    this.#loss.update(series(curves.trainLoss, curves.validationLoss));
    this.#accuracy.update(series(curves.trainAccuracy, curves.validationAccuracy));
    const last = (points: Series['points']) => points.at(-1)?.y;
    const fmt = (v: number | undefined, pct = false) => (v === undefined ? '—' : pct ? `${(100 * v).toFixed(1)} %` : v.toFixed(3));
    const caption = (key: string, text: string) => {
      const el = this.#host.querySelector(`[data-chart-summary="${key}"]`);
      if (el) el.textContent = text;
    };
    caption('loss', `Loss after ${curves.trainLoss.length} steps: training ${fmt(last(curves.trainLoss))} (smoothed), validation ${fmt(last(curves.validationLoss))}.`);
    caption('accuracy', `Accuracy after ${curves.trainAccuracy.length} steps: training ${fmt(last(curves.trainAccuracy), true)} (smoothed), validation ${fmt(last(curves.validationAccuracy), true)}.`);
  }

  destroy(): void {
    this.#loss.destroy();
    this.#accuracy.destroy();
  }
}

/** The confusion matrix as a table: rows are true classes, columns predictions. */
export function renderConfusion(table: HTMLTableElement, matrix: number[][], classes: string[]): void {
  const max = Math.max(1, ...matrix.flat());
  const head = document.createElement('tr');
  head.append(Object.assign(document.createElement('th'), { textContent: 'true \\ predicted', scope: 'col' }));
  for (const name of classes) head.append(Object.assign(document.createElement('th'), { textContent: name, scope: 'col' }));
  const rows = matrix.map((row, i) => {
    const tr = document.createElement('tr');
    tr.append(Object.assign(document.createElement('th'), { textContent: classes[i] ?? String(i), scope: 'row' }));
    row.forEach((n, j) => {
      const td = Object.assign(document.createElement('td'), { textContent: String(n), className: i === j ? 'diagonal' : '' });
      td.style.setProperty('--share', String(n / max));
      tr.append(td);
    });
    return tr;
  });
  const caption = Object.assign(document.createElement('caption'), { textContent: 'Confusion matrix on the test set: each row is a true class, each column a prediction.' });
  table.replaceChildren(caption, Object.assign(document.createElement('thead'), {}), document.createElement('tbody'));
  table.tHead?.append(head);
  table.tBodies[0]?.append(...rows);
}

/** Test images with their predicted class; mistakes are marked. */
export function renderGallery(host: HTMLElement, images: Uint8Array, labels: Uint8Array, predicted: Uint8Array, classes: string[], count = 24): void {
  const items = Array.from({ length: Math.min(count, labels.length) }, (_, i) => {
    const canvas = document.createElement('canvas');
    canvas.width = 28;
    canvas.height = 28;
    const context = canvas.getContext('2d');
    if (context) {
      const image = context.createImageData(28, 28);
      for (let p = 0; p < 784; p++) {
        const v = 255 - (images[i * 784 + p] ?? 0);
        image.data.set([v, v, v, 255], p * 4);
      }
      context.putImageData(image, 0, 0);
    }
    const right = predicted[i] === labels[i];
    const truth = classes[labels[i] ?? 0] ?? '';
    const guess = classes[predicted[i] ?? 0] ?? '';
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', `Test image ${i + 1}: ${truth}`);
    const figure = document.createElement('figure');
    figure.className = right ? 'right' : 'wrong';
    figure.append(canvas, Object.assign(document.createElement('figcaption'), { textContent: right ? guess : `${guess} ✗ (is ${truth})` }));
    return figure;
  });
  host.replaceChildren(...items);
}
