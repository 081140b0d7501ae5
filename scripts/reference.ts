/**
 * The degradation experiment's reference band (`npm run reference`): trains the experiment's four
 * networks at its default settings for each of five seeds, through the lab's own training session
 * (src/lib/train/session.ts) on TF.js's WASM backend with our training kernels, as a reader
 * without a GPU trains them, and writes the spread of their smoothed curves, with the settings,
 * seeds, date, backend and smoothing, to src/lib/train/degradation-reference.json.
 *
 * It also checks the lesson's claim seed by seed (deep plain ends above shallow plain; deep
 * ResNet ends below deep plain) and refuses to write a reference where it fails. The defaults in
 * src/lib/train/degradation.ts were chosen with this script: other settings can be tried without
 * writing anything, e.g.
 *   npm run reference -- --deep 4 --steps 80 --seeds 1,2,3
 * Times are wall times on this machine, one seed's four networks at a time.
 */
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { loadDataset, type FetchBytes } from '../src/lib/train/data';
import { DEGRADATION_DEFAULTS, DEGRADATION_FIXED, degradationRuns, type DegradationParams } from '../src/lib/train/degradation';
import { margins, smoothCurve, spread, type Reference, type ReferenceRun, type Smoothing } from '../src/lib/train/reference-band';
import { TrainingSession } from '../src/lib/train/session';
import { registerKernels } from '../src/lib/engine/register';

// The bundle runs from node_modules/.cache: paths start at the project root, where npm runs scripts.
const ROOT = process.cwd();
const OUT = join(ROOT, 'src/lib/train/degradation-reference.json');
/** The chart's smoothing (Smoother's default weight), so the band and the reader's curves agree. */
const SMOOTHING: Smoothing = { method: 'ema-bias-corrected', weight: 0.9 };
const SEEDS = [1, 2, 3, 4, 5];

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const overrides = Object.fromEntries(['shallow', 'deep', 'steps'].flatMap((key) => (option(key) === undefined ? [] : [[key, Number(option(key))]])));
const seeds = option('seeds')?.split(',').map(Number) ?? SEEDS;
const trying = Object.keys(overrides).length > 0 || option('seeds') !== undefined;
const settings: Omit<DegradationParams, 'seed'> = {
  shallow: DEGRADATION_DEFAULTS.shallow,
  deep: DEGRADATION_DEFAULTS.deep,
  steps: DEGRADATION_DEFAULTS.steps,
  ...overrides,
};

await registerKernels('wasm', { training: true });
if (!(await tf.setBackend('wasm'))) throw new Error('the WASM backend did not start');
const readPublic: FetchBytes = async (url) => new Uint8Array(await readFile(join(ROOT, 'public', url)));
const data = await loadDataset(DEGRADATION_FIXED.dataset, { baseUrl: '/data/', fetchBytes: readPublic });

/** One run's raw training loss per step, through the lab's own session. */
async function train(params: TrainingSession['params']): Promise<number[]> {
  const losses: number[] = [];
  let failure: string | undefined;
  const session = new TrainingSession(
    params,
    data,
    {
      send: (message) => {
        if (message.type === 'batch') losses.push(message.report.loss);
        else if (message.type === 'failed') failure = message.message;
      },
      startBackend: async () => ({ backend: tf.getBackend(), reason: 'The reference runs on WASM.', renderer: null }),
    },
    false,
  );
  await session.run();
  if (failure) throw new Error(failure);
  return losses;
}

const curves = new Map<string, { label: string; smoothed: number[][] }>();
const seconds: number[] = [];
for (const seed of seeds) {
  const started = performance.now();
  for (const run of degradationRuns({ ...settings, seed })) {
    const smoothed = smoothCurve(await train(run.params), SMOOTHING.weight);
    const entry = curves.get(run.id) ?? { label: run.label, smoothed: [] };
    entry.smoothed.push(smoothed);
    curves.set(run.id, entry);
    process.stdout.write(`seed ${seed} ${run.label}: ${smoothed.at(-1)?.toFixed(4)}\n`);
  }
  seconds.push(Math.round((performance.now() - started) / 100) / 10);
  process.stdout.write(`seed ${seed}: ${seconds.at(-1)} s for the four networks\n`);
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;
const runs: Record<string, ReferenceRun> = Object.fromEntries(
  [...curves].map(([id, { label, smoothed }]) => [
    id,
    { label, band: spread(smoothed).map((p) => p.map(round) as [number, number, number]), ends: smoothed.map((c) => round(c.at(-1) ?? NaN)) },
  ]),
);
const threads = (tf.backend() as unknown as { wasm?: { _getThreadsCount?: () => number } }).wasm?._getThreadsCount?.() ?? 1;
const reference: Reference = {
  settings: { ...settings, ...DEGRADATION_FIXED },
  seeds,
  date: new Date().toISOString().slice(0, 10),
  backend: `TF.js ${tf.version.tfjs} ${tf.getBackend()} (${threads} thread${threads === 1 ? '' : 's'}) in Node ${process.version}, with the lab's training kernels`,
  smoothing: SMOOTHING,
  seconds,
  runs,
};

const found = margins(reference);
for (const m of found)
  process.stdout.write(`seed ${m.seed}: deep plain − shallow plain ${m.depthHurtsPlain.toFixed(4)}; deep plain − deep ResNet ${m.shortcutsHelp.toFixed(4)}\n`);
const worst = { depthHurtsPlain: Math.min(...found.map((m) => m.depthHurtsPlain)), shortcutsHelp: Math.min(...found.map((m) => m.shortcutsHelp)) };
process.stdout.write(`smallest margins: ${worst.depthHurtsPlain.toFixed(4)} and ${worst.shortcutsHelp.toFixed(4)}; seconds per seed: ${seconds.join(', ')}\n`);
if (trying) process.stdout.write('Tried settings or seeds other than the defaults: nothing written.\n');
else if (worst.depthHurtsPlain <= 0 || worst.shortcutsHelp <= 0) {
  process.stderr.write('The claim does not hold for every seed at these defaults: the reference was not written.\n');
  process.exitCode = 1;
} else {
  // One line per step: arrays of numbers written flat, the rest indented.
  const text = JSON.stringify(reference, null, 1).replace(/\[\s+([-\d.e,\s]+?)\s+\]/g, (_, numbers: string) => `[${numbers.split(/,\s*/).join(', ')}]`);
  await writeFile(OUT, `${text}\n`);
  process.stdout.write(`wrote ${OUT}\n`);
}
// The loss landscape's reference comes with the run at the defaults (scripts/landscape-reference.ts);
// tried settings are the degradation experiment's alone. `npm run reference:landscape` runs it by itself.
if (!trying) {
  const landscape = spawnSync('npm', ['run', '--silent', 'reference:landscape'], { stdio: 'inherit' });
  if (landscape.status !== 0) process.exitCode = landscape.status ?? 1;
}
