/** Draws the lab's results: the curves of every shown run, the test accuracy, the confusion matrix and the gallery of test images. */
import { runSeries } from '../../lib/train/run-series';
import { LineChart } from '../charts/line-chart';
import { formatCount } from '../../lib/resnet/format';
import type { Dataset } from '../../lib/train/data';
import { last, type RunRecord } from '../../lib/train/runs';
import type { TestResult } from '../../lib/train/trainer-protocol';
import { findParts, type Parts } from '../parts';
import { LAB_CHART_PARTS, RESULTS_PARTS } from './markup';

export class LabCharts {
  #loss: LineChart;
  #accuracy: LineChart;
  readonly #parts: Parts<typeof LAB_CHART_PARTS>;

  constructor(host: HTMLElement) {
    const parts = (this.#parts = findParts(host, LAB_CHART_PARTS));
    this.#loss = new LineChart(parts.loss, {
      label: 'Loss per training step',
      xLabel: 'training step',
      yLabel: 'loss',
    });
    this.#accuracy = new LineChart(parts.accuracy, {
      label: 'Accuracy per training step',
      xLabel: 'training step',
      yLabel: 'accuracy',
      yDomain: [0, 1],
      format: (v) => `${(100 * v).toFixed(1)} %`,
    });
  }

  /**
   * Overlays the shown runs, each in its own colour: training per batch (smoothed) as a line,
   * validation per epoch as dots (lib/train/run-series.ts).
   */
  update(runs: readonly RunRecord[]): void {
    const shown = runs.filter((r) => r.visible);
    this.#loss.update(runSeries(shown, (c) => [c.trainLoss, c.validationLoss]));
    this.#accuracy.update(runSeries(shown, (c) => [c.trainAccuracy, c.validationAccuracy]));
    const fmt = (v: number | undefined, pct = false) => (v === undefined ? '—' : pct ? `${(100 * v).toFixed(1)} %` : v.toFixed(3));
    const caption = (key: 'loss' | 'accuracy', text: string) => {
      this.#parts[key === 'loss' ? 'lossSummary' : 'accuracySummary'].textContent = text;
    };
    const latest = shown.at(-1);
    if (!latest) {
      caption(
        'loss',
        runs.length === 0
          ? 'Loss: training (per batch, smoothed) and validation (per epoch, dots). No data yet.'
          : 'Loss: no run is shown; tick Show in the table of runs.',
      );
      caption(
        'accuracy',
        runs.length === 0 ? 'Accuracy: training (per batch, smoothed) and validation (per epoch, dots). No data yet.' : 'Accuracy: no run is shown.',
      );
      return;
    }
    const c = latest.curves;
    // Runs on MNIST draw their own dash (lib/train/run-series.ts): said where it tells runs apart.
    const digits = shown.some((r) => r.params.dataset === 'mnist') && shown.some((r) => r.params.dataset !== 'mnist') ? ', runs on MNIST dash-dotted' : '';
    const of =
      shown.length > 1
        ? ` ${shown.length} runs shown, each in its own colour; ResNets solid, plain twins dashed${digits}, validation as dots. Latest, ${latest.name}:`
        : '';
    caption('loss', `Loss after ${c.trainLoss.length} steps:${of} training ${fmt(last(c.trainLoss))} (smoothed), validation ${fmt(last(c.validationLoss))}.`);
    caption(
      'accuracy',
      `Accuracy after ${c.trainAccuracy.length} steps:${of} training ${fmt(last(c.trainAccuracy), true)} (smoothed), validation ${fmt(last(c.validationAccuracy), true)}.`,
    );
  }

  destroy(): void {
    this.#loss.destroy();
    this.#accuracy.destroy();
  }
}

/** Shows the results panel for a tested model: its accuracy, confusion matrix and gallery. */
export function renderResults(results: HTMLElement, data: Dataset, test: TestResult, stopped: boolean): void {
  const parts = findParts(results, RESULTS_PARTS, "the lab's [data-results]");
  results.hidden = false;
  parts.accuracy.textContent = `Test accuracy: ${(100 * test.accuracy).toFixed(1)} % on ${formatCount(data.test.count)} test images${stopped ? ' (training was stopped early)' : ''}.`;
  renderConfusion(parts.confusion, test.matrix, data.manifest.classes);
  renderGallery(parts.gallery, data.test.images, data.test.labels, test.predicted, data.manifest.classes);
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
  const caption = Object.assign(document.createElement('caption'), {
    textContent: 'Confusion matrix on the test set: each row is a true class, each column a prediction.',
  });
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
