import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { Grader, TIME_LIMIT_MS } from '../../src/components/exercise/grader-client';

/**
 * A stand-in for the grader's worker. It says it is ready, then either answers with a report or,
 * like a worker stuck in the learner's endless loop, never answers at all.
 */
class FakeWorker extends EventTarget {
  static made: FakeWorker[] = [];
  static answers = true;
  terminated = false;

  constructor() {
    super();
    FakeWorker.made.push(this);
    queueMicrotask(() => this.dispatchEvent(new MessageEvent('message', { data: { type: 'ready', backend: 'cpu' } })));
  }

  postMessage() {
    if (!FakeWorker.answers) return;
    const report = { checks: [], passed: true };
    queueMicrotask(() => this.dispatchEvent(new MessageEvent('message', { data: { type: 'report', report, ms: 1, backend: 'cpu' } })));
  }

  terminate() {
    this.terminated = true;
  }
}

beforeEach(() => {
  FakeWorker.made = [];
  vi.useFakeTimers();
  vi.stubGlobal('Worker', FakeWorker);
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
