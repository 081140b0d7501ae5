/** <resnet-gradient-demo>: trains the two networks step by step and charts their gradient norms. */
import type { Series } from '../../lib/charts/series';
import { LineChart } from '../charts/line-chart';
import type { GradientSample } from '../../lib/demos/gradient-demo';
import { GRADIENT_DEMO_DEPTH as DEPTH } from './demo-fields';
import { checkField } from './field-form';

export class GradientDemoElement extends HTMLElement {
  #charts = new Map<'plain' | 'residual', LineChart>();
  #running = false;

  connectedCallback() {
    for (const kind of ['plain', 'residual'] as const) {
      const host = this.querySelector<HTMLElement>(`[data-chart="${kind}"]`);
      if (host)
        this.#charts.set(
          kind,
          new LineChart(host, {
            label: `${kind === 'plain' ? 'Plain' : 'Residual'} network: gradient norm of an early, a middle and a late layer per training step`,
            xLabel: 'training step',
            yLabel: 'gradient norm (log)',
            log: true,
          }),
        );
    }
    this.querySelector('form')?.addEventListener('submit', (event) => event.preventDefault());
    this.querySelector('input')?.addEventListener('input', () => this.#validate());
    this.querySelector('[data-run]')?.addEventListener('click', () => void this.#run());
  }

  disconnectedCallback() {
    for (const chart of this.#charts.values()) chart.destroy();
  }

  #validate(): number | undefined {
    const depth = checkField(this, DEPTH);
    const button = this.querySelector<HTMLButtonElement>('[data-run]');
    if (button) button.disabled = depth === undefined || this.#running;
    return depth;
  }

  #draw(kind: 'plain' | 'residual', samples: GradientSample[]) {
    const series = (key: 'early' | 'middle' | 'late', label: string): Series => ({
      key,
      label,
      className: key,
      points: samples.map((s) => ({ x: s.step, y: s[key] })),
    });
    this.#charts.get(kind)?.update([series('early', 'early layer'), series('middle', 'middle layer'), series('late', 'late layer')]);
    const last = samples.at(-1);
    const caption = this.querySelector(`[data-summary="${kind}"]`);
    if (caption && last) {
      caption.textContent = `${kind === 'plain' ? 'Plain' : 'Residual'} network after ${last.step} steps: gradient norm ${last.early.toExponential(1)} (early layer), ${last.middle.toExponential(1)} (middle), ${last.late.toExponential(1)} (late); loss ${last.loss.toFixed(3)}.`;
    }
  }

  async #run() {
    const depth = this.#validate();
    const status = this.querySelector('[data-status]');
    if (depth === undefined || this.#running || !status) return;
    this.#running = true;
    this.#validate();
    status.textContent = 'Loading TF.js…';
    try {
      const [demo, { startDemoBackend }, tf] = await Promise.all([import('../../lib/demos/gradient-demo'), import('../backend'), import('@tensorflow/tfjs')]);
      await startDemoBackend();
      const data = demo.task();
      const nets = { plain: demo.deepNetwork(depth, false), residual: demo.deepNetwork(depth, true) };
      const optimizers = { plain: tf.train.sgd(demo.DEMO_LEARNING_RATE), residual: tf.train.sgd(demo.DEMO_LEARNING_RATE) };
      const samples: Record<'plain' | 'residual', GradientSample[]> = { plain: [], residual: [] };
      try {
        for (let i = 1; i <= demo.DEMO_STEPS && this.isConnected; i++) {
          for (const kind of ['plain', 'residual'] as const) {
            samples[kind].push(demo.step(nets[kind], optimizers[kind], data, i));
            this.#draw(kind, samples[kind]);
          }
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
      this.#validate();
    }
  }
}
