/**
 * The grader's worker: the learner's code runs here, never on the page's main thread. A worker
 * has no DOM; before any learner code runs we also remove what it could use to reach storage or
 * the network (IndexedDB, Cache Storage, fetch, …), from the global object and its prototypes,
 * so nothing the learner writes can touch the page's data. An endless loop only blocks this
 * worker, which the page terminates after its time limit.
 */
import * as tf from '@tensorflow/tfjs';
import { gradeExercise } from '../../lib/grading/exercise';
import type { ExerciseId, GradeReport } from '../../lib/grading/types';
import { startFirst } from '../backend';

export interface GradeRequest {
  id: ExerciseId;
  source: string;
}

export type WorkerMessage = { type: 'ready'; backend: string } | { type: 'report'; report: GradeReport; ms: number; backend: string };

const send: (message: WorkerMessage) => void = self.postMessage.bind(self);

const REMOVED = [
  'indexedDB', 'caches', 'fetch', 'XMLHttpRequest', 'WebSocket', 'WebTransport', 'EventSource', 'BroadcastChannel',
  'importScripts', 'Worker', 'SharedWorker', 'postMessage', 'close', 'cookieStore',
];

/** Deletes each name from the global object and every prototype that defines it, then shadows it. */
function lockDown(): void {
  for (const name of REMOVED) {
    for (let target: object | null = self; target; target = Object.getPrototypeOf(target)) {
      try {
        if (Object.prototype.hasOwnProperty.call(target, name)) delete (target as Record<string, unknown>)[name];
      } catch {
        // A non-configurable property: the shadow below still hides it.
      }
    }
    try {
      Object.defineProperty(self, name, { value: undefined, configurable: false, writable: false });
    } catch {
      // Already locked.
    }
  }
}

/**
 * WebAssembly where it starts (grading only runs models forward, which WASM does ~10× faster
 * than TF.js's JavaScript CPU backend), else the CPU backend. Both compute in float32 on the
 * processor, and the learner's model and the reference always run on the same one.
 */
async function chooseBackend(): Promise<void> {
  await startFirst(['wasm']);
}

async function start(): Promise<void> {
  await chooseBackend();
  await tf.ready();
  self.addEventListener('message', (event: MessageEvent<GradeRequest>) => {
    const started = performance.now();
    const report = gradeExercise(event.data.id, String(event.data.source));
    send({ type: 'report', report, ms: performance.now() - started, backend: tf.getBackend() });
  });
  lockDown();
  send({ type: 'ready', backend: tf.getBackend() });
}

void start();
