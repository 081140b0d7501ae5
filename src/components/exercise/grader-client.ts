/**
 * The page's side of the grader: one worker, started early so TF.js is loaded before the first
 * press, and replaced whenever a run takes longer than the time limit (an endless loop cannot be
 * interrupted, only terminated).
 */
import type { ExerciseId, GradeReport } from '../../lib/grading/types';
import type { WorkerMessage } from './grader.worker';

export const TIME_LIMIT_MS = 10_000;

export type GradeOutcome = { kind: 'report'; report: GradeReport; ms: number; backend: string } | { kind: 'timeout' } | { kind: 'failed'; message: string };

export class Grader {
  #worker: Worker | undefined;
  #ready: Promise<void> | undefined;

  /** Starts the worker (if it is not running) and resolves once it can take work. */
  warm(): Promise<void> {
    if (this.#ready) return this.#ready;
    const worker = new Worker(new URL('./grader.worker.ts', import.meta.url), { type: 'module', name: 'grader' });
    this.#worker = worker;
    this.#ready = new Promise((resolve, reject) => {
      const onMessage = (event: MessageEvent<WorkerMessage>) => {
        if (event.data.type !== 'ready') return;
        worker.removeEventListener('message', onMessage);
        resolve();
      };
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', (event) => reject(new Error(event.message || 'the grader could not start')), { once: true });
    });
    return this.#ready;
  }

  #replace() {
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#ready = undefined;
  }

  /** Grades `source`; a run past the time limit is stopped and the worker replaced. */
  async grade(id: ExerciseId, source: string): Promise<GradeOutcome> {
    try {
      await this.warm();
    } catch (error) {
      this.#replace();
      return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
    const worker = this.#worker as Worker;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        worker.removeEventListener('message', onMessage);
        this.#replace();
        void this.warm().catch(() => undefined); // a fresh worker for the next press
        resolve({ kind: 'timeout' });
      }, TIME_LIMIT_MS);
      const onMessage = (event: MessageEvent<WorkerMessage>) => {
        if (event.data.type !== 'report') return;
        clearTimeout(timer);
        worker.removeEventListener('message', onMessage);
        resolve({ kind: 'report', report: event.data.report, ms: event.data.ms, backend: event.data.backend });
      };
      worker.addEventListener('message', onMessage);
      worker.postMessage({ id, source });
    });
  }
}
