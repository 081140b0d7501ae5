/**
 * The page's side of a notebook kernel: one worker per page and language (kernel.worker.ts),
 * shared by every cell of that language, graded or not. Runs queue in order, as in Jupyter; a
 * run's output arrives as it happens and its execution count is the kernel's own `[n]`.
 *
 * Stop interrupts Python through a shared buffer where the page is cross-origin isolated (its
 * namespace survives, as after Ctrl-C), and stops TF.js at its next await (a `fit` between
 * batches). Where that cannot work — a loop that never yields, a page without shared memory —
 * the worker is terminated and a fresh one started: the kernel restarts and its names are gone,
 * and the run says so. Grading queues like a run and is stopped at the time limit.
 */
import type { Blocked } from '../../lib/grading/blocked';
import type { ExerciseId, Language } from '../../lib/grading/types';
import type { FromKernel, LoadProgress, ToKernel } from '../../lib/kernel/protocol';
import kernelUrl from './kernel.worker.ts?worker&url';
import { sharedBuffers, type GradeOutcome, type KernelState, type RunHandlers, type RunOutcome, type Shared } from './kernel-types';

export type { GradeOutcome, KernelState, RunHandlers, RunOutcome };
import { sandboxWorker } from '../exercise/sandbox-worker';

export const TIME_LIMIT_MS = 10_000;
/** How long an interrupted run gets to unwind before its worker is terminated after all. */
export const INTERRUPT_GRACE_MS = 2_000;

/** The run in the worker now, and how to end it. */
interface Current {
  run: number;
  handlers: RunHandlers;
  /** Ends the run as the worker's messages say, or as Stop or a restart decides. */
  end(outcome: FromKernel | { type: 'gone'; message: string }): void;
}

export class Kernel {
  readonly language: Language;
  #worker: Worker | undefined;
  #ready: Promise<void> | undefined;
  #shared: Shared | undefined;
  #isReady = false;
  #count = 0;
  /** Runs that take no [n] (grading, expected output) count down from -1, apart from the cells' runs. */
  #grades = 0;
  /** Bumped by Stop and Restart: queued runs of an earlier generation never start. */
  #generation = 0;
  #tail: Promise<unknown> = Promise.resolve();
  #queued = 0;
  #current: Current | undefined;
  #onProgress = new Set<(progress: LoadProgress) => void>();
  #onState = new Set<(state: KernelState) => void>();
  #state: KernelState = 'starting';

  constructor(language: Language = 'tfjs') {
    this.language = language;
  }

  /** Whether the worker can take work now (for Keras: Python has loaded). */
  get ready(): boolean {
    return this.#isReady;
  }

  get state(): KernelState {
    return this.#state;
  }

  onProgress(listener: (progress: LoadProgress) => void): () => void {
    this.#onProgress.add(listener);
    return () => this.#onProgress.delete(listener);
  }

  onState(listener: (state: KernelState) => void): () => void {
    this.#onState.add(listener);
    return () => this.#onState.delete(listener);
  }

  #setState(state: KernelState) {
    this.#state = state;
    for (const listener of this.#onState) listener(state);
  }

  #idle() {
    this.#setState(this.#current || this.#queued > 0 ? 'busy' : this.#isReady ? 'idle' : 'starting');
  }

  /** Starts the worker (if it is not running) and resolves once it can take work. */
  warm(): Promise<void> {
    if (this.#ready) return this.#ready;
    const worker = sandboxWorker(kernelUrl, `kernel-${this.language}`);
    this.#worker = worker;
    this.#shared = this.language === 'keras' ? sharedBuffers() : undefined;
    worker.addEventListener('message', (event: MessageEvent<FromKernel>) => this.#dispatch(event.data));
    const ready = new Promise<void>((resolve, reject) => {
      const onMessage = (event: MessageEvent<FromKernel>) => {
        const message = event.data;
        if (message.type === 'progress') for (const listener of this.#onProgress) listener(message.progress);
        if (message.type === 'failed') reject(new Error(message.message));
        if (message.type !== 'ready' && message.type !== 'failed') return;
        worker.removeEventListener('message', onMessage);
        if (message.type === 'ready') {
          this.#isReady = true;
          this.#idle();
          resolve();
        }
      };
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', (event) => reject(new Error(event.message || 'the kernel could not start')), { once: true });
    });
    // A worker that failed to start is dropped, so the next press tries again.
    this.#ready = ready.catch((error: unknown) => {
      if (this.#worker === worker) this.#replace();
      this.#setState('failed');
      throw error;
    });
    this.#setState('starting');
    this.#post({ type: 'start', language: this.language, ...this.#shared });
    return this.#ready;
  }

  #post(message: ToKernel) {
    this.#worker?.postMessage(message);
  }

  #dispatch(message: FromKernel) {
    const current = this.#current;
    if (message.type === 'blocked') return current?.handlers.blocked?.(message.blocked) ?? this.#lastBlocked?.(message.blocked);
    if (!current || !('run' in message) || message.run !== current.run) return;
    if (message.type === 'stream') current.handlers.stream?.(message.name, message.text);
    else if (message.type === 'display') current.handlers.display?.(message.data);
    else if (message.type === 'fit') current.handlers.fit?.(message.event);
    else current.end(message);
  }

  /** Who hears of blocked attempts that arrive after their run ended (an unawaited request). */
  #lastBlocked: ((blocked: Blocked) => void) | undefined;

  #replace() {
    this.#isReady = false;
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#ready = undefined;
  }

  /** Terminates the worker (ending its run as `message` says) and starts a fresh one. */
  #restartWorker(message: string) {
    const current = this.#current;
    this.#replace();
    this.#count = 0;
    current?.end({ type: 'gone', message });
    void this.warm().catch(() => undefined);
  }

  /** Queues `task` after every run before it; it is skipped when Stop or Restart came first. */
  #enqueue<T>(task: () => Promise<T>, cancelled: T): Promise<T> {
    const generation = this.#generation;
    this.#queued++;
    this.#idle();
    const result = this.#tail.then(async () => {
      this.#queued--;
      if (generation !== this.#generation) return cancelled;
      return task();
    });
    this.#tail = result.catch(() => undefined).finally(() => this.#idle());
    return result;
  }

  /** Runs `source` in the kernel's namespace, after the runs queued before it. */
  run(source: string, handlers: RunHandlers = {}): Promise<RunOutcome> {
    return this.#enqueue<RunOutcome>(() => this.#execute(source, handlers), { status: 'cancelled', count: 0 });
  }

  /**
   * What `source` prints after the course's solution of `reference` instead of the learner's code,
   * run in a scratch namespace (the kernel's own is left alone): the expected output beside a test
   * cell's. Queued like a run, it takes no [n] of its own.
   */
  expected(source: string, reference: ExerciseId, handlers: RunHandlers = {}): Promise<RunOutcome> {
    return this.#enqueue<RunOutcome>(() => this.#execute(source, handlers, reference), { status: 'cancelled', count: 0 });
  }

  async #execute(source: string, handlers: RunHandlers, reference?: ExerciseId): Promise<RunOutcome> {
    try {
      await this.warm();
    } catch (error) {
      return { status: 'failed', count: 0, message: error instanceof Error ? error.message : String(error) };
    }
    const run = reference ? -++this.#grades : ++this.#count;
    this.#lastBlocked = handlers.blocked;
    handlers.started?.(run);
    return new Promise<RunOutcome>((resolve) => {
      this.#current = {
        run,
        handlers,
        end: (message) => {
          this.#current = undefined;
          if (message.type === 'done') {
            const { status, ms, error, omitted } = message;
            resolve({ status, count: run, ms, ...(error ? { error } : {}), ...(omitted ? { omitted } : {}) });
          } else if (message.type === 'gone') resolve({ status: 'restarted', count: run, message: message.message });
          else resolve({ status: 'failed', count: run, message: `the kernel answered ${message.type}` });
        },
      };
      this.#setState('busy');
      if (this.#shared) Atomics.store(this.#shared.interrupt, 0, 0);
      this.#post({ type: 'run', run, source, ...(reference ? { reference } : {}) });
    });
  }

  /**
   * Stops the run in progress and drops the queued ones. Python is interrupted and TF.js asked to
   * stop at its next await; either is terminated if it has not stopped within the grace period.
   */
  stop(): void {
    this.#generation++;
    const current = this.#current;
    if (!current) return;
    const withoutMemory = this.language === 'keras' && !this.#shared;
    if (withoutMemory) {
      this.#restartWorker('Stopped by restarting the kernel: this page cannot interrupt Python in place, so the names defined before are gone.');
      return;
    }
    if (this.#shared) Atomics.store(this.#shared.interrupt, 0, 2);
    else this.#post({ type: 'stop', run: current.run });
    setTimeout(() => {
      if (this.#current === current)
        this.#restartWorker('Stopped by restarting the kernel: the code did not stop when asked, so the names defined before are gone.');
    }, INTERRUPT_GRACE_MS);
  }

  /** Forgets every name and tensor: a fresh namespace (the runtime stays loaded unless a run is stuck). */
  restart(): void {
    this.#generation++;
    if (this.#current) {
      this.#restartWorker('The kernel was restarted during this run.');
      return;
    }
    this.#count = 0;
    if (this.#ready) this.#post({ type: 'reset' });
  }

  /**
   * Grades `source` in a namespace of its own, queued like a run; a run past the time limit is
   * stopped, and the worker replaced if it must be. `onBlocked` hears of each attempt the code makes
   * to reach outside the worker, during the run or after it, until the next run starts.
   */
  grade(id: ExerciseId, source: string, onBlocked?: (blocked: Blocked) => void): Promise<GradeOutcome> {
    return this.#enqueue<GradeOutcome>(() => this.#grade(id, source, onBlocked), { kind: 'failed', message: 'the checks were stopped before they ran' });
  }

  async #grade(id: ExerciseId, source: string, onBlocked?: (blocked: Blocked) => void): Promise<GradeOutcome> {
    try {
      await this.warm();
    } catch (error) {
      return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
    this.#lastBlocked = onBlocked;
    const shared = this.#shared;
    const run = -++this.#grades;
    return new Promise((resolve) => {
      let timer: ReturnType<typeof setTimeout>;
      const current: Current = {
        run,
        handlers: onBlocked ? { blocked: onBlocked } : {},
        end: (message) => {
          clearTimeout(timer);
          this.#current = undefined;
          if (message.type === 'report') {
            const { report, ms, backend } = message;
            const { error } = report;
            resolve(
              error?.kind === 'timeout'
                ? { kind: 'timeout', ...(error.position ? { position: error.position } : {}) }
                : { kind: 'report', report, ms, backend },
            );
          } else if (message.type === 'gone') {
            // Python wrote the cell's line as it ran: a call that never let the interrupt raise was on it.
            const line = shared ? Atomics.load(shared.lines, 0) : 0;
            resolve(line > 0 ? { kind: 'timeout', position: { line } } : { kind: 'timeout' });
          } else resolve({ kind: 'failed', message: `the kernel answered ${message.type}` });
        },
      };
      this.#current = current;
      this.#setState('busy');
      const terminate = () => {
        const line = shared ? Atomics.load(shared.lines, 0) : 0;
        this.#replace();
        this.#count = 0;
        this.#current = undefined;
        this.#idle();
        void this.warm().catch(() => undefined); // a fresh worker for the next press
        clearTimeout(timer);
        resolve(line > 0 ? { kind: 'timeout', position: { line } } : { kind: 'timeout' });
      };
      timer = setTimeout(() => {
        if (!shared) return terminate();
        Atomics.store(shared.interrupt, 0, 2); // SIGINT: Python raises KeyboardInterrupt at its next check
        timer = setTimeout(terminate, INTERRUPT_GRACE_MS);
      }, TIME_LIMIT_MS);
      if (shared) Atomics.store(shared.interrupt, 0, 0);
      this.#post({ type: 'grade', run, id, source });
    });
  }
}
