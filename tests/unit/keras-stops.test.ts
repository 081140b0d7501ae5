/**
 * Python that runs too long or reaches out of its worker: the page stops a run through the
 * shared interrupt buffer, or terminates the worker and reads the cell's line from a second
 * shared buffer; Pyodide's HTTP helpers refuse with a message once the network is closed.
 */
import * as tf from '@tensorflow/tfjs';
import { Worker } from 'node:worker_threads';
import { beforeAll, expect, test } from 'vitest';
import { loadKeras, type KerasError, type KerasRuntime } from '../../src/lib/keras/runtime';
import { PYTHON_SOURCES } from '../../src/components/python/sources';
import { PYTHON_SOLUTIONS } from '../../src/components/python/solutions';
import { callFor, INDEX_URL, LOAD_TIMEOUT } from './keras-helpers';

const IDENTITY = PYTHON_SOLUTIONS['identity-block'];
const shared = new SharedArrayBuffer(8);
const interrupt = new Int32Array(shared, 0, 1);
const lines = new Int32Array(shared, 4, 1);

let keras: KerasRuntime;
beforeAll(async () => {
  keras = await loadKeras({ indexURL: INDEX_URL, sources: PYTHON_SOURCES, tf, interruptBuffer: interrupt, lineBuffer: lines });
}, LOAD_TIMEOUT);

/** Builds `code` as the identity-block exercise and returns its error; frees the rest. */
function errorOf(code: string): KerasError {
  const result = keras.build(code, callFor('identity-block'));
  result.dispose();
  if (result.ok) throw new Error('the build succeeded');
  return result.error;
}

test('an endless loop is stopped through the interrupt buffer, as a timeout', async () => {
  // Another thread plays the page: it sets the buffer while Python spins on this one. It sets
  // it again and again, as build() clears the buffer when it starts, which on a busy machine
  // may come after the first store.
  const page = new Worker(`const { workerData } = require('node:worker_threads'); setInterval(() => Atomics.store(workerData, 0, 2), 200);`, {
    eval: true,
    workerData: interrupt,
  });
  try {
    const started = performance.now();
    const error = errorOf('def identity_block(X, f, filters, stage, block):\n    while True:\n        pass\n');
    expect(error).toMatchObject({ kind: 'timeout', type: 'KeyboardInterrupt', position: { line: expect.any(Number) } });
    expect([2, 3]).toContain(error.position?.line);
    // The page's budget is 10 s; here two workers share two cores with other runs, so the bound
    // has room (a loop that never sees the interrupt never returns, and the test timeout fails it).
    expect(performance.now() - started).toBeLessThan(30_000);
  } finally {
    await page.terminate();
  }
  // The runtime is usable afterwards.
  const again = keras.build(IDENTITY, callFor('identity-block'));
  again.dispose();
  expect(again.ok).toBe(true);
});

// A single long call (time.sleep, sum over a huge range) never lets the interrupt raise, so the
// page terminates the worker; what it can still tell is the cell's line Python last started.
test('the cell line being run is in the shared line buffer while a long call runs', async () => {
  const code = `import time\nx = 1\ntime.sleep(3)\ny = 2\n${IDENTITY}`;
  // Once the cell has started (a line is written), the page looks five times, from 0.2 s on.
  const page = new Worker(
    `const { workerData, parentPort } = require('node:worker_threads');
     const seen = [];
     const look = () => { seen.push(Atomics.load(workerData, 0)); if (seen.length === 5) parentPort.postMessage(seen); else setTimeout(look, 100); };
     const wait = setInterval(() => { if (Atomics.load(workerData, 0) !== 0) { clearInterval(wait); setTimeout(look, 200); } }, 10);`,
    { eval: true, workerData: lines },
  );
  const seen = new Promise<number[]>((resolve) => page.once('message', resolve));
  try {
    const result = keras.build(code, callFor('identity-block'));
    result.dispose();
    expect(result.ok).toBe(true);
    // Every look fell in the 3 s sleep on line 3, and found line 3.
    expect(new Set(await seen)).toEqual(new Set([3]));
  } finally {
    await page.terminate();
  }
});

test("Pyodide's HTTP helpers refuse at once, with a message, once the network is closed", () => {
  keras.closeNetwork();
  for (const call of ["pyodide.http.open_url('http://127.0.0.1:9/x')", "pyodide.http.pyfetch('http://127.0.0.1:9/x')"]) {
    const code = IDENTITY.replace(
      'def identity_block(X, f, filters, stage, block):',
      `import pyodide.http\ndef identity_block(X, f, filters, stage, block):\n    ${call}`,
    );
    expect(errorOf(code)).toMatchObject({
      kind: 'runtime',
      type: 'PermissionError',
      message: expect.stringContaining('is turned off in code cells: code here reaches nothing outside this site'),
      position: { line: 3 },
    });
  }
});
