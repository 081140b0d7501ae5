/**
 * <resnet-gradient-demo>: trains the two networks step by step and charts their gradient norms.
 *
 * The depth lives in the address (FieldForm), as every component's settings do, so a link can
 * open the demo at `?depth=6`. An edit does not retrain: a run takes seconds, and typing 60 passes
 * through 6 on the way. Instead, results for another depth than the field's are marked as such
 * (a note beside the Train button, faded curves) until the reader trains again or puts the depth
 * back. Both charts share one log range, so a gap between them is a gap on screen.
 */
import type { Series } from '../../lib/charts/series';
import { sharedLogDomain } from '../../lib/charts/log-axis';
import { LineChart } from '../charts/line-chart';
import type { GradientSample } from '../../lib/demos/gradient-demo';
import { gradientNorms, staleNote } from '../../lib/demos/gradient-view';
import { GRADIENT_DEMO_DEPTH as DEPTH } from './demo-fields';
import { FieldForm, checkField } from '../fields/field-form';
import { findParts, type Parts } from '../parts';
import { GRADIENT_DEMO_PARTS } from './markup';

type Kind = 'plain' | 'residual';
const TITLE: Record<Kind, string> = { plain: 'Plain network', residual: 'Residual network' };

type DemoParts = Parts<typeof GRADIENT_DEMO_PARTS>;

/** One network's chart and the caption under it. */
const partsOf = (parts: DemoParts, kind: Kind) =>
  kind === 'plain' ? { chart: parts.plainChart, summary: parts.plainSummary } : { chart: parts.residualChart, summary: parts.residualSummary };

export class GradientDemoElement extends HTMLElement {
  /** The markup's parts, found once as the demo connects. */
  #parts: DemoParts | undefined;
  #charts = new Map<Kind, LineChart>();
  #form: FieldForm | undefined;
  #running = false;
  /** The depth the charts' results were trained at; undefined before the first run. */
  #shown: number | undefined;

  connectedCallback() {
    const parts = (this.#parts = findParts(this, GRADIENT_DEMO_PARTS));
    for (const kind of ['plain', 'residual'] as const) {
      const other = kind === 'plain' ? 'residual' : 'plain';
      this.#charts.set(
        kind,
        new LineChart(partsOf(parts, kind).chart, {
          label: `${TITLE[kind]}: gradient norm of an early, a middle and a late layer per training step, on a log scale shared with the ${other} network's chart`,
          xLabel: 'training step',
          yLabel: 'gradient norm (log scale)',
          log: true,
          // Room for tick labels such as 10^−12 beside the rotated axis title.
          marginLeft: 62,
        }),
      );
    }
    parts.run.addEventListener('click', () => void this.#run());
    this.#form = new FieldForm(this, [DEPTH], () => this.#check());
    this.#form.load();
  }

  disconnectedCallback() {
    this.#form?.destroy();
    for (const chart of this.#charts.values()) chart.destroy();
  }

  /** Reads the field, enables Train when it is valid, and marks results for another depth. */
  #check(): number | undefined {
    const depth = checkField(this, DEPTH);
    const parts = this.#parts;
    if (!parts) return depth;
    parts.run.disabled = depth === undefined || this.#running;
    const note = staleNote(this.#shown, depth);
    parts.staleNote.textContent = note ?? '';
    parts.staleNote.hidden = note === undefined;
    parts.charts.classList.toggle('stale', note !== undefined);
    return depth;
  }

  #draw(kind: Kind, samples: GradientSample[]) {
    const series = (key: 'early' | 'middle' | 'late', label: string): Series => ({
      key,
      label,
      className: key,
      points: samples.map((s) => ({ x: s.step, y: s[key] })),
    });
    this.#charts.get(kind)?.update([series('early', 'early layer'), series('middle', 'middle layer'), series('late', 'late layer')]);
    const last = samples.at(-1);
    if (this.#parts && last) {
      partsOf(this.#parts, kind).summary.textContent =
        `${TITLE[kind]} after ${last.step} steps: gradient norm ${last.early.toExponential(1)} (early layer), ${last.middle.toExponential(1)} (middle), ${last.late.toExponential(1)} (late); loss ${last.loss.toFixed(3)}.`;
    }
  }

  /** One y range for both charts: every norm so far of either network fits it. */
  #shareRange(samples: Record<Kind, GradientSample[]>) {
    const domain = sharedLogDomain(gradientNorms(samples.plain, samples.residual));
    for (const chart of this.#charts.values()) chart.setYDomain(domain);
  }

  async #run() {
    const depth = this.#check();
    const status = this.#parts?.status;
    if (depth === undefined || this.#running || !status) return;
    this.#running = true;
    this.#shown = depth;
    this.#check();
    status.textContent = 'Loading TF.js…';
    try {
      const [demo, { startEngine }, tf] = await Promise.all([import('../../lib/demos/gradient-demo'), import('../engine'), import('@tensorflow/tfjs')]);
      await startEngine('demo');
      const data = demo.task();
      const nets = { plain: demo.deepNetwork(depth, false), residual: demo.deepNetwork(depth, true) };
      const optimizers = { plain: tf.train.sgd(demo.DEMO_LEARNING_RATE), residual: tf.train.sgd(demo.DEMO_LEARNING_RATE) };
      const samples: Record<Kind, GradientSample[]> = { plain: [], residual: [] };
      try {
        for (let i = 1; i <= demo.DEMO_STEPS && this.isConnected; i++) {
          for (const kind of ['plain', 'residual'] as const) {
            samples[kind].push(demo.step(nets[kind], optimizers[kind], data, i));
            this.#draw(kind, samples[kind]);
          }
          this.#shareRange(samples);
          status.textContent = `Step ${i} of ${demo.DEMO_STEPS} (TF.js ${tf.getBackend()} backend).`;
          await tf.nextFrame();
        }
        const p = samples.plain.at(-1);
        const r = samples.residual.at(-1);
        if (p && r) status.textContent = demo.gradientSummary(depth, p, r);
      } finally {
        nets.plain.model.dispose();
        nets.residual.model.dispose();
        optimizers.plain.dispose();
        optimizers.residual.dispose();
        tf.dispose([data.xs, data.ys]);
      }
    } catch (error) {
      status.textContent = `Could not run here: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      this.#running = false;
      this.#check();
    }
  }
}
