/** <resnet-degradation>: trains plain and residual networks at two depths and overlays their curves. */
import { LineChart, type Series } from '../../lib/charts/line-chart';
import type { IntField } from '../../lib/state/fields';
import { checkField } from '../model/field-form';
import { Smoother } from '../../lib/train/metrics';
import { loadDataset } from '../../lib/train/data';
import type { LabParams } from '../../lib/train/lab-params';
import { withBase } from '../base-url';
import { fetchWithProgress } from './fetch-with-progress';
import { Trainer } from './trainer-client';

const FIELDS: IntField[] = [
  { key: 'shallow', label: 'shallow depth', min: 0, max: 6, default: 0 },
  { key: 'deep', label: 'deep depth', min: 0, max: 6, default: 3 },
  { key: 'steps', label: 'steps', min: 2, max: 2000, default: 60 },
];

export class DegradationElement extends HTMLElement {
  #chart: LineChart | undefined;
  #abort: AbortController | undefined;
  #trainer = new Trainer();
  #frame: number | undefined;

  connectedCallback() {
    this.#chart = new LineChart(this.querySelector('[data-chart]') as HTMLElement, { label: 'Training loss of four networks per training step', xLabel: 'training step', yLabel: 'training loss' });
    this.querySelector('form')?.addEventListener('submit', (e) => e.preventDefault());
    this.querySelector('form')?.addEventListener('input', () => this.#read());
    this.querySelector('[data-run]')?.addEventListener('click', () => void this.#run());
    this.querySelector('[data-stop]')?.addEventListener('click', () => {
      this.#abort?.abort();
      this.#trainer.stop();
    });
  }

  disconnectedCallback() {
    this.#abort?.abort();
    this.#trainer.terminate();
    this.#chart?.destroy();
  }

  #read(): Record<string, number> | undefined {
    const values: Record<string, number> = {};
    let ok = true;
    for (const field of FIELDS) {
      const value = checkField(this, field);
      if (value === undefined) ok = false;
      else values[field.key] = value;
    }
    const run = this.querySelector<HTMLButtonElement>('[data-run]');
    if (run) run.disabled = !ok || this.#abort !== undefined;
    return ok ? values : undefined;
  }

  /** Redraws at most once per animation frame, however fast the steps come. */
  #draw(series: Series[]) {
    this.#frame ??= requestAnimationFrame(() => {
      this.#frame = undefined;
      this.#chart?.update(series);
    });
  }

  #status(text: string) {
    const status = this.querySelector('[data-status]');
    if (status) status.textContent = text;
  }

  async #run() {
    const values = this.#read();
    if (!values || this.#abort) return;
    this.#abort = new AbortController();
    const signal = this.#abort.signal;
    this.#read();
    (this.querySelector('[data-stop]') as HTMLButtonElement).disabled = false;
    const series: Series[] = [];
    const rows: string[][] = [];
    try {
      this.#status('Loading the images…');
      const data = await loadDataset('fashion-mnist', { baseUrl: withBase('data/'), fetchBytes: (url, onBytes) => fetchWithProgress(url, onBytes, signal) });
      for (const depth of [values.shallow!, values.deep!]) {
        for (const residual of [false, true]) {
          if (signal.aborted) break;
          const name = `${residual ? 'ResNet' : 'plain'}, ${depth} identity block${depth === 1 ? '' : 's'} per stage`;
          const curve: Series = { key: name, label: name, className: `${residual ? 'resnet' : 'plain'} ${depth === values.deep ? 'deep' : 'shallow'}`, points: [] };
          series.push(curve);
          const smooth = new Smoother();
          const params: LabParams = { dataset: 'fashion-mnist', preset: 'tiny', residual, optimizer: 'adam', lr: 0.003, batch: 32, epochs: 1, trainSize: values.steps! * 32, depth, width: 1, backend: 'auto' };
          let layers = 0;
          let backend = '';
          let accuracy = NaN;
          // In the training worker, like the lab: the page draws (once a frame) while it trains.
          const end = await this.#trainer.run(
            params,
            data,
            (m) => {
              if (m.type === 'engine') backend = m.engine.backend;
              else if (m.type === 'model') layers = m.layers;
              else if (m.type === 'epoch') accuracy = m.report.validationAccuracy;
              else if (m.type === 'batch') {
                curve.points.push({ x: m.report.batch, y: smooth.add(m.report.loss) });
                this.#draw(series);
                this.#status(`Training ${name}: step ${m.report.batch} of ${m.report.batchesPerEpoch} (TF.js ${backend} backend, in a background thread).`);
              }
            },
            { results: false },
          );
          if (end.type === 'failed') throw new Error(end.message);
          if (!signal.aborted) rows.push([name, String(layers), (curve.points.at(-1)?.y ?? NaN).toFixed(3), `${(100 * accuracy).toFixed(1)} %`]);
        }
      }
      this.#chart?.update(series);
      this.#renderTable(rows);
      this.#status(signal.aborted ? 'Stopped.' : 'Done: compare the dashed (plain) and solid (ResNet) curves at each depth.');
    } catch (error) {
      this.#status(signal.aborted ? 'Stopped.' : `The experiment could not run: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.#abort = undefined;
      (this.querySelector('[data-stop]') as HTMLButtonElement).disabled = true;
      this.#read();
    }
  }

  #renderTable(rows: string[][]) {
    const table = this.querySelector<HTMLTableElement>('[data-table]');
    if (!table || rows.length === 0) return;
    table.tBodies[0]?.replaceChildren(
      ...rows.map((cells) => {
        const tr = document.createElement('tr');
        // The network's name heads its row, so a screen reader names the row with each figure.
        cells.forEach((text, i) => tr.append(Object.assign(document.createElement(i === 0 ? 'th' : 'td'), i === 0 ? { scope: 'row', textContent: text } : { textContent: text })));
        return tr;
      }),
    );
    table.hidden = false;
    const summary = this.querySelector('[data-summary]');
    if (summary) summary.textContent = `Training loss (smoothed) of the four networks. Final values: ${rows.map((r) => `${r[0]} ${r[2]}`).join('; ')}.`;
  }
}
