/**
 * The grader's worker: the learner's code runs here, never on the page's main thread. A worker
 * grades one language: TF.js cells compile to JavaScript; Keras cells run in Python (Pyodide),
 * which is loaded only in a worker started for Keras. Once ready, and before any learner code
 * runs, the worker is locked down (lock-down.ts): nothing the learner writes, in either
 * language, can reach storage or the network, and every attempt is reported to the page. An
 * endless loop only blocks this worker: the page interrupts Python through a shared buffer where
 * it can, and otherwise terminates it.
 */
import * as tf from '@tensorflow/tfjs';
import { gradeExercise } from '../../lib/grading/exercise';
import type { Blocked } from '../../lib/grading/blocked';
import type { ExerciseId, GradeReport, Language } from '../../lib/grading/types';
import type { KerasProgress, KerasRuntime } from '../../lib/keras/runtime';
import { startFirst } from '../backend';
import { siteUrl } from '../base-url';
import { countingFetch, type Downloads } from './counting-fetch';
import { lockDown } from './lock-down';

/** The first message: which language this worker grades, and where shared memory is allowed,
 * the buffer that interrupts Python and the one Python writes the cell's running line to. */
export interface StartRequest {
  type: 'start';
  language: Language;
  interrupt?: Int32Array;
  lines?: Int32Array;
}

export interface GradeRequest {
  type: 'grade';
  id: ExerciseId;
  source: string;
}

/** What loading Python has got to: the runtime's stage and words, and bytes received of the total known. */
export interface LoadProgress extends Pick<KerasProgress, 'stage' | 'message'>, Downloads {}

export type WorkerMessage =
  | { type: 'ready'; backend: string }
  | { type: 'progress'; progress: LoadProgress }
  | { type: 'failed'; message: string }
  | { type: 'report'; report: GradeReport; ms: number; backend: string }
  /** The learner's code tried to reach outside the sandbox, and was refused (sent at once, run or not). */
  | { type: 'blocked'; blocked: Blocked };

const send: (message: WorkerMessage) => void = self.postMessage.bind(self);

/**
 * WebAssembly where it starts (grading only runs models forward, which WASM does ~10× faster
 * than TF.js's JavaScript CPU backend), else the CPU backend. Both compute in float32 on the
 * processor, and the learner's model and the reference always run on the same one.
 */
async function chooseBackend(): Promise<void> {
  await startFirst(['wasm']);
}

/**
 * Starts Python and the course's Keras, from the site's own copy of Pyodide (scripts/copy-pyodide.mjs).
 * Pyodide fetches its files itself: `fetch` is wrapped meanwhile to count the bytes for the page.
 */
async function loadPython({ interrupt, lines }: StartRequest): Promise<KerasRuntime> {
  const { loadKeras } = await import('../../lib/keras/runtime');
  let progress: LoadProgress = { stage: 'runtime', message: 'Loading Python…', loaded: 0, total: 0 };
  const report = (next: Partial<LoadProgress>) => {
    progress = { ...progress, ...next };
    send({ type: 'progress', progress });
  };
  const plain = self.fetch;
  self.fetch = countingFetch(plain, report);
  try {
    return await loadKeras({
      indexURL: siteUrl('pyodide/'),
      tf,
      interruptBuffer: interrupt,
      lineBuffer: lines,
      onProgress: ({ stage, message }) => report({ stage, message }),
    });
  } finally {
    self.fetch = plain;
  }
}

let grade: ((id: ExerciseId, source: string) => GradeReport) | undefined;

async function start(request: StartRequest): Promise<void> {
  await chooseBackend();
  await tf.ready();
  let runtime: KerasRuntime | undefined;
  if (request.language === 'keras') {
    const python = (runtime = await loadPython(request));
    const { gradeKeras } = await import('../../lib/keras/grade');
    grade = (id, source) => gradeKeras(id, python, source);
  } else {
    grade = gradeExercise;
  }
  lockDown(self, (blocked) => send({ type: 'blocked', blocked }));
  runtime?.closeNetwork();
  send({ type: 'ready', backend: tf.getBackend() });
}

self.addEventListener('message', (event: MessageEvent<StartRequest | GradeRequest>) => {
  const request = event.data;
  if (request.type === 'start') {
    start(request).catch((error: unknown) => send({ type: 'failed', message: error instanceof Error ? error.message : String(error) }));
    return;
  }
  if (!grade) return;
  const started = performance.now();
  const report = grade(request.id, String(request.source));
  send({ type: 'report', report, ms: performance.now() - started, backend: tf.getBackend() });
});
