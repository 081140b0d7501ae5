/**
 * The page's side of the grader: one worker per language. The TF.js worker starts early, so
 * TF.js is loaded before the first press; the Keras worker starts only when a reader first picks
 * Keras, since it downloads Python. A run past the time limit is stopped: Python through the
 * shared interrupt buffer where the page is cross-origin isolated (Pyodide then stays loaded),
 * anything else by terminating the worker (an endless loop in JavaScript cannot be interrupted).
 */
import type { Blocked } from '../../lib/grading/blocked';
import type { CodePosition, ExerciseId, GradeReport, Language } from '../../lib/grading/types';
import type { LoadProgress, StartRequest, WorkerMessage } from './grader.worker';
import graderUrl from './grader.worker.ts?worker&url';
import { sandboxWorker } from './sandbox-worker';

export const TIME_LIMIT_MS = 10_000;
/** How long an interrupted Python run gets to unwind before its worker is terminated after all. */
export const INTERRUPT_GRACE_MS = 2_000;

export type GradeOutcome =
  | { kind: 'report'; report: GradeReport; ms: number; backend: string }
  /** Stopped at the time limit; `position` is the cell's line it was on, where known. */
  | { kind: 'timeout'; position?: CodePosition }
  | { kind: 'failed'; message: string };

/** Memory shared with a Python worker: the buffer Python polls for Ctrl-C, and the one it writes its cell line to. */
interface Shared {
  interrupt: Int32Array;
  lines: Int32Array;
}

/** Shared memory for a Python worker, where the page is allowed it (cross-origin isolated). */
function sharedBuffers(): Shared | undefined {
  const shared = typeof SharedArrayBuffer === 'function' && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  if (!shared) return undefined;
  const buffer = new SharedArrayBuffer(8);
  return { interrupt: new Int32Array(buffer, 0, 1), lines: new Int32Array(buffer, 4, 1) };
}

export class Grader {
  readonly language: Language;
  #worker: Worker | undefined;
  #ready: Promise<void> | undefined;
  #shared: Shared | undefined;
  #onProgress = new Set<(progress: LoadProgress) => void>();
  /** Who hears of the latest run's blocked attempts: a refusal may arrive after its report. */
  #onBlocked: ((blocked: Blocked) => void) | undefined;

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
    const worker = sandboxWorker(graderUrl, `grader-${this.language}`);
    this.#worker = worker;
    this.#shared = this.language === 'keras' ? sharedBuffers() : undefined;
    worker.addEventListener('message', (event: MessageEvent<WorkerMessage>) => {
      if (event.data.type === 'blocked') this.#onBlocked?.(event.data.blocked);
    });
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
    const start: StartRequest = { type: 'start', language: this.language, ...this.#shared };
    worker.postMessage(start);
    return this.#ready;
  }

  #replace() {
    this.#isReady = false;
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#ready = undefined;
  }

  /**
   * Grades `source`; a run past the time limit is stopped, and the worker replaced if it must be.
   * `onBlocked` hears of each attempt the code makes to reach outside the worker, during the run
   * or after it (an unawaited request), until the next run starts.
   */
  async grade(id: ExerciseId, source: string, onBlocked?: (blocked: Blocked) => void): Promise<GradeOutcome> {
    this.#onBlocked = onBlocked;
    try {
      await this.warm();
    } catch (error) {
      return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
    const worker = this.#worker as Worker;
    const shared = this.#shared;
    return new Promise((resolve) => {
      let timer: ReturnType<typeof setTimeout>;
      const finish = (outcome: GradeOutcome) => {
        clearTimeout(timer);
        worker.removeEventListener('message', onMessage);
        resolve(outcome);
      };
      const terminate = () => {
        // Python wrote the cell's line as it ran: a call that never let the interrupt raise was on it.
        const line = shared ? Atomics.load(shared.lines, 0) : 0;
        this.#replace();
        void this.warm().catch(() => undefined); // a fresh worker for the next press
        finish(line > 0 ? { kind: 'timeout', position: { line } } : { kind: 'timeout' });
      };
      const onMessage = (event: MessageEvent<WorkerMessage>) => {
        if (event.data.type !== 'report') return;
        const { report, ms, backend } = event.data;
        const { error } = report;
        finish(
          error?.kind === 'timeout' ? { kind: 'timeout', ...(error.position ? { position: error.position } : {}) } : { kind: 'report', report, ms, backend },
        );
      };
      timer = setTimeout(() => {
        if (!shared) return terminate();
        Atomics.store(shared.interrupt, 0, 2); // SIGINT: Python raises KeyboardInterrupt at its next check
        timer = setTimeout(terminate, INTERRUPT_GRACE_MS);
      }, TIME_LIMIT_MS);
      worker.addEventListener('message', onMessage);
      worker.postMessage({ type: 'grade', id, source });
    });
  }
}
