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
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { loadPyodide as LoadPyodide, PyodideAPI } from 'pyodide';
import type { PyCallable } from 'pyodide/ffi';
import type { CodePosition } from '../grading/types';
import { createBridge, type TF } from './bridge';
import { PYTHON_SOURCES } from './sources';
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
  /** The Python package, by path under python/; the bundled files by default. */
  sources?: Readonly<Record<string, string>>;
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

export interface KerasRuntime {
  /** Pyodide's version. */
  version: string;
  /** Runs `code` and builds `call`'s model. Never throws for the learner's mistakes. */
  build(code: string, call: KerasCall): KerasBuild;
  /** Makes Pyodide's HTTP helpers (`pyfetch`, `open_url`) refuse with a message; call it after
   * JavaScript's network globals are stubbed (the grader worker's lock-down). */
  closeNetwork(): void;
}

/** A cell that prints in a loop must not fill the worker's memory. */
const MAX_OUTPUT_LINES = 1000;

/** Where the package goes in Pyodide's in-memory file system. */
const PACKAGE_DIR = '/lib/resnet_live';

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
  let output: string[] = [];
  const print = (line: string) => {
    if (output.length < MAX_OUTPUT_LINES) output.push(line);
    else if (output.length === MAX_OUTPUT_LINES) output.push('… (the rest of the output is left out)');
  };
  // stdin at its end: input() raises EOFError instead of waiting for a console nobody has.
  const pyodide: PyodideAPI = await loadPyodide({ indexURL, stdout: print, stderr: print, stdin: () => null });
  if (options.interruptBuffer) pyodide.setInterruptBuffer(options.interruptBuffer);

  progress('keras', 'Setting up Keras…');
  const bridge = createBridge(tf);
  pyodide.registerJsModule('_resnet_live_tf', bridge.module);
  pyodide.registerJsModule('_resnet_live_train', createTrainBridge(tf, { readData: options.readData, interruptBuffer: options.interruptBuffer }));
  // The part of Emscripten's FS used here. (Two versions of @types/emscripten are installed, and
  // the older one, from tfjs-backend-wasm, lacks mkdirTree.)
  const fs = pyodide.FS as unknown as { mkdirTree(path: string): void; writeFile(path: string, data: string): void };
  for (const [path, text] of Object.entries(options.sources ?? PYTHON_SOURCES)) {
    const file = `${PACKAGE_DIR}/${path}`;
    fs.mkdirTree(file.slice(0, file.lastIndexOf('/')));
    fs.writeFile(file, text);
  }
  pyodide.runPython(`import sys\nsys.path.insert(0, ${JSON.stringify(PACKAGE_DIR)})`);
  const runner = pyodide.pyimport('resnet_live_runner');
  // An attribute proxy is borrowed from its module's proxy; the copy outlives it.
  const runBuild = (runner.build as PyCallable).copy() as PyCallable;
  const closeNetwork = (runner.close_network as PyCallable).copy() as PyCallable;
  if (options.lineBuffer) (runner.watch_lines as PyCallable)(options.lineBuffer);
  runner.destroy();
  output = [];
  progress('ready', 'Python and Keras are ready.');

  return {
    version: pyodide.version,
    closeNetwork() {
      closeNetwork();
    },
    build(code, call) {
      const start = performance.now();
      const before = new Set(Object.keys(tf.engine().registeredVariables));
      const made = bridge.record();
      output = [];
      if (options.interruptBuffer) options.interruptBuffer[0] = 0;
      const { exercise, ...args } = call;
      const outcome = runBuild(String(code), exercise, args) as RunnerOutcome;
      const created = Object.keys(tf.engine().registeredVariables).filter((name) => !before.has(name));
      const info: BuildInfo = {
        function: outcome.function,
        call: outcome.call,
        made,
        output,
        ms: performance.now() - start,
        dispose() {
          for (const name of created) tf.engine().registeredVariables[name]?.dispose();
        },
      };
      return outcome.ok && outcome.model
        ? { ...info, ok: true, model: outcome.model }
        : { ...info, ok: false, error: outcome.error ?? { kind: 'runtime', type: 'Error', message: 'The build returned nothing.' } };
    },
  };
}
