/**
 * <resnet-degradation>: trains plain and residual networks at two depths and overlays their
 * curves on a reference band: the same four networks at the default settings over five seeds
 * (`npm run reference`, src/lib/train/reference-band.ts).
 *
 * The settings live in the address (FieldForm), so a teacher can link a configured experiment.
 * The band is data on the chart from the start and after every run whose settings match the
 * reference's; an edit only shows or hides it (data-reference on the element, see lab.css) and
 * says why beside it. Edits so never redraw the chart, and a run at other settings fits the axes
 * to its own curves, not to a hidden band.
 */
import type { Band, Series } from '../../lib/charts/series';
import { LineChart } from '../charts/line-chart';
import { loadDataset } from '../../lib/train/data';
import { DEGRADATION_FIELDS, DEGRADATION_FIXED, degradationRuns, parseDegradation, type DegradationParams } from '../../lib/train/degradation';
import { endSummary, matchesReference } from '../../lib/train/reference-band';
import { withBase } from '../base-url';
import { FocusHandoff } from '../focus-handoff';
import { FieldForm } from '../fields/field-form';
import { Smoother } from '../../lib/train/metrics';
import { fetchWithProgress } from './fetch-with-progress';
import { findParts, type Parts } from '../parts';
import { DEGRADATION_PARTS } from './markup';
import { REFERENCE, REFERENCE_LAYERS } from './reference-layers';
import { Trainer } from './trainer-client';

const NO_LAYERS = { bands: [] as Band[], medians: [] as Series[] };

export class DegradationElement extends HTMLElement {
  /** The markup's parts, found once as the element connects. */
  #parts: Parts<typeof DEGRADATION_PARTS> | undefined;
  #chart: LineChart | undefined;
  #form: FieldForm | undefined;
  #abort: AbortController | undefined;
  #trainer = new Trainer();
  #frame: number | undefined;
  #params: DegradationParams | undefined;
  /** The settings of the curves on the chart; undefined before the first run. */
  #shown: DegradationParams | undefined;
  /** Run hands the keyboard focus to Stop as it disables itself, and Stop hands it back at the end. */
  #focus = new FocusHandoff(this);

  connectedCallback() {
    const parts = (this.#parts = findParts(this, DEGRADATION_PARTS));
    this.#chart = new LineChart(parts.chart, {
      label: 'Training loss of four networks per training step',
      xLabel: 'training step',
      yLabel: 'training loss',
      // The losses start near 2.3 and fall fast: the range fits where the four networks part.
      fitFrom: 20,
    });
    this.#chart.update(REFERENCE_LAYERS.medians, REFERENCE_LAYERS.bands);
    parts.run.addEventListener('click', () => void this.#run());
    parts.stop.addEventListener('click', () => {
      this.#abort?.abort();
      this.#trainer.stop();
    });
    this.#form = new FieldForm(this, DEGRADATION_FIELDS, (changed) => this.#check(changed));
    this.#form.load();
  }

  disconnectedCallback() {
    this.#abort?.abort();
    this.#trainer.terminate();
    this.#form?.destroy();
    this.#chart?.destroy();
  }

  #check(changed?: string) {
    const parts = this.#parts;
    if (!this.#form || !parts) return;
    const check = parseDegradation(this.#form.raw(), changed);
    this.#form.showErrors(check.ok ? {} : check.errors);
    this.#params = check.ok ? check.params : undefined;
    this.#focus.update(() => {
      const running = this.#abort !== undefined;
      parts.run.disabled = !check.ok || running;
      parts.stop.disabled = !running;
    }, [parts.stop, parts.run]);
    // Invalid settings change nothing else: the band stays as the last valid settings left it.
    if (check.ok) this.#showReference(check.params);
  }

  /** Shows the band where it applies to both the settings and the curves drawn, and says why not. */
  #showReference(params: DegradationParams) {
    const s = REFERENCE.settings;
    const fits = matchesReference(params, REFERENCE);
    const drawn = this.#shown === undefined || matchesReference(this.#shown, REFERENCE);
    this.dataset.reference = fits && drawn ? 'shown' : 'hidden';
    const note = this.#parts?.referenceNote;
    const text = !fits
      ? `The shaded bands are the reference run at the default settings (shallow ${s.shallow}, deep ${s.deep}, ${s.steps} steps): change back to see them.`
      : drawn
        ? `Shaded: the reference, these four networks at these settings over ${REFERENCE.seeds.length} seeds; each band spans the lowest to the highest loss, its thin line the median.`
        : 'The reference bands come back with the next run at these settings.';
    if (note && note.textContent !== text) note.textContent = text;
  }

  /** Redraws at most once per animation frame, however fast the steps come. */
  #draw(series: Series[]) {
    if (this.#frame !== undefined) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = undefined;
      this.#chart?.update(series);
    });
  }

  #status(text: string) {
    if (this.#parts) this.#parts.status.textContent = text;
  }

  async #run() {
    const settings = this.#params;
    if (!settings || this.#abort) return;
    this.#abort = new AbortController();
    const signal = this.#abort.signal;
    this.#check();
    // The reference's median lines first, so the reader's curves draw over them.
    const withReference = matchesReference(settings, REFERENCE);
    const reference = withReference ? REFERENCE_LAYERS : NO_LAYERS;
    const series: Series[] = [...reference.medians];
    this.#shown = settings;
    this.#chart?.update(series, reference.bands);
    this.#showReference(settings);
    const rows: string[][] = [];
    try {
      this.#status('Loading the images…');
      const data = await loadDataset(DEGRADATION_FIXED.dataset, {
        baseUrl: withBase('data/'),
        fetchBytes: (url, onBytes) => fetchWithProgress(url, onBytes, signal),
      });
      for (const run of degradationRuns(settings)) {
        if (signal.aborted) break;
        const curve: Series = { key: run.id, label: run.label, className: `${run.network} ${run.depth}`, points: [] };
        series.push(curve);
        // The chart's smoothing, the one the reference was made with (reference-band.ts).
        const smooth = new Smoother(REFERENCE.smoothing.weight);
        let layers = 0;
        let backend = '';
        let accuracy = NaN;
        // In the training worker, like the lab: the page draws (once a frame) while it trains.
        const end = await this.#trainer.run(
          run.params,
          data,
          (m) => {
            if (m.type === 'engine') backend = m.engine.backend;
            else if (m.type === 'model') layers = m.layers;
            else if (m.type === 'epoch') accuracy = m.report.validationAccuracy;
            else if (m.type === 'batch') {
              curve.points.push({ x: m.report.batch, y: smooth.add(m.report.loss) });
              this.#draw(series);
              this.#status(
                `Training ${run.label} (seed ${settings.seed}): step ${m.report.batch} of ${m.report.batchesPerEpoch} (TF.js ${backend} backend, in a background thread).`,
              );
            }
          },
          { results: false },
        );
        if (end.type === 'failed') throw new Error(end.message);
        const ended = (curve.points.at(-1)?.y ?? NaN).toFixed(3);
        if (!signal.aborted)
          rows.push([run.label, String(layers), ended, withReference ? endSummary(REFERENCE, run.id) : '—', `${(100 * accuracy).toFixed(1)} %`]);
      }
      this.#chart?.update(series);
      this.#renderTable(rows);
      this.#status(signal.aborted ? 'Stopped.' : 'Done: compare the dashed (plain) and solid (ResNet) curves at each depth.');
    } catch (error) {
      this.#status(signal.aborted ? 'Stopped.' : `The experiment could not run: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.#abort = undefined;
      this.#check();
    }
  }

  #renderTable(rows: string[][]) {
    const parts = this.#parts;
    if (!parts || rows.length === 0) return;
    const table = parts.table;
    table.tBodies[0]?.replaceChildren(
      ...rows.map((cells) => {
        const tr = document.createElement('tr');
        // The network's name heads its row, so a screen reader names the row with each figure.
        cells.forEach((text, i) =>
          tr.append(Object.assign(document.createElement(i === 0 ? 'th' : 'td'), i === 0 ? { scope: 'row', textContent: text } : { textContent: text })),
        );
        return tr;
      }),
    );
    table.hidden = false;
    parts.summary.textContent = `Training loss (smoothed) of the four networks. Final values: ${rows.map((r) => `${r[0]} ${r[2]}`).join('; ')}.`;
  }
}
