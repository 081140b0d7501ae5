/** <resnet-degradation>: trains plain and residual networks at two depths and overlays their curves. */
import { LineChart, type Series } from '../../lib/charts/line-chart';
import type { IntField } from '../../lib/state/fields';
import { checkField } from '../model/field-form';
import { Smoother } from '../../lib/train/metrics';

const FIELDS: IntField[] = [
  { key: 'shallow', label: 'shallow depth', min: 0, max: 6, default: 0 },
  { key: 'deep', label: 'deep depth', min: 0, max: 6, default: 3 },
  { key: 'steps', label: 'steps', min: 2, max: 2000, default: 60 },
];

export class DegradationElement extends HTMLElement {
  #chart: LineChart | undefined;
  #abort: AbortController | undefined;

  connectedCallback() {
    this.#chart = new LineChart(this.querySelector('[data-chart]') as HTMLElement, { label: 'Training loss of four networks per training step', xLabel: 'training step', yLabel: 'training loss' });
    this.querySelector('form')?.addEventListener('submit', (e) => e.preventDefault());
    this.querySelector('form')?.addEventListener('input', () => this.#read());
    this.querySelector('[data-run]')?.addEventListener('click', () => void this.#run());
    this.querySelector('[data-stop]')?.addEventListener('click', () => this.#abort?.abort());
  }

  disconnectedCallback() {
    this.#abort?.abort();
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
      this.#status('Loading TF.js and the images…');
      const [tf, { smallResNet, PRESETS }, { loadDataset }, { trainModel, predictSplit }, { useBackend }, { fetchWithProgress }] = await Promise.all([
        import('@tensorflow/tfjs'),
        import('../../lib/resnet/small'),
        import('../../lib/train/data'),
        import('../../lib/train/loop'),
        import('./engine'),
        import('./fetch-with-progress'),
      ]);
      const engine = await useBackend('auto');
      const data = await loadDataset('fashion-mnist', { fetchBytes: (url, onBytes) => fetchWithProgress(url, onBytes, signal) });
      const batch = 32;
      const config = { epochs: 1, batchSize: batch, trainSize: values.steps! * batch, classes: 10, side: 28, seed: 7 };
      for (const depth of [values.shallow!, values.deep!]) {
        for (const residual of [false, true]) {
          if (signal.aborted) break;
          const name = `${residual ? 'ResNet' : 'plain'}, ${depth} identity block${depth === 1 ? '' : 's'} per stage`;
          const model = smallResNet({ ...PRESETS.tiny, stages: PRESETS.tiny.stages.map((s) => ({ ...s, identityBlocks: depth })), residual });
          model.compile({ optimizer: tf.train.adam(0.003), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
          const curve: Series = { key: name, label: name, className: `${residual ? 'resnet' : 'plain'} ${depth === values.deep ? 'deep' : 'shallow'}`, points: [] };
          series.push(curve);
          const smooth = new Smoother();
          const layers = model.layers.filter((l) => ['Conv2D', 'Dense'].includes(l.getClassName()) && !/_branch1$/.test(l.name)).length;
          try {
            await trainModel(model, data.train, data.validation, config, {
              signal,
              onBatch: (r) => {
                curve.points.push({ x: r.batch, y: smooth.add(r.loss) });
                this.#chart?.update(series);
                this.#status(`Training ${name}: step ${r.batch} of ${r.batchesPerEpoch} (TF.js ${engine.backend} backend).`);
              },
            });
            if (!signal.aborted) {
              const checked = await predictSplit(model, data.validation, config);
              rows.push([name, String(layers), (curve.points.at(-1)?.y ?? NaN).toFixed(3), `${(100 * checked.accuracy).toFixed(1)} %`]);
            }
          } finally {
            model.dispose();
          }
        }
      }
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
