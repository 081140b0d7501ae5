/**
 * The page's side of the grader: one worker per language. The TF.js worker starts early, so
 * TF.js is loaded before the first press; the Keras worker starts only when a reader first picks
 * Keras, since it downloads Python. A run past the time limit is stopped: Python through the
 * shared interrupt buffer where the page is cross-origin isolated (Pyodide then stays loaded),
 * anything else by terminating the worker (an endless loop in JavaScript cannot be interrupted).
 */
import type { ExerciseId, GradeReport, Language } from '../../lib/grading/types';
import type { LoadProgress, StartRequest, WorkerMessage } from './grader.worker';

export const TIME_LIMIT_MS = 10_000;
/** How long an interrupted Python run gets to unwind before its worker is terminated after all. */
export const INTERRUPT_GRACE_MS = 2_000;

export type GradeOutcome = { kind: 'report'; report: GradeReport; ms: number; backend: string } | { kind: 'timeout' } | { kind: 'failed'; message: string };

/** A buffer Python polls for Ctrl-C, where shared memory is allowed. */
function interruptBuffer(): Int32Array | undefined {
  const shared = typeof SharedArrayBuffer === 'function' && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  return shared ? new Int32Array(new SharedArrayBuffer(4)) : undefined;
}

export class Grader {
  readonly language: Language;
  #worker: Worker | undefined;
  #ready: Promise<void> | undefined;
  #interrupt: Int32Array | undefined;
  #onProgress = new Set<(progress: LoadProgress) => void>();

  constructor(language: Language = 'tfjs') {
    this.language = language;
  }

  /** Calls `listener` with loading progress (Keras: bytes of Python downloaded, then setting up). */
  onProgress(listener: (progress: LoadProgress) => void): () => void {
    this.#onProgress.add(listener);
    return () => this.#onProgress.delete(listener);
  }

  #isReady = false;

  /** Whether the worker can take work now (for Keras: Python has loaded). */
  get ready(): boolean {
    return this.#isReady;
  }

  /** Starts the worker (if it is not running) and resolves once it can take work. */
  warm(): Promise<void> {
    if (this.#ready) return this.#ready;
    const worker = new Worker(new URL('./grader.worker.ts', import.meta.url), { type: 'module', name: `grader-${this.language}` });
    this.#worker = worker;
    this.#interrupt = this.language === 'keras' ? interruptBuffer() : undefined;
    const ready = new Promise<void>((resolve, reject) => {
      const onMessage = (event: MessageEvent<WorkerMessage>) => {
        const message = event.data;
        if (message.type === 'progress') for (const listener of this.#onProgress) listener(message.progress);
        if (message.type === 'failed') reject(new Error(message.message));
        if (message.type !== 'ready' && message.type !== 'failed') return;
        worker.removeEventListener('message', onMessage);
        if (message.type === 'ready') {
          this.#isReady = true;
          resolve();
        }
      };
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', (event) => reject(new Error(event.message || 'the grader could not start')), { once: true });
    });
    // A worker that failed to start is dropped, so the next press tries again.
    this.#ready = ready.catch((error: unknown) => {
      if (this.#worker === worker) this.#replace();
      throw error;
    });
    const start: StartRequest = { type: 'start', language: this.language, ...(this.#interrupt ? { interrupt: this.#interrupt } : {}) };
    worker.postMessage(start);
    return this.#ready;
  }

  #replace() {
    this.#isReady = false;
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#ready = undefined;
  }

  /** Grades `source`; a run past the time limit is stopped, and the worker replaced if it must be. */
  async grade(id: ExerciseId, source: string): Promise<GradeOutcome> {
    try {
      await this.warm();
    } catch (error) {
      return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
    const worker = this.#worker as Worker;
    const interrupt = this.#interrupt;
    return new Promise((resolve) => {
      let timer: ReturnType<typeof setTimeout>;
      const finish = (outcome: GradeOutcome) => {
        clearTimeout(timer);
        worker.removeEventListener('message', onMessage);
        resolve(outcome);
      };
      const terminate = () => {
        this.#replace();
        void this.warm().catch(() => undefined); // a fresh worker for the next press
        finish({ kind: 'timeout' });
      };
      const onMessage = (event: MessageEvent<WorkerMessage>) => {
        if (event.data.type !== 'report') return;
        const { report, ms, backend } = event.data;
        finish(report.error?.kind === 'timeout' ? { kind: 'timeout' } : { kind: 'report', report, ms, backend });
      };
      timer = setTimeout(() => {
        if (!interrupt) return terminate();
        Atomics.store(interrupt, 0, 2); // SIGINT: Python raises KeyboardInterrupt at its next check
        timer = setTimeout(terminate, INTERRUPT_GRACE_MS);
      }, TIME_LIMIT_MS);
      worker.addEventListener('message', onMessage);
      worker.postMessage({ type: 'grade', id, source });
    });
  }
}
