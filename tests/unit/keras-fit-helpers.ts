/**
 * What the keras-fit*.test.ts files share: Pyodide set up as runtime.ts sets it up (so a test can
 * hand Python its model and data and read what it prints and the chart events fit sends), the
 * course's Fashion-MNIST, and the lab's trainer to compare Keras's fit with.
 *
 * Each test file loads its own Pyodide (vitest gives each file its own copy of this module).
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import type { loadPyodide as LoadPyodide, PyodideAPI } from 'pyodide';
import { createBridge } from '../../src/lib/keras/bridge';
import { PYTHON_SOURCES } from '../../src/components/python/sources';
import { createNumpyBridge } from '../../src/lib/keras/numpy-bridge';
import { createTrainBridge } from '../../src/lib/keras/train-bridge';
import { PRESETS, smallResNet } from '../../src/lib/resnet';
import { readDataset, toBatch, type Split } from '../../src/lib/train/data';
import { trainModel, type BatchReport, type EpochReport } from '../../src/lib/train/loop';
import { INDEX_URL } from './keras-helpers';

/** A file of the course's data, read as the page's synchronous reader reads it. */
export const readData = (path: string) => new Uint8Array(readFileSync(`public/data/${path}`));

let pyodide: PyodideAPI;
/** What Python printed since a test last set it to [], and the hook a test sets on chart events. */
export const session: { printed: string[]; onEvent?: (event: Record<string, unknown>) => void } = { printed: [] };
/** The chart events fit sent, in order (a test empties it with `events.length = 0`). */
export const events: Record<string, unknown>[] = [];
/** The page's interrupt buffer: 2 stops the running Python (KeyboardInterrupt). */
export const interrupt = new Int32Array(new SharedArrayBuffer(4));
/** Runs `code` in the test's Pyodide and returns its last expression. */
export const py = (code: string) => pyodide.runPython(code);
/** What running \`code\` raises, as "Type: message", or null. */
export const errorOf = (code: string): string | null => {
  pyodide.globals.set('_code', code);
  return py(`
try:
    exec(_code, globals())
    _r = None
except Exception as _e:
    _r = f"{type(_e).__name__}: {_e}"
_r`) as string | null;
};

/** Loads Pyodide with the course's Python and bridges; call it in beforeAll, with LOAD_TIMEOUT. */
export async function loadFitPython(): Promise<void> {
  const { loadPyodide } = (await import(pathToFileURL(`${INDEX_URL}pyodide.mjs`).href)) as { loadPyodide: typeof LoadPyodide };
  const print = (line: string) => void session.printed.push(line);
  pyodide = await loadPyodide({ indexURL: INDEX_URL, stdout: print, stderr: print });
  pyodide.registerJsModule('_resnet_live_tf', createBridge(tf).module);
  pyodide.registerJsModule('_resnet_live_np', createNumpyBridge(tf));
  pyodide.setInterruptBuffer(interrupt);
  pyodide.registerJsModule('_resnet_live_train', createTrainBridge(tf, { readData, interruptBuffer: interrupt }));
  pyodide.registerJsModule('_resnet_live_kernel', {
    fit_event: (event: Record<string, unknown>) => {
      events.push({ ...event });
      session.onEvent?.(event);
    },
  });
  const fs = pyodide.FS as unknown as { mkdirTree(path: string): void; writeFile(path: string, data: string): void };
  for (const [path, text] of Object.entries(PYTHON_SOURCES)) {
    const file = `/lib/fit/${path}`;
    fs.mkdirTree(file.slice(0, file.lastIndexOf('/')));
    fs.writeFile(file, text);
  }
  py(`import sys\nsys.path.insert(0, '/lib/fit')\nimport numpy as np\nfrom keras.models import Model\nfrom keras.optimizers import Adam, SGD`);
}

/** The course's Fashion-MNIST, read from public/data. */
export const data = readDataset('fashion-mnist', (file) => readData(`fashion-mnist/${file}`));
/** The first `count` examples of a split (from `from`), as the lab's trainer takes a split. */
export const part = (split: Split, count: number, from = 0): Split => ({
  images: split.images.subarray(from * 784, (from + count) * 784),
  labels: split.labels.subarray(from, from + count),
  count,
});
/** A split as the arrays X (m, 28, 28, 1) in [0, 1] and Y (m, 10) one-hot, as the lab's batches hold them. */
export function arrays(split: Split): [tf.Tensor4D, tf.Tensor2D] {
  const batch = toBatch(
    split,
    Array.from({ length: split.count }, (_, i) => i),
    { oneHot: 10 },
  );
  return [tf.tensor4d(batch.pixels, [split.count, 28, 28, 1]), tf.tensor2d(batch.oneHot!, [split.count, 10])];
}

/** Two Tiny models with the same weights: one for the lab's trainer, one for Keras. */
export function twins(): [tf.LayersModel, tf.LayersModel] {
  const seeded = { kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) };
  const lab = smallResNet({ ...PRESETS.tiny, residual: true }, seeded);
  const keras = smallResNet({ ...PRESETS.tiny, residual: true });
  keras.setWeights(lab.getWeights());
  return [lab, keras];
}

/** Puts a TF.js model into Python as \`model\`, and tensors as arrays under the names given. */
export function give(model: tf.LayersModel, tensors: Record<string, tf.Tensor>) {
  pyodide.globals.set('_js_model', model);
  py('model = Model.__new__(Model)\nmodel._js = _js_model');
  for (const [name, t] of Object.entries(tensors)) {
    pyodide.globals.set('_t', t);
    py(`${name} = np.from_tensor(_t)`);
  }
}

/** The lab's training settings the tests compare with. */
export const LAB = { epochs: 2, batchSize: 16, trainSize: 48, classes: 10, side: 28, seed: 7 };

/** Trains `model` with the lab's trainer, recording each batch's and each epoch's report. */
export async function labRun(model: tf.LayersModel, train: Split, validation: Split, config = LAB, optimizer: tf.Optimizer) {
  model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const batches: BatchReport[] = [];
  const epochs: EpochReport[] = [];
  await trainModel(model, train, validation, config, { onBatch: (r) => batches.push(r), onEpoch: (r) => epochs.push(r), yieldToPage: async () => undefined });
  return { batches, epochs };
}
