/**
 * Our WASM training kernels, timed in Node: the two convolution gradients for every conv layer of
 * a preset at batch 32, then whole training steps (Adam) of each preset. With `--base <git rev>`
 * it runs the same measurements with that revision's kernels too, alternating the two run by run
 * (timings on a shared machine drift; back-to-back alternation keeps the comparison fair), and
 * prints medians side by side.
 *
 *   node scripts/bench-wasm-kernels.mjs [--base <rev>] [--runs 9] [--steps 9] [--presets tiny,small]
 *
 * --runs: samples per kernel and variant; --steps: timed training steps per variant (default:
 * --runs). Each figure is a median, in ms of wall time and of this process's CPU time.
 *
 * The TypeScript is bundled with esbuild (the bundler Vite itself uses, so already installed),
 * TF.js left external so both revisions share one TF.js and one WASM backend.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const { values: opts } = parseArgs({
  options: {
    base: { type: 'string' },
    runs: { type: 'string', default: '9' },
    presets: { type: 'string', default: 'tiny,small' },
    steps: { type: 'string', default: '' },
  },
});
const RUNS = Number(opts.runs);
const PRESETS = opts.presets.split(',');
const BATCH = 32;

// Bundles land under node_modules/ so that their bare imports resolve to the project's TF.js.
const OUT = join(ROOT, 'node_modules', '.cache', 'bench-wasm-kernels');
mkdirSync(OUT, { recursive: true });

async function bundle(srcRoot, name, contents) {
  const outfile = join(OUT, `${name}.mjs`);
  await build({
    stdin: { contents, resolveDir: srcRoot, loader: 'ts', sourcefile: `${name}.ts` },
    bundle: true,
    platform: 'node',
    format: 'esm',
    external: ['@tensorflow/*'],
    outfile,
    logLevel: 'error',
  });
  return import(`${pathToFileURL(outfile).href}?${Date.now()}`);
}

const tf = await import('@tensorflow/tfjs');
await import('@tensorflow/tfjs-backend-wasm');
const lib = await bundle(
  ROOT,
  'current',
  `export { registerWasmTrainingKernels, WASM_TRAINING_KERNELS } from './src/lib/engine/wasm/wasm-kernels';
   export { registerKernels } from './src/lib/engine/register';
   export { smallResNet, PRESETS } from './src/lib/resnet/small';`,
);
// The fused BatchNorm and optimizer kernels, as the site registers them when WASM starts.
await lib.registerKernels('wasm');
const variants = [{ name: 'current', kernels: lib }];
if (opts.base) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-wasm-'));
  const tarball = execFileSync('git', ['-C', ROOT, 'archive', opts.base, 'src/lib'], { maxBuffer: 1 << 28 });
  execFileSync('tar', ['-x', '-C', dir], { input: tarball });
  // Older revisions kept the kernels in src/lib/wasm/, and before that in src/lib/train/.
  const folder = ['engine/wasm', 'wasm', 'train'].find((f) => existsSync(join(dir, `src/lib/${f}/wasm-kernels.ts`))) ?? 'train';
  const kernels = await bundle(dir, 'base', `export * from './src/lib/${folder}/wasm-kernels';`);
  rmSync(dir, { recursive: true });
  variants.unshift({ name: `base ${opts.base}`, kernels });
}

// The backend's own kernels, to put back before registering another revision's.
const NAMES = [...new Set(variants.flatMap((v) => v.kernels.WASM_TRAINING_KERNELS))];
const builtins = new Map(NAMES.map((n) => [n, tf.getKernel(n, 'wasm')]));
function use(variant) {
  for (const n of NAMES) {
    if (tf.getKernel(n, 'wasm') != null) tf.unregisterKernel(n, 'wasm');
    const b = builtins.get(n);
    if (b != null) tf.registerKernel(b);
  }
  variant.kernels.registerWasmTrainingKernels();
}

await tf.setBackend('wasm');
await tf.ready();
// Wall time and this process's CPU time (all threads), both in ms: on a machine shared with
// other work, CPU time is the steadier of the two, as preemption does not count against it.
const now = () => ({ wall: performance.now(), cpu: process.cpuUsage() });
const elapsed = (t0, n = 1) => {
  const cpu = process.cpuUsage(t0.cpu);
  return { wall: (performance.now() - t0.wall) / n, cpu: (cpu.user + cpu.system) / 1000 / n };
};
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x) => x.toFixed(2).padStart(8);
const cols = (r) => r.map((x) => `${ms(x.wall)}${ms(x.cpu)}`).join('');

/** Runs `time(variant)` RUNS times per variant, alternating which goes first; medians per variant. */
async function ab(time, runs = RUNS) {
  const samples = variants.map(() => []);
  for (let r = 0; r < runs; r++) {
    const order = r % 2 ? [...variants.keys()].reverse() : [...variants.keys()];
    for (const i of order) {
      use(variants[i]);
      samples[i].push(await time());
    }
  }
  return samples.map((s) => ({ wall: median(s.map((x) => x.wall)), cpu: median(s.map((x) => x.cpu)) }));
}

/**
 * A kernel's mean time over enough calls (after a warm-up call) to take about 20 ms. Each call
 * gets fresh copies of the inputs, made outside the clock: XNNPACK caches work per tensor id
 * (a GEMM's packed right-hand side), and in training every step brings new tensors.
 */
function timeKernel(name, inputs, attrs) {
  const call = () => {
    const fresh = Object.fromEntries(Object.entries(inputs).map(([k, t]) => [k, t.clone()]));
    const t0 = now();
    tf.dispose(tf.engine().runKernel(name, fresh, attrs));
    const t = elapsed(t0);
    tf.dispose(Object.values(fresh));
    return t;
  };
  let reps = 0;
  return () => {
    call();
    if (reps === 0) reps = Math.min(50, Math.max(1, Math.ceil(20 / call().wall)));
    const sum = { wall: 0, cpu: 0 };
    for (let i = 0; i < reps; i++) {
      const t = call();
      sum.wall += t.wall / reps;
      sum.cpu += t.cpu / reps;
    }
    return sum;
  };
}

/** The conv layers of a preset's model: input shape, filter, strides, padding; equal ones merged. */
function convLayers(model) {
  const layers = new Map();
  for (const layer of model.layers) {
    if (layer.getClassName() !== 'Conv2D') continue;
    const [, h, w, ci] = layer.input.shape;
    const [kh, kw] = layer.kernelSize;
    const key = `${kh}×${kw} s${layer.strides[0]} ${layer.padding} ${h}×${w}×${ci}→${layer.filters}`;
    const first = layer.input.sourceLayer?.getClassName() === 'InputLayer';
    const seen = layers.get(key);
    if (seen) seen.count++;
    else layers.set(key, { key, h, w, ci, co: layer.filters, kh, kw, s: layer.strides, pad: layer.padding, first, count: 1 });
  }
  return [...layers.values()];
}

const header = variants.map((v) => v.name.slice(0, 15).padStart(16)).join('');
const subheader = variants.map(() => '    wall     cpu').join('');
const info = `${tf.getBackend()} in Node ${process.version}, SIMD ${tf.env().getBool('WASM_HAS_SIMD_SUPPORT')}, threads ${tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT')}`;
console.log(`Backend: ${info}; medians of ${RUNS} alternating runs, ms of wall and CPU time.`);
for (const preset of PRESETS) {
  const model = lib.smallResNet({ ...lib.PRESETS[preset], residual: true });
  console.log(`\n${preset}: per conv layer at batch ${BATCH} (×n: layers of that geometry)`);
  console.log(`${''.padEnd(42)}${header}`);
  console.log(`${'layer'.padEnd(34)}${'kernel'.padEnd(8)}${subheader}`);
  for (const g of convLayers(model)) {
    const x = tf.randomUniform([BATCH, g.h, g.w, g.ci], -1, 1);
    const filter = tf.randomUniform([g.kh, g.kw, g.ci, g.co], -1, 1);
    const y = tf.conv2d(x, filter, g.s, g.pad);
    const dy = tf.randomUniform(y.shape, -1, 1);
    const label = `${g.key} ×${g.count}`.padEnd(34);
    const common = { strides: g.s, pad: g.pad, dataFormat: 'NHWC' };
    const dw = await ab(timeKernel('Conv2DBackpropFilter', { x, dy }, { ...common, filterShape: filter.shape }));
    console.log(`${label}${'dW'.padEnd(8)}${cols(dw)}`);
    // The stem's input needs no gradient, so training never asks for its dx.
    if (!g.first) {
      const dx = await ab(timeKernel('Conv2DBackpropInput', { dy, filter }, { ...common, inputShape: x.shape }));
      console.log(`${''.padEnd(34)}${'dx'.padEnd(8)}${cols(dx)}`);
    }
    tf.dispose([x, filter, y, dy]);
  }

  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const xs = tf.randomUniform([BATCH, ...lib.PRESETS[preset].inputShape]);
  const ys = tf.oneHot(tf.randomUniform([BATCH], 0, 10, 'int32'), 10);
  const step = async () => {
    await model.trainOnBatch(xs, ys); // settles caches after a switch of kernels
    const t0 = now();
    await model.trainOnBatch(xs, ys);
    return elapsed(t0);
  };
  const stepRuns = Number(opts.steps) || RUNS;
  console.log(`${'training step (Adam)'.padEnd(42)}${cols(await ab(step, stepRuns))}`);
  tf.dispose([xs, ys]);
  model.optimizer.dispose();
  model.dispose();
}
