/**
 * A fit's live chart under its cell: loss and accuracy per training step, the lab's chart class
 * (D3), with a status line. Loaded only when a cell first trains, so D3 comes with the first fit.
 */
import { FitCurves } from '../../lib/kernel/fit-curves';
import type { FitEvent } from '../../lib/kernel/protocol';
import { LineChart } from '../charts/line-chart';

/** Two charts, loss and accuracy, per training step: the lab's chart class, drawn as a run goes. */
export class FitChart {
  readonly curves = new FitCurves();
  #loss: LineChart;
  #accuracy: LineChart;
  #status: HTMLElement;

  constructor(host: HTMLElement) {
    const figure = document.createElement('div');
    figure.className = 'cell-fit';
    const box = (label: string) => {
      const part = document.createElement('div');
      part.className = 'cell-fit-chart';
      part.setAttribute('aria-label', label);
      figure.append(part);
      return part;
    };
    this.#status = Object.assign(document.createElement('p'), { className: 'cell-fit-status', textContent: 'Starting to train…' });
    const loss = box('Loss');
    const accuracy = box('Accuracy');
    figure.prepend(this.#status);
    host.replaceChildren(figure);
    this.#loss = new LineChart(loss, { label: 'Loss per training step', xLabel: 'training step', yLabel: 'loss' });
    this.#accuracy = new LineChart(accuracy, {
      label: 'Accuracy per training step',
      xLabel: 'training step',
      yLabel: 'accuracy',
      yDomain: [0, 1],
      format: (v) => `${(100 * v).toFixed(1)} %`,
    });
  }

  add(event: FitEvent): void {
    const changed = this.curves.add(event);
    this.#status.textContent = this.curves.state.done
      ? `${this.curves.state.stopped ? 'Stopped' : 'Trained'}: ${this.curves.describe()}.`
      : `${this.curves.describe()}…`;
    if (!changed) return;
    this.#loss.update(this.curves.series('loss'));
    this.#accuracy.update(this.curves.series('accuracy'));
  }

  destroy(): void {
    this.#loss.destroy();
    this.#accuracy.destroy();
  }
}
