/**
 * Keras (Python) cells: Pyodide runs the learner's code against this course's Keras, whose
 * layers are TF.js layers, and `build` returns the same kind of tf.LayersModel a TF.js cell
 * gives the grader, so the checks in src/lib/grading run on it unchanged.
 *
 * No DOM: this runs in the grader's Web Worker and in Node (the unit tests). Loading is
 * asynchronous (Pyodide fetches ~13 MB from `indexURL` once); `build` is synchronous, like a
 * TF.js attempt, so the grader can run it inside its tf.tidy and variable bookkeeping.
 * While Python runs it blocks the thread it runs on: an endless loop is stopped only through
 * `interruptBuffer` (which needs SharedArrayBuffer) or by terminating the worker.
 *
 * `run` is the notebook's kernel: cells share one namespace in the order they run, and stream
 * what they print and show to a sink. Grading is a step after the same run path: `build` runs
 * the cell in a fresh namespace (resnet_live_runner.build), then calls the exercise's function.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { loadPyodide as LoadPyodide, PyodideAPI } from 'pyodide';
import type { PyCallable, PyProxy } from 'pyodide/ffi';
import type { CodePosition } from '../grading/types';
import { forPython } from '../grading/exercises';
import { createBridge, type TF } from './bridge';
import { createNumpyBridge } from './numpy-bridge';
import { connectOutput, kernelModule, lineCollector, type CellOutcome, type CellSink } from './kernel-io';
import { createTrainBridge } from './train-bridge';

export interface KerasProgress {
  stage: 'runtime' | 'keras' | 'ready';
  /** What is happening, for a status line: "Loading Python…". */
  message: string;
  /** Milliseconds since loadKeras was called. */
  ms: number;
}

export interface LoadKerasOptions {
  /** The folder holding pyodide.mjs and its files: `withBase('pyodide/')` on the site (see
   * scripts/copy-pyodide.mjs), the package folder `node_modules/pyodide/` in Node. */
  indexURL: string;
  /** TF.js: the same instance src/lib/resnet uses, with its backend already chosen. */
  tf: TF;
  onProgress?: (progress: KerasProgress) => void;
  /** A SharedArrayBuffer-backed buffer the page sets to 2 to stop running Python. */
  interruptBuffer?: Int32Array | Uint8Array;
  /** A SharedArrayBuffer-backed buffer where Python writes the cell's line as each new one starts
   * (0 before the cell runs): where a run was when the page had to terminate the worker. */
  lineBuffer?: Int32Array;
  /** The Python package, by path under python/ (`keras/layers.py`): the files the site bundles
   * (src/components/python/sources.ts), passed in because bundling them is Vite's business. */
  sources: Readonly<Record<string, string>>;
  /** The bytes of a file under the site's data/ folder (`fashion-mnist/manifest.json`), read
   * synchronously, for `load_dataset()` in a cell; see TrainBridgeOptions. */
  readData?: (path: string) => Uint8Array;
}

interface BlockCase {
  input: readonly number[];
  f: number;
  filters: readonly number[];
  stage: number;
  block: string;
}

/** Which function to call and on what: the exercise's test case, as in TEST_CASES. */
export type KerasCall =
  | ({ exercise: 'identity-block' } & BlockCase)
  | ({ exercise: 'convolutional-block'; s: number } & BlockCase)
  | { exercise: 'resnet50'; inputShape: readonly number[]; classes: number };

export interface KerasError {
  /** syntax: the cell does not parse; runtime: it raised; result: it ran but defined or returned
   * the wrong thing; timeout: the page stopped it. */
  kind: 'syntax' | 'runtime' | 'result' | 'timeout';
  /** The Python exception's class: 'SyntaxError', 'NameError', 'ValueError', … */
  type: string;
  /** Python's one-line message, without a traceback. */
  message: string;
  /** In the learner's cell (1-based), when the error points into it. */
  position?: CodePosition;
  /** What to change, for `result` errors. */
  hint?: string;
}

interface BuildInfo {
  /** The Python name of the exercise's function: identity_block, convolutional_block, ResNet50. */
  function: string;
  /** The call as Python text: "identity_block(X, 2, [2, 4, 6], 1, 'a')". */
  call: string;
  /** Every layer the learner's code made, applied or not (the reference blocks' are not). */
  made: tfjs.layers.Layer[];
  /** What the code printed, line by line. */
  output: string[];
  ms: number;
  /** Frees every weight this build made, the model's included; use instead of model.dispose(). */
  dispose(): void;
}

export type KerasBuild = (BuildInfo & { ok: true; model: tfjs.LayersModel }) | (BuildInfo & { ok: false; error: KerasError });

export type { CellOutcome, CellSink };

export interface KerasRuntime {
  /** Pyodide's version. */
  version: string;
  /** Runs `code` and builds `call`'s model, in a fresh namespace of its own: the grader's step.
   * Never throws for the learner's mistakes. */
  build(code: string, call: KerasCall): KerasBuild;
  /** Runs a cell in the kernel's namespace as `<cell-{count}>` (`count`: the page's [n]),
   * streaming its output, the value of its last expression and chart points to `sink`.
   * Synchronous; never throws for the learner's mistakes: they come back as `error`. */
  run(code: string, count: number, sink: CellSink): CellOutcome;
  /** Runs a cell as `run` does, but after `reference` (the course's solution) in a scratch
   * namespace, which is dropped after: the output a correct solution gives. Its weights are freed. */
  runAfter(reference: string, code: string, count: number, sink: CellSink): CellOutcome;
  /** Restart: a new namespace with the assignment's imports; the tensors the cells made are freed. */
  reset(): void;
  /** Makes Pyodide's HTTP helpers (`pyfetch`, `open_url`) refuse with a message; call it after
   * JavaScript's network globals are stubbed (the grader worker's lock-down). */
  closeNetwork(): void;
}

/** A cell that prints in a loop must not fill the worker's memory. */
const MAX_OUTPUT_LINES = 1000;

/** Where the package goes in Pyodide's in-memory file system. */
const PACKAGE_DIR = '/lib/resnet_live';

/** The file beside the runner that it reads the exercises from (see resnet_live_runner.py). */
const EXERCISES_FILE = 'resnet_live_exercises.json';

const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';

/** pyodide.mjs under `indexURL`, as something `import()` takes: a file URL in Node. */
function entryURL(indexURL: string): string {
  if (/^[a-z][a-z\d+.-]+:/i.test(indexURL)) return new URL('pyodide.mjs', indexURL).href;
  if (isNode) return new URL('pyodide.mjs', new URL(indexURL, `file://${process.cwd()}/`)).href;
  return `${indexURL}pyodide.mjs`;
}

/** Raw result of the Python runner (resnet_live_runner.build), converted by `to_js`. */
interface RunnerOutcome {
  ok: boolean;
  function: string;
  call: string;
  model?: tfjs.LayersModel;
  error?: KerasError;
}

/** Starts Pyodide, installs the course's Keras into it, and returns the runtime. */
export async function loadKeras(options: LoadKerasOptions): Promise<KerasRuntime> {
  const { tf, onProgress } = options;
  const started = performance.now();
  const progress = (stage: KerasProgress['stage'], message: string) => onProgress?.({ stage, message, ms: performance.now() - started });
  const indexURL = options.indexURL.endsWith('/') ? options.indexURL : `${options.indexURL}/`;

  progress('runtime', 'Loading Python…');
  // Loaded from indexURL rather than bundled: the site serves Pyodide's files as they are.
  const { loadPyodide } = (await import(/* @vite-ignore */ entryURL(indexURL))) as { loadPyodide: typeof LoadPyodide };
  // stdin at its end: input() raises EOFError instead of waiting for a console nobody has.
  const pyodide: PyodideAPI = await loadPyodide({ indexURL, stdin: () => null });
  const { interruptBuffer } = options;
  if (interruptBuffer) pyodide.setInterruptBuffer(interruptBuffer);
  const output = connectOutput(pyodide);

  progress('keras', 'Setting up Keras…');
  const bridge = createBridge(tf);
  const kernelIO = kernelModule(output);
  // The JavaScript modules the Python package imports, one line each.
  pyodide.registerJsModule('_resnet_live_tf', bridge.module);
  pyodide.registerJsModule('_resnet_live_np', createNumpyBridge(tf));
  pyodide.registerJsModule('_resnet_live_kernel', kernelIO.module);
  pyodide.registerJsModule('_resnet_live_train', createTrainBridge(tf, { readData: options.readData, interruptBuffer: options.interruptBuffer }));
  // The part of Emscripten's FS used here. (Two versions of @types/emscripten are installed, and
  // the older one, from tfjs-backend-wasm, lacks mkdirTree.)
  const fs = pyodide.FS as unknown as { mkdirTree(path: string): void; writeFile(path: string, data: string): void };
  for (const [path, text] of Object.entries(options.sources)) {
    const file = `${PACKAGE_DIR}/${path}`;
    fs.mkdirTree(file.slice(0, file.lastIndexOf('/')));
    fs.writeFile(file, text);
  }
  // The exercises' names and the filters rule, from their one description (src/lib/grading/exercises.ts).
  fs.writeFile(`${PACKAGE_DIR}/${EXERCISES_FILE}`, JSON.stringify(forPython()));
  pyodide.runPython(`import sys\nsys.path.insert(0, ${JSON.stringify(PACKAGE_DIR)})`);
  const runner = pyodide.pyimport('resnet_live_runner');
  // An attribute proxy is borrowed from its module's proxy; the copy outlives it.
  const own = (name: string) => (runner[name] as PyCallable).copy() as PyCallable;
  const runBuild = own('build');
  const closeNetwork = own('close_network');
  const flush = own('flush');
  kernelIO.setFlush(() => flush());
  if (options.lineBuffer) (runner.watch_lines as PyCallable)(options.lineBuffer);
  // The page's kernel: its namespace lives as long as this runtime (reset() renews it in place).
  const kernel = (runner.kernel as PyCallable)() as PyProxy;
  const runCell = (kernel.run as PyCallable).copy() as PyCallable;
  const resetKernel = (kernel.reset as PyCallable).copy() as PyCallable;
  const runScratch = (kernel.scratch as PyCallable).copy() as PyCallable;
  kernel.destroy();
  runner.destroy();
  progress('ready', 'Python and Keras are ready.');

  /** The variables the kernel's cells made and still hold: Restart frees them. */
  const kernelVariables = new Set<string>();
  const variableNames = () => Object.keys(tf.engine().registeredVariables);

  return {
    version: pyodide.version,
    closeNetwork() {
      closeNetwork();
    },
    build(code, call) {
      const start = performance.now();
      const before = new Set(variableNames());
      const made = bridge.record();
      const collected = lineCollector(MAX_OUTPUT_LINES);
      if (interruptBuffer) interruptBuffer[0] = 0;
      const { exercise, ...args } = call;
      const outcome = output.during(collected, () => runBuild(String(code), exercise, args)) as RunnerOutcome;
      const created = variableNames().filter((name) => !before.has(name));
      const info: BuildInfo = {
        function: outcome.function,
        call: outcome.call,
        made,
        output: collected.end(),
        ms: performance.now() - start,
        dispose() {
          for (const name of created) tf.engine().registeredVariables[name]?.dispose();
        },
      };
      return outcome.ok && outcome.model
        ? { ...info, ok: true, model: outcome.model }
        : { ...info, ok: false, error: outcome.error ?? { kind: 'runtime', type: 'Error', message: 'The build returned nothing.' } };
    },
    run(code, count, sink) {
      if (!Number.isInteger(count) || count < 0) throw new RangeError(`run: count must be the cell's execution count, a whole number ≥ 0; got ${count}`);
      const start = performance.now();
      const before = new Set(variableNames());
      if (interruptBuffer) interruptBuffer[0] = 0;
      let result: Omit<CellOutcome, 'ms'>;
      try {
        result = output.during(sink, () => runCell(String(code), count)) as Omit<CellOutcome, 'ms'>;
      } catch (error) {
        result = kernelFailure(error);
      }
      for (const name of variableNames()) if (!before.has(name)) kernelVariables.add(name);
      return { ...result, ms: performance.now() - start };
    },
    runAfter(reference, code, count, sink) {
      const start = performance.now();
      const before = new Set(variableNames());
      if (interruptBuffer) interruptBuffer[0] = 0;
      let result: Omit<CellOutcome, 'ms'>;
      try {
        result = output.during(sink, () => runScratch(String(reference), String(code), count)) as Omit<CellOutcome, 'ms'>;
      } catch (error) {
        result = kernelFailure(error);
      }
      for (const name of variableNames()) if (!before.has(name)) tf.engine().registeredVariables[name]?.dispose();
      return { ...result, ms: performance.now() - start };
    },
    reset() {
      resetKernel();
      for (const name of kernelVariables) tf.engine().registeredVariables[name]?.dispose();
      kernelVariables.clear();
    },
  };
}

/** A run that failed outside the learner's code (an interrupt that landed between its steps, or
 * a fault of the kernel's own), as the cell shows it. */
function kernelFailure(error: unknown): Omit<CellOutcome, 'ms'> {
  const type = (error as { type?: unknown } | null)?.type;
  if (type === 'KeyboardInterrupt') return { status: 'stopped', error: { kind: 'interrupted', type, message: 'The run was stopped.', traceback: [] } };
  const message = error instanceof Error ? error.message : String(error);
  return { status: 'error', error: { kind: 'runtime', type: typeof type === 'string' ? type : 'Error', message, traceback: [] } };
}
