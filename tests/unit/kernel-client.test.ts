import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { Kernel as Grader, INTERRUPT_GRACE_MS, TIME_LIMIT_MS } from '../../src/components/notebook/kernel-client';

/**
 * A stand-in for the grader's worker. It says it is ready, then either answers with a report or,
 * like a worker stuck in the learner's endless loop, never answers at all.
 */
class FakeWorker extends EventTarget {
  static made: FakeWorker[] = [];
  static answers = true;
  /** Whether a stuck run notices the interrupt buffer, as Python does between bytecodes. */
  static interruptible = true;
  terminated = false;
  interrupt: Int32Array | undefined;
  lines: Int32Array | undefined;
  url: string;

  constructor(url: string | URL) {
    super();
    this.url = String(url);
    FakeWorker.made.push(this);
    queueMicrotask(() => this.#send({ type: 'ready', backend: 'cpu' }));
  }

  #send(data: unknown) {
    this.dispatchEvent(new MessageEvent('message', { data }));
  }

  /** Plays the learner's code trying to reach outside: the worker reports it, as lock-down.ts does. */
  block(what: string, target: string) {
    this.#send({ type: 'blocked', blocked: { what, target } });
  }

  postMessage(message: { type: string; run?: number; interrupt?: Int32Array; lines?: Int32Array }) {
    if (message.type === 'start') {
      this.interrupt = message.interrupt;
      this.lines = message.lines;
      return;
    }
    const run = message.run;
    this.received.push(message.type);
    if (message.type === 'reset' || message.type === 'stop') {
      if (message.type === 'stop' && FakeWorker.stoppable && this.#hanging !== undefined) this.#finish(this.#hanging, 'stopped');
      return;
    }
    if (message.type === 'run') {
      if (FakeWorker.answers) this.#finish(run, 'ok');
      else this.#hanging = run;
      return;
    }
    // Python writes the cell's line as it runs (the runner's watch_lines): here, stuck on line 7.
    if (this.lines) Atomics.store(this.lines, 0, 7);
    if (FakeWorker.answers) {
      queueMicrotask(() => this.#send({ type: 'report', run, report: { checks: [], passed: true }, ms: 1, backend: 'cpu' }));
      return;
    }
    const interrupt = this.interrupt;
    if (!interrupt || !FakeWorker.interruptible) return;
    const poll = setInterval(() => {
      if (Atomics.load(interrupt, 0) !== 2) return;
      clearInterval(poll);
      this.#send({
        type: 'report',
        run,
        report: { checks: [], passed: false, error: { kind: 'timeout', message: 'KeyboardInterrupt' } },
        ms: 1,
        backend: 'cpu',
      });
    }, 100);
  }

  terminate() {
    this.terminated = true;
  }

  static stoppable = false;
  received: string[] = [];
  #hanging: number | undefined;

  /** Prints a line, then ends the run. */
  #finish(run: number | undefined, status: string) {
    queueMicrotask(() => {
      this.#send({ type: 'stream', run, name: 'stdout', text: `run ${run}\n` });
      this.#send({ type: 'done', run, status, ms: 1 });
    });
  }
}

beforeEach(() => {
  FakeWorker.made = [];
  vi.useFakeTimers();
  vi.stubGlobal('Worker', FakeWorker);
  vi.stubGlobal('location', new URL('http://localhost:4321/lessons/identity-block/'));
});

// A worker loaded from its own URL would take only its response's headers as its policy; one
// started from a blob: URL takes the page's <meta> policy, which every host can serve.
test("the kernel's worker starts from a blob: URL, so the page's Content-Security-Policy governs it", async () => {
  const grader = new Grader();
  await grader.warm();
  expect(FakeWorker.made[0]?.url).toMatch(/^blob:/);
});

test('blocked attempts reach the latest run, also when they arrive after its report', async () => {
  FakeWorker.answers = true;
  const grader = new Grader();
  const first: unknown[] = [];
  const second: unknown[] = [];
  await grader.grade('identity-block', '', (blocked) => first.push(blocked));
  FakeWorker.made[0]!.block('connect-src', 'http://127.0.0.1:9/late');
  await grader.grade('identity-block', '', (blocked) => second.push(blocked));
  FakeWorker.made[0]!.block('fetch', 'http://127.0.0.1:9/x');
  expect(first).toEqual([{ what: 'connect-src', target: 'http://127.0.0.1:9/late' }]);
  expect(second).toEqual([{ what: 'fetch', target: 'http://127.0.0.1:9/x' }]);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

// Learner code cannot be interrupted inside the thread it blocks, so an endless loop is stopped by
// terminating the worker: its memory (TF.js and every tensor the attempt made) goes with it.
test('an endless loop: the worker is terminated at the time limit and a fresh one started', async () => {
  FakeWorker.answers = false;
  const grader = new Grader();
  const outcome = grader.grade('identity-block', 'function identityBlock() { while (true) {} }');
  await vi.advanceTimersByTimeAsync(TIME_LIMIT_MS - 1);
  expect(FakeWorker.made[0]?.terminated).toBe(false);
  await vi.advanceTimersByTimeAsync(1);
  await expect(outcome).resolves.toEqual({ kind: 'timeout' });
  expect(FakeWorker.made.map((w) => w.terminated)).toEqual([true, false]);
});

test('a run that answers in time keeps its worker', async () => {
  FakeWorker.answers = true;
  const grader = new Grader();
  await expect(grader.grade('identity-block', '')).resolves.toMatchObject({ kind: 'report', report: { passed: true } });
  await vi.advanceTimersByTimeAsync(TIME_LIMIT_MS);
  expect(FakeWorker.made.map((w) => w.terminated)).toEqual([false]);
});

describe('Keras, where the page is cross-origin isolated', () => {
  beforeEach(() => {
    FakeWorker.answers = false;
    vi.stubGlobal('crossOriginIsolated', true);
  });

  // Python checks the shared buffer between bytecodes: the loop ends with KeyboardInterrupt, and
  // the worker, with Python loaded in it, lives on for the next run.
  test('an endless loop is interrupted at the time limit, and the worker kept', async () => {
    FakeWorker.interruptible = true;
    const grader = new Grader('keras');
    const outcome = grader.grade('identity-block', 'while True: pass');
    await vi.advanceTimersByTimeAsync(TIME_LIMIT_MS - 1);
    expect(Atomics.load(FakeWorker.made[0]!.interrupt!, 0)).toBe(0);
    await vi.advanceTimersByTimeAsync(1 + 100);
    await expect(outcome).resolves.toEqual({ kind: 'timeout' });
    expect(FakeWorker.made.map((w) => w.terminated)).toEqual([false]);
  });

  test('a run that ignores the interrupt (stuck outside Python) is terminated after the grace period', async () => {
    FakeWorker.interruptible = false;
    const grader = new Grader('keras');
    const outcome = grader.grade('identity-block', 'while True: pass');
    await vi.advanceTimersByTimeAsync(TIME_LIMIT_MS + INTERRUPT_GRACE_MS - 1);
    expect(FakeWorker.made[0]?.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    // The line Python was on, read from the shared buffer before the worker went.
    await expect(outcome).resolves.toEqual({ kind: 'timeout', position: { line: 7 } });
    expect(FakeWorker.made.map((w) => w.terminated)).toEqual([true, false]);
  });
});

test('Keras without cross-origin isolation has no shared buffer: an endless loop ends with the worker', async () => {
  FakeWorker.answers = false;
  const grader = new Grader('keras');
  const outcome = grader.grade('identity-block', 'while True: pass');
  await vi.advanceTimersByTimeAsync(TIME_LIMIT_MS);
  await expect(outcome).resolves.toEqual({ kind: 'timeout' });
  expect(FakeWorker.made[0]?.interrupt).toBeUndefined();
  expect(FakeWorker.made.map((w) => w.terminated)).toEqual([true, false]);
});

describe('runs, as in a notebook', () => {
  test('runs queue in order, stream their output, and take the counts 1, 2, …', async () => {
    FakeWorker.answers = true;
    const kernel = new Grader();
    const printed: string[] = [];
    const [first, second] = await Promise.all([
      kernel.run('a = 1', { stream: (_, text) => printed.push(text) }),
      kernel.run('a', { stream: (_, text) => printed.push(text) }),
    ]);
    expect([first.count, second.count]).toEqual([1, 2]);
    expect(printed).toEqual(['run 1\n', 'run 2\n']);
    expect(first.status).toBe('ok');
  });

  test('Restart when idle keeps the worker, clears the namespace, and counts from 1 again', async () => {
    FakeWorker.answers = true;
    const kernel = new Grader();
    await kernel.run('a = 1');
    kernel.restart();
    expect(FakeWorker.made[0]?.received).toContain('reset');
    await expect(kernel.run('a')).resolves.toMatchObject({ count: 1 });
    expect(FakeWorker.made.map((w) => w.terminated)).toEqual([false]);
  });

  test('Stop asks TF.js to stop at its next await, and the run ends stopped with the worker kept', async () => {
    FakeWorker.answers = false;
    FakeWorker.stoppable = true;
    const kernel = new Grader();
    const running = kernel.run('await model.fit(x, y)');
    await vi.advanceTimersByTimeAsync(1);
    kernel.stop();
    await expect(running).resolves.toMatchObject({ status: 'stopped', count: 1 });
    expect(FakeWorker.made.map((w) => w.terminated)).toEqual([false]);
  });

  test('Stop on a loop that never yields restarts the kernel after the grace period, and drops the queued runs', async () => {
    FakeWorker.answers = false;
    FakeWorker.stoppable = false;
    const kernel = new Grader();
    const stuck = kernel.run('while (true) {}');
    const queued = kernel.run('1 + 1');
    await vi.advanceTimersByTimeAsync(1);
    kernel.stop();
    await vi.advanceTimersByTimeAsync(INTERRUPT_GRACE_MS - 1);
    expect(FakeWorker.made[0]?.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(stuck).resolves.toMatchObject({ status: 'restarted' });
    await expect(queued).resolves.toEqual({ status: 'cancelled', count: 0 });
    expect(FakeWorker.made.map((w) => w.terminated)).toEqual([true, false]);
  });

  test('Keras without shared memory cannot interrupt Python: Stop restarts the kernel at once', async () => {
    FakeWorker.answers = false;
    const kernel = new Grader('keras');
    const stuck = kernel.run('while True: pass');
    await vi.advanceTimersByTimeAsync(1);
    kernel.stop();
    await expect(stuck).resolves.toMatchObject({ status: 'restarted', message: expect.stringMatching(/names defined before are gone/) });
  });
});
