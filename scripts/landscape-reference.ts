/**
 * The loss landscape's reference band (run by `npm run reference` after the degradation
 * experiment's): runs the figure's experiment (src/lib/train/landscape-experiment.ts) at its
 * default settings for several seeds, on TF.js's WASM backend with our training kernels, as a
 * reader without a GPU runs it, and writes each seed's roughness pair and ratio, with the
 * settings, date and backend, to src/lib/train/landscape-reference.json.
 *
 * It checks the lesson's claim (the plain network's slice is usually the rougher: for most seeds)
 * and refuses to write where it fails; the seeds that go the other way are kept, and named. `npm run reference:landscape` runs it alone, and
 * other settings can be tried without writing anything:
 *   npm run reference:landscape -- --steps 100 --grid 9 --span 0.5 --seeds 1,2,3
 * Times are wall times on this machine, one seed's two networks at a time.
 */
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { loadDataset, type FetchBytes } from '../src/lib/train/data';
import { LANDSCAPE_DEFAULTS, LANDSCAPE_SPAN, runLandscape, type LandscapeParams } from '../src/lib/train/landscape-experiment';
import type { LandscapeReference } from '../src/lib/train/landscape-reference';
import { registerKernels } from '../src/lib/engine/register';

const ROOT = process.cwd();
const OUT = join(ROOT, 'src/lib/train/landscape-reference.json');
const SEEDS = [1, 2, 3, 4, 5];

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const overrides = Object.fromEntries(['blocks', 'steps', 'grid', 'images'].flatMap((key) => (option(key) === undefined ? [] : [[key, Number(option(key))]])));
const span = option('span') === undefined ? LANDSCAPE_SPAN : Number(option('span'));
const seeds = option('seeds')?.split(',').map(Number) ?? SEEDS;
const trying = Object.keys(overrides).length > 0 || option('seeds') !== undefined || span !== LANDSCAPE_SPAN;
const { seed: _seed, ...defaults } = LANDSCAPE_DEFAULTS;
const settings: Omit<LandscapeParams, 'seed'> = { ...defaults, ...overrides };

await registerKernels('wasm', { training: true });
if (!(await tf.setBackend('wasm'))) throw new Error('the WASM backend did not start');
const readPublic: FetchBytes = async (url) => new Uint8Array(await readFile(join(ROOT, 'public', url)));
const data = await loadDataset('fashion-mnist', { baseUrl: '/data/', fetchBytes: readPublic });

const round = (x: number, digits = 5) => Number(x.toPrecision(digits));
const runs: LandscapeReference['runs'] = [];
for (const seed of seeds) {
  const started = performance.now();
  const { surfaces } = await runLandscape(data, { ...settings, seed }, { span });
  const plain = surfaces.plain;
  const resnet = surfaces.resnet;
  if (!plain || !resnet) throw new Error(`seed ${seed}: the experiment ended without both surfaces`);
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  const centre = (settings.grid - 1) / 2;
  runs.push({
    seed,
    plain: round(plain.roughness),
    resnet: round(resnet.roughness),
    ratio: resnet.roughness > 0 ? round(plain.roughness / resnet.roughness, 3) : null,
    centreLoss: { plain: round(plain.slice.losses[centre]![centre]!, 4), resnet: round(resnet.slice.losses[centre]![centre]!, 4) },
    seconds,
  });
  const r = runs.at(-1)!;
  process.stdout.write(
    `seed ${seed}: roughness plain ${r.plain}, ResNet ${r.resnet}, ratio ${r.ratio}; centre losses ${r.centreLoss.plain} and ${r.centreLoss.resnet}; ${seconds} s\n`,
  );
}

const layers = 1 + 2 * (3 + 3 * settings.blocks) + 1;
const threads = (tf.backend() as unknown as { wasm?: { _getThreadsCount?: () => number } }).wasm?._getThreadsCount?.() ?? 1;
const reference: LandscapeReference = {
  settings: { ...settings, span, layers, dataset: 'fashion-mnist', preset: 'tiny', optimizer: 'adam', lr: 0.003, batch: 32 },
  seeds,
  date: new Date().toISOString().slice(0, 10),
  backend: `TF.js ${tf.version.tfjs} ${tf.getBackend()} (${threads} thread${threads === 1 ? '' : 's'}) in Node ${process.version}, with the lab's training kernels`,
  measure:
    'the share of the bending in the middle of the grid that goes down: Σ max(0, −d²) / Σ |d²| over the second differences along α and β (src/lib/train/landscape.ts, roughness)',
  runs,
};
process.stdout.write(`ratios ${runs.map((r) => r.ratio ?? 'no finite ratio').join(', ')}; seconds per seed: ${runs.map((r) => r.seconds).join(', ')}\n`);
if (trying) process.stdout.write('Tried settings or seeds other than the defaults: nothing written.\n');
else if (2 * runs.filter((r) => r.plain > r.resnet).length <= runs.length) {
  process.stderr.write('The plain slice is not the rougher for most seeds at these defaults: the landscape reference was not written.\n');
  process.exitCode = 1;
} else {
  await writeFile(OUT, `${JSON.stringify(reference, null, 1)}\n`);
  // In the project's format, so that \`npm run format:check\` passes on the file as written.
  spawnSync('npx', ['prettier', '--write', OUT], { stdio: 'inherit' });
  process.stdout.write(`wrote ${OUT}\n`);
}
