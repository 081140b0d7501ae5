/**
 * The Keras notebook kernel: cells share one namespace in the order they run, and each run
 * streams what it prints, shows the value of its last expression, and reports errors as the
 * learner's own traceback ("Cell In[3], line 2"). Grading runs the same cell path in a fresh
 * namespace, so a graded cell grades the same with or without the notebook's extra lines.
 */
import * as tf from '@tensorflow/tfjs';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DisplayData, FitEvent } from '../../src/lib/kernel/protocol';
import { gradeKeras } from '../../src/lib/keras/grade';
import { loadKeras, type CellOutcome, type CellSink, type KerasRuntime } from '../../src/lib/keras/runtime';
import { PYTHON_SOLUTIONS } from '../../src/components/python/solutions';
import { PYTHON_SOURCES } from '../../src/components/python/sources';
import { INDEX_URL, LOAD_TIMEOUT, lineOf } from './keras-helpers';

const IDENTITY = PYTHON_SOLUTIONS['identity-block'];
const shared = new SharedArrayBuffer(8);
const interrupt = new Int32Array(shared, 0, 1);
const lines = new Int32Array(shared, 4, 1);

let keras: KerasRuntime;
beforeAll(async () => {
  keras = await loadKeras({ indexURL: INDEX_URL, sources: PYTHON_SOURCES, tf, interruptBuffer: interrupt, lineBuffer: lines });
}, LOAD_TIMEOUT);
afterAll(() => keras?.reset());

type Event = { type: 'stdout' | 'stderr'; text: string } | { type: 'display'; data: DisplayData } | { type: 'fit'; event: FitEvent };

/** A sink that keeps everything, merging consecutive text of one stream (chunking is not the point). */
function arraySink() {
  const events: Event[] = [];
  let calls = 0;
  const sink: CellSink = {
    stream(name, text) {
      calls++;
      const last = events.at(-1);
      if (last?.type === name) last.text += text;
      else events.push({ type: name, text });
    },
    display: (data) => void events.push({ type: 'display', data }),
    fit: (event) => void events.push({ type: 'fit', event }),
  };
  return { sink, events, streamCalls: () => calls };
}

let count = 0;
/** Runs `code` as the next cell: its outcome, its count [n], its events, its stdout and its displays. */
function run(code: string) {
  const { sink, events, streamCalls } = arraySink();
  const n = ++count;
  const outcome: CellOutcome = keras.run(code, n, sink);
  const stdout = events.flatMap((e) => (e.type === 'stdout' ? [e.text] : [])).join('');
  const displays = events.flatMap((e) => (e.type === 'display' ? [e.data] : []));
  return { outcome, n, events, stdout, displays, streamCalls };
}

test('names carry from one run to the next', () => {
  expect(run('x = 21').outcome).toMatchObject({ status: 'ok' });
  const { outcome, stdout } = run('print(x * 2)');
  expect(outcome.status).toBe('ok');
  expect(outcome.error).toBeUndefined();
  expect(stdout).toBe('42\n');
});

test('the function the graded cell defines is called in the next cell, which prints what it gives', () => {
  // The solution starts at its def line: the namespace already has the assignment's imports.
  expect(run(IDENTITY).outcome.status).toBe('ok');
  const { outcome, stdout } = run("X = Input((4, 4, 6))\nA = identity_block(X, 2, [2, 4, 6], stage=1, block='a')\nprint(A.shape, A.shape == X.shape)");
  expect(outcome.status).toBe('ok');
  expect(stdout).toBe('(None, 4, 4, 6) True\n');
});

describe('the value of the last expression', () => {
  test.each([
    ['an int', '1 + 2', '3'],
    ['a str, as repr writes it', "'ab' * 2", "'abab'"],
    ['a list', 'list(range(3))[::-1]', '[2, 1, 0]'],
    ['an expression after statements', 'y = 4\ny * 10', '40'],
    ['a call followed by a comment', 'len([1, 2])  # two', '2'],
    ['a KerasTensor', 'Input((4, 4, 6))', '<KerasTensor shape=(None, 4, 4, 6)>'],
  ])('%s is shown as text', (_label, code, text) => {
    const { outcome, displays } = run(code);
    expect(outcome.status).toBe('ok');
    expect(displays).toEqual([{ kind: 'text', text }]);
  });

  test.each([
    ['an assignment', 'x = 1'],
    ['None', 'None'],
    ['a call whose line ends with ;', 'def f():\n    return 5\nf();'],
    ['a call with ; and a comment', 'len([1]);  # quiet'],
    ['a function returning None', 'print("p")'],
  ])('%s shows nothing', (_label, code) => {
    const { outcome, displays } = run(code);
    expect(outcome.status).toBe('ok');
    expect(displays).toEqual([]);
  });

  test('a Model shows its summary', () => {
    const { outcome, displays } = run("X_in = Input((2, 2, 1))\nModel(X_in, Flatten(name='flat')(X_in), name='tiny')");
    expect(outcome.status).toBe('ok');
    expect(displays).toHaveLength(1);
    const [data] = displays;
    expect(data).toMatchObject({ kind: 'model', name: 'tiny' });
    expect(data?.kind === 'model' && data.lines).toContainEqual(expect.stringMatching(/^\s*flat \(Flatten\)\s+\(None, 4\)\s+0\s*$/));
  });

  test('an object with _course_display() shows what it returns (the course numpy’s arrays do)', () => {
    const code = `class A:\n    def _course_display(self):\n        return {'kind': 'tensor', 'shape': '(2,)', 'dtype': 'float32', 'text': 'array([1., 2.])'}\nA()`;
    expect(run(code).displays).toEqual([{ kind: 'tensor', shape: '(2,)', dtype: 'float32', text: 'array([1., 2.])' }]);
  });

  test('a long repr is cut at 10,000 characters, with the count of the rest', () => {
    const [data] = run("'x' * 20000").displays;
    // repr adds two quotes: 20,002 characters, of which 10,002 are left out.
    expect(data).toEqual({ kind: 'text', text: `'${'x'.repeat(9999)}… (10,002 more characters)` });
  });
});

test('prints and displays arrive in the order the cell made them', () => {
  const code =
    "print('a')\nimport _resnet_live_kernel as k\nk.display({'kind': 'text', 'text': 'mid'})\nprint('b', end='')\ndisplay(7)\nprint('c', file=__import__('sys').stderr)\n8";
  expect(run(code).events).toEqual([
    { type: 'stdout', text: 'a\n' },
    { type: 'display', data: { kind: 'text', text: 'mid' } },
    { type: 'stdout', text: 'b' },
    { type: 'display', data: { kind: 'text', text: '7' } },
    { type: 'stderr', text: 'c\n' },
    { type: 'display', data: { kind: 'text', text: '8' } },
  ]);
});

test('fit events from Python reach the sink, converted to plain objects', () => {
  const code = "import _resnet_live_kernel as k\nk.fit_event({'kind': 'begin', 'epochs': 2, 'batchesPerEpoch': 3, 'validation': False})";
  expect(run(code).events).toEqual([{ type: 'fit', event: { kind: 'begin', epochs: 2, batchesPerEpoch: 3, validation: false } }]);
});

describe('magics and shell commands', () => {
  test('are skipped with one note each, and line numbers stay the learner’s', () => {
    const { outcome, n, displays } = run('%matplotlib inline\n!pip install keras\nx = undefined_name\n');
    expect(displays).toEqual([
      { kind: 'note', text: 'Skipped %matplotlib inline: magics and shell commands do not run in this page.' },
      { kind: 'note', text: 'Skipped !pip install keras: magics and shell commands do not run in this page.' },
    ]);
    expect(outcome).toMatchObject({
      status: 'error',
      error: { kind: 'runtime', type: 'NameError', message: "name 'undefined_name' is not defined", position: { line: 3, column: 5 } },
    });
    expect(outcome.error?.traceback).toEqual([`Cell In[${n}], line 3`, '    x = undefined_name']);
  });

  test('an indented magic inside a function keeps the function valid', () => {
    const { outcome, displays } = run('def g():\n    %time 1\n    return 2\ng()');
    expect(outcome.status).toBe('ok');
    expect(displays.at(-1)).toEqual({ kind: 'text', text: '2' });
  });
});

describe('errors, as the learner’s own traceback', () => {
  test('a syntax error has the line, column and Python’s caret', () => {
    const { outcome, n } = run('x = 1\ny = foo(1,\n');
    expect(outcome).toMatchObject({
      status: 'error',
      error: { kind: 'syntax', type: 'SyntaxError', message: "'(' was never closed", position: { line: 2, column: 8 } },
    });
    expect(outcome.error?.traceback).toEqual([`Cell In[${n}], line 2`, '    y = foo(1,', '           ^']);
  });

  test('a runtime error lists the frames of every cell it passed through, outermost first', () => {
    const first = run('def helper(v):\n    return v / 0\n');
    const { outcome, n } = run('x = 1\nhelper(x)\n');
    expect(outcome).toMatchObject({
      status: 'error',
      error: { kind: 'runtime', type: 'ZeroDivisionError', message: 'division by zero', position: { line: 2, column: 1 } },
    });
    expect(outcome.error?.traceback).toEqual([`Cell In[${n}], line 2`, '    helper(x)', `Cell In[${first.n}], line 2, in helper`, '    return v / 0']);
  });

  test('Python’s suggestions are kept', () => {
    const { outcome } = run('X_shortcut = 1\nX_shortcat');
    expect(outcome.error).toMatchObject({ type: 'NameError', message: "name 'X_shortcat' is not defined. Did you mean: 'X_shortcut'?", position: { line: 2 } });
  });

  test('the cell’s running line is written to the line buffer', () => {
    expect(run('a = 1\nb = 2\nc = 3\n').outcome.status).toBe('ok');
    expect(Atomics.load(lines, 0)).toBe(3);
  });

  test('Stop (the interrupt buffer) during an endless loop gives status stopped, at its line', async () => {
    // Another thread plays the page: it sets the buffer again and again, as run() clears it when it starts.
    const page = new Worker(`const { workerData } = require('node:worker_threads'); setInterval(() => Atomics.store(workerData, 0, 2), 200);`, {
      eval: true,
      workerData: interrupt,
    });
    let stopped: ReturnType<typeof run>;
    const started = performance.now();
    try {
      stopped = run('n = 0\nwhile True:\n    n += 1\n');
    } finally {
      await page.terminate();
    }
    // The page's budget is 10 s; on a shared two-core machine the bound has room (a loop that
    // never sees the interrupt never returns, and the test timeout fails it).
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(stopped.outcome).toMatchObject({ status: 'stopped', error: { kind: 'interrupted', type: 'KeyboardInterrupt' } });
    expect([2, 3]).toContain(stopped.outcome.error?.position?.line);
    expect(stopped.outcome.error?.traceback[0]).toMatch(new RegExp(`^Cell In\\[${stopped.n}\\], line [23]$`));
    // The kernel goes on, with what the loop did.
    expect(run('print(n > 0)').stdout).toBe('True\n');
  });
});

test('Restart forgets the cells’ names, keeps the imports, and frees the tensors they made', () => {
  keras.reset();
  const before = tf.memory().numTensors;
  expect(run('kept = 5\nX_in = Input((4, 4, 3))\nm = Model(X_in, Conv2D(2, (3, 3))(X_in))').outcome.status).toBe('ok');
  // The Conv2D's kernel and bias.
  expect(tf.memory().numTensors).toBe(before + 2);
  keras.reset();
  expect(tf.memory().numTensors).toBe(before);
  expect(run('kept').outcome.error).toMatchObject({ type: 'NameError', message: "name 'kept' is not defined" });
  expect(run('Conv2D.__name__').displays).toEqual([{ kind: 'text', text: "'Conv2D'" }]);
});

test('a flood of 200,000 printed lines completes and reaches the sink whole, in a few large chunks', () => {
  const started = performance.now();
  const { outcome, stdout, streamCalls } = run('for i in range(200000):\n    print(i)\n');
  expect(outcome.status).toBe('ok');
  // Each number and its newline: 10 + 90·2 + 900·3 + 9,000·4 + 90,000·5 + 100,000·6 digits, + 200,000.
  expect(stdout.length).toBe(1_288_890);
  expect(stdout.endsWith('199998\n199999\n')).toBe(true);
  expect(streamCalls()).toBeLessThan(1000);
  expect(performance.now() - started).toBeLessThan(10_000);
});

test('a slow loop’s prints come out while it runs, not only at its end', () => {
  const times: number[] = [];
  let text = '';
  const started = performance.now();
  const sink: CellSink = {
    stream: (_name, chunk) => void (times.push(performance.now() - started), (text += chunk)),
    display: () => undefined,
    fit: () => undefined,
  };
  const outcome = keras.run('import time\nfor i in range(4):\n    print(i)\n    time.sleep(0.15)\n', ++count, sink);
  const ended = performance.now() - started;
  expect(outcome.status).toBe('ok');
  expect(text).toBe('0\n1\n2\n3\n');
  expect(times.length).toBeGreaterThanOrEqual(2);
  expect(times[0]).toBeLessThan(ended - 100);
});

describe('grading is a step after the same run path', () => {
  test('build still grades the solution, and skips a magic line without moving line numbers', () => {
    expect(gradeKeras('identity-block', keras, IDENTITY).passed).toBe(true);
    expect(gradeKeras('identity-block', keras, `%matplotlib inline\n${IDENTITY}`).passed).toBe(true);
    const broken = `%matplotlib inline\n${IDENTITY.replace('Add()([X, X_shortcut])', 'Add()([X, X_shortcat])')}`;
    const result = keras.build(broken, { exercise: 'identity-block', input: [4, 4, 6], f: 2, filters: [2, 4, 6], stage: 1, block: 'a' });
    result.dispose();
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toEqual({
      kind: 'runtime',
      type: 'NameError',
      message: "name 'X_shortcat' is not defined. Did you mean: 'X_shortcut'?",
      position: { line: lineOf(broken, 'X_shortcat'), column: 19 },
    });
  });

  test('a cell’s displays go nowhere while grading, and do not break it', () => {
    const code = `import _resnet_live_kernel as k\nk.display({'kind': 'text', 'text': 'x'})\ndisplay(1)\n${IDENTITY}`;
    expect(gradeKeras('identity-block', keras, code).passed).toBe(true);
  });

  const hasNumpy = Object.keys(PYTHON_SOURCES).some((path) => path.startsWith('numpy/'));
  test.runIf(hasNumpy)('a graded cell that starts with import numpy as np grades as it does without', () => {
    expect(gradeKeras('identity-block', keras, `import numpy as np\n${IDENTITY}`)).toEqual(gradeKeras('identity-block', keras, IDENTITY));
  });
});
