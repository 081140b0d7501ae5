/**
 * Checks the drawing recipe (src/lib/train/recipe.ts) the way `npm run reference` checks the
 * degradation experiment: trains it through the lab's own session on TF.js's WASM backend with our
 * training kernels, for several seeds, and prints each seed's test accuracy and wall time.
 * Other settings can be tried by naming the form's fields, e.g.
 *   npm run recipe -- --seeds 1,2,3 --epochs 4 --width 3
 * Writes nothing; times are this machine's, with the WASM backend's threads in Node.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { loadDataset, type FetchBytes } from '../src/lib/train/data';
import { parseLabParams } from '../src/lib/train/lab-params';
import { DRAWING_RECIPE } from '../src/lib/train/recipe';
import { TrainingSession } from '../src/lib/train/session';
import { registerKernels } from '../src/lib/engine/register';

const ROOT = process.cwd();

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const raw: Record<string, string> = { ...DRAWING_RECIPE, backend: 'wasm' };
for (const key of Object.keys(raw)) raw[key] = option(key) ?? (raw[key] as string);
const check = parseLabParams(raw);
if (!check.ok) throw new Error(`These settings are not valid: ${JSON.stringify(check.errors)}`);
const seeds = (option('seeds') ?? '1,2,3').split(',').map(Number);

await registerKernels('wasm', { training: true });
if (!(await tf.setBackend('wasm'))) throw new Error('the WASM backend did not start');
const readPublic: FetchBytes = async (url) => new Uint8Array(await readFile(join(ROOT, 'public', url)));
const data = await loadDataset(check.params.dataset, { baseUrl: '/data/', fetchBytes: readPublic });

process.stdout.write(`settings: ${JSON.stringify(raw)}\n`);
const results: { seed: number; accuracy: number; seconds: number }[] = [];
for (const seed of seeds) {
  let accuracy = NaN;
  let failure: string | undefined;
  let parameters = 0;
  const started = performance.now();
  const session = new TrainingSession({ ...check.params, seed }, data, {
    send: (message) => {
      if (message.type === 'model') parameters = message.parameters;
      else if (message.type === 'epoch')
        process.stdout.write(`  seed ${seed} epoch ${message.report.epoch}: validation ${(100 * message.report.validationAccuracy).toFixed(1)} %\n`);
      else if (message.type === 'done' && message.test) accuracy = message.test.accuracy;
      else if (message.type === 'failed') failure = message.message;
    },
    startBackend: async () => ({ backend: tf.getBackend(), reason: 'The recipe check runs on WASM.', renderer: null }),
  });
  await session.run();
  if (failure) throw new Error(failure);
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  results.push({ seed, accuracy, seconds });
  process.stdout.write(`seed ${seed}: test accuracy ${(100 * accuracy).toFixed(1)} % in ${seconds} s (${parameters} parameters)\n`);
}
const worst = Math.min(...results.map((r) => r.accuracy));
process.stdout.write(`lowest test accuracy ${(100 * worst).toFixed(1)} %; seconds ${results.map((r) => r.seconds).join(', ')}\n`);
