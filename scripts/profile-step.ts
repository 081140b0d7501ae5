/**
 * Where a training step's time goes, by kernel family: the lab's Tiny and Small presets, batch 32,
 * fused Adam, trained on TF.js's WASM backend with our kernels in Node (the same WebAssembly and
 * kernels the lab runs in the browser, on one thread). Each kernel is timed by TF.js's profiler
 * (wall time around the kernel); time outside kernels (the layers' JavaScript, tape bookkeeping)
 * is the step's wall time less their sum. Medians over `--steps` profiled steps.
 *
 *   npm run profile -- [--steps 9] [--presets tiny,small] [--names] [--json]
 *
 * --names also lists one step's costliest kernels by name and input shapes; --json ends with the
 * figures as one line of JSON (for scripts/bench.mjs).
 */
import * as tf from '@tensorflow/tfjs';
import { PRESETS, smallResNet, type PresetName } from '../src/lib/resnet/small';
import { FusedAdamOptimizer } from '../src/lib/engine/fused-optimizers';
import { registerKernels } from '../src/lib/engine/register';
import { familyOf, FAMILIES, type Family } from '../src/lib/engine/kernel-families';
import { randomBatch } from '../tests/unit/kernel-count';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}
const steps = Number(option('steps', '9'));
const presets = option('presets', 'tiny,small').split(',') as PresetName[];

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

await registerKernels('wasm', { training: true });
await tf.setBackend('wasm');
const { xs, ys } = randomBatch(32, 10);
const report: Record<string, unknown> = {};
for (const preset of presets) {
  const model = smallResNet({ ...PRESETS[preset], residual: true });
  model.compile({ optimizer: new FusedAdamOptimizer(0.001), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  for (let i = 0; i < 3; i++) await model.trainOnBatch(xs, ys);
  const walls: number[] = [];
  const byFamily = new Map<Family | 'outside kernels', number[]>();
  for (let i = 0; i < steps; i++) {
    const start = performance.now();
    const info = await tf.profile(() => model.trainOnBatch(xs, ys));
    const wall = performance.now() - start;
    walls.push(wall);
    const sums = new Map<Family, number>();
    // Ops that wrap kernels (`fusedConv2d__op`) are recorded around them: count the kernels only.
    for (const k of info.kernels.filter((k) => !k.name.endsWith('__op')))
      sums.set(familyOf(k.name), (sums.get(familyOf(k.name)) ?? 0) + Number(k.kernelTimeMs));
    const inside = [...sums.values()].reduce((a, b) => a + b, 0);
    for (const f of FAMILIES) (byFamily.get(f) ?? byFamily.set(f, []).get(f)!).push(sums.get(f) ?? 0);
    (byFamily.get('outside kernels') ?? byFamily.set('outside kernels', []).get('outside kernels')!).push(wall - inside);
  }
  if (process.argv.includes('--names')) {
    // The costliest kernels of one step, by name and input shapes.
    const info = await tf.profile(() => model.trainOnBatch(xs, ys));
    const byCall = new Map<string, number>();
    for (const k of info.kernels.filter((k) => !k.name.endsWith('__op'))) {
      const key = `${k.name} ${JSON.stringify(k.inputShapes)}`;
      byCall.set(key, (byCall.get(key) ?? 0) + Number(k.kernelTimeMs));
    }
    for (const [key, ms] of [...byCall].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${ms.toFixed(2).padStart(7)} ms  ${key}`);
  }
  const step = median(walls);
  const rows = [...byFamily].map(([family, ms]) => ({ family, ms: Math.round(median(ms) * 100) / 100, share: Math.round((1000 * median(ms)) / step) / 10 }));
  rows.sort((a, b) => b.ms - a.ms);
  report[preset] = { stepMs: Math.round(step * 10) / 10, families: rows };
  console.log(`${preset}: ${step.toFixed(1)} ms per profiled step (median of ${steps})`);
  for (const r of rows) console.log(`  ${r.family.padEnd(28)} ${r.ms.toFixed(2).padStart(7)} ms  ${r.share.toFixed(1).padStart(5)} %`);
  model.dispose();
}
if (process.argv.includes('--json')) console.log(JSON.stringify(report));
