/**
 * A page's notebook kernel for one language: the learner's code runs here, never on the page's
 * main thread. TF.js cells run as JavaScript in a namespace the page's cells share
 * (lib/kernel/js-cell.ts); Keras cells run in Python (Pyodide), loaded only in a kernel started for
 * Keras. Grading runs the graded cell in a fresh namespace of its own, then checks it.
 *
 * Once ready, and before any learner code runs, the worker is locked down (lock-down.ts): nothing
 * the learner writes, in either language, can reach storage or the network, and every attempt is
 * reported to the page. What the kernel itself needs from the site (the course's data) it reads
 * through functions made before the lock-down, which reach only the site's own data files.
 *
 * The backend is the one the training lab would pick (WebGL on a real GPU, else WebAssembly with
 * the course's training kernels), so a `fit` here trains on the lab's engine.
 */
import * as tf from '@tensorflow/tfjs';
import { gradeExercise } from '../../lib/grading/exercise';
import { SOLUTIONS } from '../../lib/grading/solutions';
import { convolutionalBlock, identityBlock, resNet50 } from '../../lib/resnet';
import { PRESETS, smallResNet, type PresetName } from '../../lib/resnet/small';
import type { ExerciseId, GradeReport } from '../../lib/grading/types';
import type { CellError, DisplayData, FitEvent, FromKernel, LoadProgress, RunStatus, ToKernel } from '../../lib/kernel/protocol';
import { displayOf, formatLog } from '../../lib/kernel/display';
import { fitCallbacks } from '../../lib/kernel/fit-callbacks';
import { JsNamespace, runJsCell } from '../../lib/kernel/js-cell';
import { OutputBuffer } from '../../lib/kernel/output';
import { notebookData, SIGNS_SHAPE } from '../../lib/kernel/notebook-data';
import { loadDataset, type Dataset, type DatasetName } from '../../lib/train/data';
import type { KerasRuntime } from '../../lib/keras/runtime';
import { modelSummary, summaryTable } from '../../lib/keras/summary-table';
import { startEngine } from '../engine';
import { siteUrl } from '../base-url';
import { countingFetch } from '../exercise/counting-fetch';
import { lockDown } from '../exercise/lock-down';
import { dataReader } from './data-reader';

const send: (message: FromKernel) => void = self.postMessage.bind(self);

let runtime: KerasRuntime | undefined;
const namespace = new JsNamespace(tf);
/** The output of the run in progress: console calls made by TF.js (`tensor.print()`) land here too. */
let output: OutputBuffer | undefined;
/** The TF.js run that Stop was pressed for. */
let stopRequested = 0;
/** Aborted by Stop: a TF.js run ends at its next await, as interrupted. */
let stopping: AbortController | undefined;
let readData: ((path: string) => Uint8Array) | undefined;
let grader: (id: ExerciseId, source: string) => GradeReport = gradeExercise;

/**
 * Starts Python and the course's Keras, from the site's own copy of Pyodide (scripts/copy-pyodide.mjs).
 * Pyodide fetches its files itself: `fetch` is wrapped meanwhile to count the bytes for the page.
 */
async function loadPython({ interrupt, lines }: Extract<ToKernel, { type: 'start' }>): Promise<KerasRuntime> {
  const [{ loadKeras }, { PYTHON_SOURCES }] = await Promise.all([import('../../lib/keras/runtime'), import('../python/sources')]);
  let progress: LoadProgress = { stage: 'runtime', message: 'Loading Python…', loaded: 0, total: 0 };
  const report = (next: Partial<LoadProgress>) => {
    progress = { ...progress, ...next };
    send({ type: 'progress', progress });
  };
  // eslint-disable-next-line @typescript-eslint/unbound-method -- the global fetch needs no receiver, and this one is put back as it was
  const plain = self.fetch;
  self.fetch = countingFetch(plain, report);
  try {
    return await loadKeras({
      indexURL: siteUrl('pyodide/'),
      sources: PYTHON_SOURCES,
      tf,
      interruptBuffer: interrupt,
      lineBuffer: lines,
      readData,
      onProgress: ({ stage, message }) => report({ stage, message }),
    });
  } finally {
    self.fetch = plain;
  }
}

/**
 * The worker's console writes under the cell that is running: a timer a cell left behind prints
 * into the run in progress, if any (a cell's own console is the run's while it runs).
 */
function routeConsole() {
  const write =
    (stream: 'stdout' | 'stderr') =>
    (...args: unknown[]) =>
      output?.write(stream, `${formatLog(args, tf)}\n`);
  const console = self.console as unknown as Record<string, unknown>;
  for (const name of ['log', 'info', 'debug']) console[name] = write('stdout');
  for (const name of ['warn', 'error']) console[name] = write('stderr');
}

/**
 * `model.summary()` in a TF.js cell prints Keras's table, as a Keras cell's does (thousands
 * separators, `Total params: 23,600,006`), rather than TF.js's own layout.
 */
function kerasSummaries() {
  tf.LayersModel.prototype.summary = function (this: tf.LayersModel, _lineLength?: number, _positions?: number[], print = console.log) {
    for (const line of summaryTable(modelSummary(this))) print(line);
  };
}

async function start(request: Extract<ToKernel, { type: 'start' }>): Promise<void> {
  kerasSummaries();
  await startEngine('notebook');
  await tf.ready();
  readData = dataReader(siteUrl('data/'));
  if (request.language === 'keras') {
    const python = (runtime = await loadPython(request));
    const { gradeKeras } = await import('../../lib/keras/grade');
    grader = (id, source) => gradeKeras(id, python, source);
  }
  routeConsole();
  lockDown(self, (blocked) => send({ type: 'blocked', blocked }));
  runtime?.closeNetwork();
  send({ type: 'ready', backend: tf.getBackend() });
}

const datasets = new Map<DatasetName, Promise<Dataset>>();

/** A data set of the course, read once per kernel through the reader made before the lock-down. */
function courseData(name: DatasetName): Promise<Dataset> {
  const read = readData;
  if (!read) return Promise.reject(new Error('the kernel has not started'));
  let dataset = datasets.get(name);
  if (!dataset) {
    dataset = loadDataset(name, { baseUrl: '', fetchBytes: async (url) => read(url.replace(/^\/+/, '')) });
    datasets.set(name, dataset);
    dataset.catch(() => datasets.delete(name));
  }
  return dataset;
}

/** What a TF.js cell has in scope besides its own names. */
function jsScope(run: number) {
  const emit = (event: Parameters<Parameters<typeof fitCallbacks>[0]['emit']>[0]) => send({ type: 'fit', run, event });
  return {
    tf,
    course: {
      /** The course's reference blocks and model, for pages that have no cells of their own for them. */
      reference: { identityBlock, convolutionalBlock, resNet50 },
      /**
       * The course's data as a notebook loads it: by default shaped like the assignment's SIGNS
       * (see lib/kernel/notebook-data.ts); with a name, that data set whole, at 28×28×1.
       */
      loadDataset: async (name?: DatasetName) => {
        const dataset = await courseData(name ?? 'fashion-mnist');
        return notebookData(tf, { train: dataset.train, test: dataset.test, classNames: dataset.manifest.classes }, name ? {} : SIGNS_SHAPE);
      },
      /** The training lab's small ResNets: `course.smallResNet('tiny')`, a model to compile and fit. */
      smallResNet: (preset: PresetName = 'tiny', residual = true) => smallResNet({ ...PRESETS[preset], residual }),
      /** Callbacks for `model.fit`: Keras's progress lines under the cell and the live chart. */
      fitCallbacks: () => fitCallbacks({ emit, print: (line) => output?.write('stdout', `${line}\n`), stopped: () => stopRequested === run }),
    },
  };
}

async function runJs(run: number, source: string, reference?: ExerciseId): Promise<{ status: RunStatus; error?: CellError }> {
  if (reference) {
    // A scratch namespace holding the course's solution, so the kernel's own is left as it was.
    const scratch = new JsNamespace(tf);
    try {
      const solution = await runJsCell(SOLUTIONS[reference], { namespace: scratch, scope: jsScope(run), console: () => undefined, run });
      if (!solution.ok) return { status: 'error', error: solution.error };
      return await runJsIn(scratch, run, source);
    } finally {
      scratch.reset();
    }
  }
  return runJsIn(namespace, run, source);
}

async function runJsIn(namespace: JsNamespace, run: number, source: string): Promise<{ status: RunStatus; error?: CellError }> {
  stopping = new AbortController();
  const result = await runJsCell(source, {
    namespace,
    scope: jsScope(run),
    console: (stream, text) => output?.write(stream, text),
    run,
    signal: stopping.signal,
  });
  if (!result.ok) return { status: stopRequested === run ? 'stopped' : 'error', error: result.error };
  const shown = displayOf(result.value, tf);
  if (shown) send({ type: 'display', run, data: shown });
  return { status: stopRequested === run ? 'stopped' : 'ok' };
}

async function runPython(python: KerasRuntime, run: number, source: string, reference?: ExerciseId) {
  const sink = {
    stream: (name: 'stdout' | 'stderr', text: string) => output?.write(name, text),
    display: (data: DisplayData) => send({ type: 'display', run, data }),
    fit: (event: FitEvent) => send({ type: 'fit', run, event }),
  };
  if (!reference) return python.run(source, Math.max(0, run), sink);
  const { PYTHON_SOLUTIONS } = await import('../python/solutions');
  return python.runAfter(PYTHON_SOLUTIONS[reference], source, 0, sink);
}

async function run(run: number, source: string, reference?: ExerciseId) {
  const started = performance.now();
  output = new OutputBuffer({ send: (name, text) => send({ type: 'stream', run, name, text }) });
  try {
    const outcome = runtime ? await runPython(runtime, run, source, reference) : await runJs(run, source, reference);
    const omitted = output.close();
    send({
      type: 'done',
      run,
      status: outcome.status,
      ms: performance.now() - started,
      ...(outcome.error ? { error: outcome.error } : {}),
      ...(omitted.lines > 0 || omitted.chars > 0 ? { omitted } : {}),
    });
  } finally {
    output = undefined;
  }
}

function grade(run: number, id: ExerciseId, source: string) {
  const started = performance.now();
  const report = grader(id, source);
  send({ type: 'report', run, report, ms: performance.now() - started, backend: tf.getBackend() });
}

self.addEventListener('message', (event: MessageEvent<ToKernel>) => {
  const request = event.data;
  switch (request.type) {
    case 'start':
      start(request).catch((error: unknown) => send({ type: 'failed', message: error instanceof Error ? error.message : String(error) }));
      return;
    case 'run':
      void run(request.run, String(request.source), request.reference);
      return;
    case 'grade':
      grade(request.run, request.id, String(request.source));
      return;
    case 'stop':
      stopRequested = request.run;
      stopping?.abort();
      return;
    case 'reset':
      if (runtime) runtime.reset();
      else namespace.reset();
      return;
  }
});
