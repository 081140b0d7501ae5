/**
 * What a cell shows under its code after a run, as Jupyter does: printed text, the value of its
 * last expression (a tensor's shape, dtype and values; a model's summary), a `fit`'s live chart,
 * and errors as the learner's own traceback. Output arrives in pieces while the cell runs; each
 * piece is appended, and text is already bounded by the kernel (lib/kernel/output.ts), so a flood
 * costs the page a few appends, never a freeze.
 */
import type { CellError, DisplayData, FitEvent } from '../../lib/kernel/protocol';
import { formatCount } from '../../lib/resnet/format';
import type { FitChart } from './fit-chart';

export class CellOutput {
  readonly #host: HTMLElement;
  #lastStream: { name: string; pre: HTMLPreElement } | undefined;
  #charts: FitChart[] = [];
  #chart: FitChart | undefined;
  /** Fit events that arrived while the chart's code (D3) was loading: a page without a fit never loads it. */
  #pending: FitEvent[] | undefined;

  constructor(host: HTMLElement) {
    this.#host = host;
  }

  get empty(): boolean {
    return this.#host.childElementCount === 0;
  }

  clear(): void {
    for (const chart of this.#charts) chart.destroy();
    this.#charts = [];
    this.#chart = undefined;
    this.#pending = undefined;
    this.#lastStream = undefined;
    this.#host.replaceChildren();
  }

  #add<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
    const element = document.createElement(tag);
    element.className = className;
    if (text !== undefined) element.textContent = text;
    this.#host.append(element);
    this.#lastStream = undefined;
    return element;
  }

  /** A block of output text: it scrolls when long or wide, so it is a stop in the tab order. */
  #pre(className: string, label: string): HTMLPreElement {
    const pre = this.#add('pre', className);
    pre.tabIndex = 0;
    pre.setAttribute('aria-label', label);
    return pre;
  }

  stream(name: 'stdout' | 'stderr', text: string): void {
    if (this.#lastStream?.name !== name) {
      const pre = this.#pre(`cell-stream cell-${name}`, name === 'stdout' ? 'Printed output' : 'Warnings and errors printed');
      this.#lastStream = { name, pre };
    }
    this.#lastStream.pre.append(text);
  }

  display(data: DisplayData): void {
    if (data.kind === 'note') {
      this.#add('p', 'cell-note', data.text);
      return;
    }
    const figure = this.#add('div', `cell-value cell-value-${data.kind}`);
    const meta = (text: string) => figure.append(Object.assign(document.createElement('p'), { className: 'cell-value-meta', textContent: text }));
    if (data.kind === 'tensor') meta(`shape ${data.shape}, ${data.dtype}`);
    if (data.kind === 'model') meta(`Model “${data.name}”`);
    const pre = document.createElement('pre');
    pre.tabIndex = 0;
    pre.setAttribute('aria-label', data.kind === 'model' ? 'Model summary' : 'Value');
    pre.textContent = data.kind === 'model' ? data.lines.join('\n') : data.text;
    figure.append(pre);
  }

  fit(event: FitEvent): void {
    if (this.#pending) {
      this.#pending.push(event);
      return;
    }
    if (event.kind === 'begin' || !this.#chart) {
      // The chart's place, at once, so text printed after it stays after it.
      const host = this.#add('div', 'cell-fit-host');
      this.#pending = [event];
      void import('./fit-chart').then(({ FitChart }) => {
        if (!host.isConnected) return; // the output was cleared meanwhile
        const chart = new FitChart(host);
        this.#chart = chart;
        this.#charts.push(chart);
        for (const waiting of this.#pending ?? []) chart.add(waiting);
        this.#pending = undefined;
      });
      return;
    }
    this.#chart.add(event);
  }

  /**
   * The run is over: a chart whose fit never said it ended (stopped between batches, or by an
   * error) says how it ended now, rather than seeming to train on.
   */
  settle(stopped: boolean): void {
    if (this.#pending) this.#pending.push({ kind: 'end', stopped });
    else if (this.#chart && !this.#chart.curves.state.done) this.#chart.add({ kind: 'end', stopped });
  }

  error(error: CellError): void {
    const pre = this.#pre('cell-error', 'Error');
    const lines = [...error.traceback, `${error.type}: ${error.message}`];
    pre.textContent = lines.join('\n');
  }

  omitted({ lines, chars }: { lines: number; chars: number }): void {
    const parts = [lines > 0 ? `${formatCount(lines)} more line${lines === 1 ? '' : 's'}` : '', chars > 0 ? `${formatCount(chars)} characters` : ''];
    this.#add('p', 'cell-note', `… output cut: ${parts.filter(Boolean).join(', ')} left out.`);
  }

  note(text: string): void {
    this.#add('p', 'cell-note', text);
  }
}
