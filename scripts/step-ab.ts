/**
 * Kernel calls and A/B step times of a training step in Node, for a preset, backend and set of
 * our step optimisations:
 *   adam   FusedAdamOptimizer (else tf.train.adam), or FusedMomentumOptimizer with --optimizer momentum
 *   share  zero-copy Identity and Cast (wasm)
 *   pool   global AvgPoolGrad (wasm)
 *   simd   BatchNorm's passes in WebAssembly SIMD (wasm; else its plain loops)
 *
 * Timings on a shared machine are noise unless compared back to back: each round trains variant
 * A then B (then B then A the next round) for `steps` steps on identical models and data, and
 * the report gives the median over rounds of each block's median step, in wall time and in this
 * process's CPU time (which waiting for a core shared with others does not inflate). Kernel
 * counts are exact.
 *
 * Run (TypeScript, bundled first):
 *   npx esbuild scripts/step-ab.ts --bundle --platform=node --format=esm --packages=external \
 *     --outfile=node_modules/.cache/step-ab.mjs --log-level=warning
 *   node node_modules/.cache/step-ab.mjs --preset small --backend wasm --a none --b adam,share,pool
 * Options: --rounds 7 --steps 5 --batch 32 --optimizer adam|momentum --count (kernel counts only).
 */
import * as tf from '@tensorflow/tfjs';
import { PRESETS, smallResNet, type PresetName } from '../src/lib/resnet/small';
import { allowBatchNormSimd } from '../src/lib/engine/wasm/bn-simd';
import { FusedAdamOptimizer, FusedMomentumOptimizer } from '../src/lib/engine/fused-optimizers';
import { registerKernels } from '../src/lib/engine/register';
import { countKernels, randomBatch } from '../tests/unit/kernel-count';

const FEATURES = ['adam', 'share', 'pool', 'simd'] as const;
type Feature = (typeof FEATURES)[number];

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}
const features = (list: string): Set<Feature> => new Set(list === 'none' ? [] : (list.split(',') as Feature[]));

const preset = option('preset', 'small') as PresetName;
const backend = option('backend', 'wasm');
const rounds = Number(option('rounds', '7'));
const steps = Number(option('steps', '5'));
const batch = Number(option('batch', '32'));
const momentum = option('optimizer', 'adam') === 'momentum';
const variants = { A: features(option('a', 'none')), B: features(option('b', FEATURES.join(','))) };

// The built-in kernels, saved before ours replace them, so a variant can restore them.
const WASM_SWAPS: Record<string, Feature> = { Identity: 'share', Cast: 'share', AvgPoolGrad: 'pool' };
const builtin = new Map(Object.keys(WASM_SWAPS).map((k) => [k, tf.getKernel(k, 'wasm')]));
await registerKernels('wasm', { training: true });
const ours = new Map(Object.keys(WASM_SWAPS).map((k) => [k, tf.getKernel(k, 'wasm')]));

function use(on: Set<Feature>): void {
  allowBatchNormSimd(on.has('simd'));
  for (const [name, feature] of Object.entries(WASM_SWAPS)) {
    const config = (on.has(feature) ? ours : builtin).get(name)!;
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel(config);
  }
}

await registerKernels(backend);
await tf.setBackend(backend);
const { xs, ys } = randomBatch(batch, 10);
const models = Object.fromEntries(
  Object.entries(variants).map(([key, on]) => {
    // Both models start from the same weights: the default initialiser is seeded.
    const model = smallResNet({ ...PRESETS[preset], residual: true });
    // Compiled as the lab compiles its models (session.ts), accuracy metric included.
    const optimizer = momentum
      ? on.has('adam')
        ? new FusedMomentumOptimizer(0.01, 0.9)
        : tf.train.momentum(0.01, 0.9)
      : on.has('adam')
        ? new FusedAdamOptimizer(0.001)
        : tf.train.adam(0.001);
    model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    return [key, model];
  }),
) as Record<'A' | 'B', tf.LayersModel>;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Steps on variant `key`: per-step wall and CPU times (ms) and the last loss. */
async function train(key: 'A' | 'B', n: number): Promise<{ wall: number[]; cpu: number[]; loss: number }> {
  use(variants[key]);
  const wall: number[] = [];
  const cpu: number[] = [];
  let loss = NaN;
  for (let i = 0; i < n; i++) {
    const [t0, c0] = [performance.now(), cpuMs()];
    loss = ((await models[key].trainOnBatch(xs, ys)) as number[])[0]!;
    wall.push(performance.now() - t0);
    cpu.push(cpuMs() - c0);
  }
  return { wall, cpu, loss };
}

const label = (key: 'A' | 'B') => [...variants[key]].join(',') || 'none';
// Warm-up: the first steps allocate the moments and JIT-compile the loops.
for (const key of ['A', 'B'] as const) await train(key, 2);
for (const key of ['A', 'B'] as const) {
  use(variants[key]);
  const before = tf.memory().numTensors;
  const { total, byName } = await countKernels(() => models[key].trainOnBatch(xs, ys));
  const top = [...byName]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([k, v]) => `${k} ${v}`);
  console.log(
    `${preset} ${backend} ${momentum ? 'momentum' : 'adam'} [${label(key)}]: ${total} kernel calls per step; tensors ${before} → ${tf.memory().numTensors}; ${top.join(', ')}`,
  );
}
if (!process.argv.includes('--count')) {
  const blocks = { A: { wall: [] as number[], cpu: [] as number[] }, B: { wall: [] as number[], cpu: [] as number[] } };
  const losses: Record<'A' | 'B', number[]> = { A: [], B: [] };
  for (let r = 0; r < rounds; r++) {
    for (const key of r % 2 === 0 ? (['A', 'B'] as const) : (['B', 'A'] as const)) {
      const { wall, cpu, loss } = await train(key, steps);
      blocks[key].wall.push(median(wall));
      blocks[key].cpu.push(median(cpu));
      losses[key].push(loss);
    }
  }
  for (const clock of ['wall', 'cpu'] as const) {
    const [a, b] = [median(blocks.A[clock]), median(blocks.B[clock])];
    const list = (key: 'A' | 'B') => blocks[key][clock].map((x) => x.toFixed(0)).join(' ');
    console.log(
      `${clock}: A [${label('A')}] ${a.toFixed(1)} ms/step (${list('A')}); B [${label('B')}] ${b.toFixed(1)} ms/step (${list('B')}); B − A ${(((b - a) / a) * 100).toFixed(1)} %`,
    );
  }
  console.log(`last losses: A ${losses.A.at(-1)?.toFixed(6)}, B ${losses.B.at(-1)?.toFixed(6)}`);
}
