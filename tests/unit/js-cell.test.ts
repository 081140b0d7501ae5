import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { JsNamespace, runJsCell, type CellResult } from '../../src/lib/kernel/js-cell';

type Printed = [stream: 'stdout' | 'stderr', text: string];

/** Runs `cells` in order in one fresh namespace, as [1], [2], …; returns each result and what was printed. */
async function runCells(cells: string[], namespace = new JsNamespace(tf), options: { signal?: AbortSignal } = {}) {
  const printed: Printed[] = [];
  const results: CellResult[] = [];
  for (const [i, source] of cells.entries()) {
    results.push(await runJsCell(source, { namespace, scope: { tf }, console: (s, t) => printed.push([s, t]), run: i + 1, ...options }));
  }
  return { results, printed, namespace, last: results.at(-1)! };
}

const valueOf = (result: CellResult): unknown => {
  if (!result.ok) throw new Error(`the cell failed: ${result.error.type}: ${result.error.message}`);
  return result.value;
};

describe('names carry from cell to cell, as in a notebook', () => {
  test.each<[string, string[], unknown]>([
    ['const', ['const x = 2', 'x * 3'], 6],
    ['let, reassigned in a later cell', ['let y = 1', 'y = y + 1', 'y'], 2],
    ['var', ['var v = 5', 'v'], 5],
    ['function', ['function double(n) { return 2 * n }', 'double(21)'], 42],
    ['a function keeps its name', ['function double(n) { return 2 * n }', 'double.name'], 'double'],
    ['class', ['class Box { constructor(v) { this.v = v } }', 'new Box(7).v'], 7],
    ['object destructuring', ['const { a, b: [c, ...rest], d = 4 } = { a: 1, b: [2, 3, 5] }', '[a, c, rest, d]'], [1, 2, [3, 5], 4]],
    ['array destructuring with a hole and a default', ['let [p, , q = 9] = [1, 2]', '[p, q]'], [1, 9]],
    ['a const declared again', ['const k = 1', 'const k = 2', 'k'], 2],
    ['a function called above its declaration', ['const r = later()\nfunction later() { return 3 }', 'r'], 3],
    ['an assignment without a declaration', ['w = 8', 'w'], 8],
    ['two declarators in one statement', ['const m = 2, n = m + 1', 'm * n'], 6],
    ['a declaration without a semicolon before a parenthesis', ['let u\n(() => 5)()', 'u'], undefined],
    [
      'a later cell redefining a function an earlier one calls',
      ['function g() { return 1 }\nfunction h() { return g() }', 'function g() { return 2 }', 'h()'],
      2,
    ],
    ['TypeScript types, stripped', ['const n: number = 3\ninterface P { a: number }\nfunction sq(x: number): number { return x * x }', 'sq(n) as number'], 9],
    ['the kernel scope, shadowed when a cell declares the name', ['typeof tf.tensor', 'const tf = 1', 'tf'], 1],
  ])('%s', async (_, cells, expected) => {
    const { results, last } = await runCells(cells);
    for (const r of results) expect(r.ok).toBe(true);
    expect(valueOf(last)).toEqual(expected);
  });

  test('a cell run twice redeclares its const, and an assignment stays off globalThis', async () => {
    const { results, namespace } = await runCells(['const once = 1\nstray = 2\nonce', 'const once = 1\nstray = 2\nonce']);
    expect(results.map(valueOf)).toEqual([1, 1]);
    expect(namespace.names()).toEqual(['once', 'stray']);
    expect('stray' in globalThis).toBe(false);
  });

  test('a name declared in a worker global (name) belongs to the namespace', async () => {
    const before = (globalThis as { name?: unknown }).name;
    const { last, namespace } = await runCells(['const name = "mine"', 'name']);
    expect(valueOf(last)).toBe('mine');
    expect(namespace.get('name')).toBe('mine');
    expect((globalThis as { name?: unknown }).name).toBe(before);
  });
});

describe("the cell's value is its last expression's", () => {
  test.each<[string, string, boolean, unknown?]>([
    ['an expression', '1 + 2', true, 3],
    ['an expression with a semicolon', '1 + 2;', true, 3],
    ['after declarations', 'let a = 1; a', true, 1],
    ['an object literal in parentheses', '({ a: 1 })', true, { a: 1 }],
    ['undefined itself', 'undefined', true, undefined],
    ['before a trailing comment', 'x = 5\n// the end', true, 5],
    ['a declaration', 'const z = 1', false],
    ['an if', 'if (true) { 4 }', false],
    ['a function declaration', 'function f() {}', false],
    ['a comment only', '// nothing', false],
    ['an empty cell', '', false],
  ])('%s', async (_, source, has, value) => {
    const { last } = await runCells([source]);
    expect(last.ok).toBe(true);
    expect(last.ok && 'value' in last).toBe(has);
    if (has) expect(valueOf(last)).toEqual(value);
  });

  test('top-level await, a timer and a model.fit', async () => {
    const start = tf.memory().numTensors;
    const { last, namespace } = await runCells([
      'const v = await Promise.resolve(4)\nawait new Promise((r) => setTimeout(r, 1))',
      [
        'const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] })',
        "model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' })",
        'const xs = tf.ones([4, 2]), ys = tf.zeros([4, 1])',
        // The semicolon matters: without it, the array below would index fit's result.
        'const history = await model.fit(xs, ys, { epochs: 2, batchSize: 2, verbose: 0 });',
        '[v * 2, history.history.loss.length]',
      ].join('\n'),
    ]);
    expect(valueOf(last)).toEqual([8, 2]);
    namespace.reset();
    expect(tf.memory().numTensors).toBe(start);
  });
});

describe('what a cell prints goes to its console', () => {
  test.each<[string, string, Printed[]]>([
    ['console.log, values inspected', 'console.log("a", 1, [1, 2], { b: "c" })', [['stdout', "a 1 [ 1, 2 ] { b: 'c' }\n"]]],
    ['console.error', 'console.error("bad")', [['stderr', 'bad\n']]],
    ['console.warn', 'console.warn("careful")', [['stderr', 'careful\n']]],
    ['substitutions', 'console.info("%s is %d%%", "x", 4.7)', [['stdout', 'x is 4%\n']]],
    ["a tensor's print, through the global console", 'tf.tidy(() => tf.tensor([1, 2]).print())', [['stdout', 'Tensor\n    [1, 2]\n']]],
    ['a logged tensor', 'tf.tidy(() => console.log(tf.tensor([1, 2], [2], "int32")))', [['stdout', 'Tensor (2,) int32\n[1, 2]\n']]],
  ])('%s', async (_, source, expected) => {
    const base = globalThis.console;
    const { printed, last } = await runCells([source]);
    expect(last.ok).toBe(true);
    expect(printed).toEqual(expected);
    expect(globalThis.console).toBe(base);
  });

  test('a function from an earlier cell prints into the cell that calls it', async () => {
    const namespace = new JsNamespace(tf);
    await runJsCell('function hello() { console.log("hello") }', { namespace, console: () => undefined });
    const printed: Printed[] = [];
    await runJsCell('hello()', { namespace, console: (s, t) => printed.push([s, t]) });
    expect(printed).toEqual([['stdout', 'hello\n']]);
  });
});

describe("a runtime error is the learner's traceback", () => {
  const f = 'function f(n) {\n  if (n > 2) throw new RangeError(`too big: ${n}`)\n  return n\n}';
  test.each<[string, string[], string, string, string[], { line: number; column: number }]>([
    [
      'thrown in a function of this cell',
      [],
      `${f}\nconst ok = f(1)\nf(5)`,
      'RangeError: too big: 5',
      ['line 6, in <cell>', '    f(5)', 'line 2, in f', '    if (n > 2) throw new RangeError(`too big: ${n}`)'],
      { line: 2, column: 20 },
    ],
    [
      'thrown in a function of an earlier cell',
      [f],
      'const y = 1\ny + f(7)',
      'RangeError: too big: 7',
      ['line 2, in <cell>', '    y + f(7)', 'line 2, in f (cell [1])', '    if (n > 2) throw new RangeError(`too big: ${n}`)'],
      { line: 2, column: 5 },
    ],
    [
      'through a function of this cell into an earlier one, after an await',
      [f],
      'async function g() {\n  await null\n  return f(9)\n}\nawait g()',
      'RangeError: too big: 9',
      [
        'line 5, in <cell>',
        '    await g()',
        'line 3, in g',
        '    return f(9)',
        'line 2, in f (cell [1])',
        '    if (n > 2) throw new RangeError(`too big: ${n}`)',
      ],
      { line: 3, column: 10 },
    ],
    [
      'a name nobody defined',
      [],
      '\nundefinedName + 1',
      'ReferenceError: undefinedName is not defined',
      ['line 2, in <cell>', '    undefinedName + 1'],
      { line: 2, column: 1 },
    ],
    [
      'a name read above its declaration',
      [],
      'const a = 1 + b\nconst b = 2',
      "ReferenceError: Cannot access 'b' before initialization",
      ['line 1, in <cell>', '    const a = 1 + b'],
      { line: 1, column: 15 },
    ],
    [
      'after an await',
      [],
      'await null\nconst o = null\no.x',
      "TypeError: Cannot read properties of null (reading 'x')",
      ['line 3, in <cell>', '    o.x'],
      { line: 3, column: 3 },
    ],
    [
      "in TF.js, called from the cell: only the cell's frames",
      [],
      'const t = tf.tensor([1, 2])\ntry {\n  t.reshape([3])\n} finally {\n  t.dispose()\n}',
      'Error: Size(2) must match the product of shape 3',
      ['line 3, in <cell>', '    t.reshape([3])'],
      { line: 3, column: 5 },
    ],
    ['a thrown string', [], "throw 'oops'", "Error: 'oops' was thrown", [], undefined as never],
  ])('%s', async (_, earlier, failing, message, traceback, position) => {
    const { last, results } = await runCells([...earlier, failing]);
    for (const r of results.slice(0, -1)) expect(r.ok).toBe(true);
    expect(last.ok).toBe(false);
    if (last.ok) return;
    expect(`${last.error.type}: ${last.error.message}`).toBe(message);
    expect(last.error.kind).toBe('runtime');
    expect(last.error.traceback).toEqual(traceback);
    expect(last.error.position).toEqual(position);
  });

  test('a frame in a cell run without a number says it is another cell', async () => {
    const namespace = new JsNamespace(tf);
    await runJsCell('function boom() {\n  throw new Error("x")\n}', { namespace });
    const result = await runJsCell('boom()', { namespace, run: 4 });
    expect(result.ok || result.error.traceback).toEqual(['line 1, in <cell>', '    boom()', 'line 2, in boom (another cell)', '    throw new Error("x")']);
  });

  test('names assigned before the error stay; Stop turns the error into an interruption', async () => {
    const controller = new AbortController();
    controller.abort();
    const { last, namespace } = await runCells(['const before = 1\nthrow new Error("stopped")\nconst after = 2'], undefined, { signal: controller.signal });
    expect(last.ok || [last.error.kind, last.error.message]).toEqual(['interrupted', 'stopped']);
    expect(namespace.names()).toEqual(['before']);
  });
});

describe('a syntax error points at its line', () => {
  test.each<[string, string, RegExp, { line: number; column?: number }, string[]]>([
    ['an unexpected token', 'let y =\n  1 +* 2', /^Unexpected token$/, { line: 2, column: 6 }, ['line 2', '    1 +* 2']],
    ['a TypeScript error', 'const ok = 1\nconst q: number = ;', /Unexpected token/, { line: 2, column: 19 }, ['line 2', '    const q: number = ;']],
    [
      'an import',
      "const a = 1\nimport * as tf from '@tensorflow/tfjs'\ntf.tensor([1])",
      /^Remove import and export lines: tf is already in scope, and the names a cell defines are there for the cells run after it\.$/,
      { line: 2 },
      ['line 2', "    import * as tf from '@tensorflow/tfjs'"],
    ],
    [
      'an unused import',
      "import * as tf from '@tensorflow/tfjs'",
      /^Remove import and export lines/,
      { line: 1 },
      ['line 1', "    import * as tf from '@tensorflow/tfjs'"],
    ],
    ['a return outside a function', 'const a = 1\nreturn a', /^'return' outside of function$/, { line: 2, column: 1 }, ['line 2', '    return a']],
    ['an export', 'export const a = 1', /^Remove import and export lines/, { line: 1 }, ['line 1', '    export const a = 1']],
  ])('%s', async (_, source, message, position, traceback) => {
    const { last, namespace } = await runCells(['const kept = 1', source]);
    expect(last.ok).toBe(false);
    if (last.ok) return;
    expect(last.error.kind).toBe('syntax');
    expect(last.error.type).toBe('SyntaxError');
    expect(last.error.message).toMatch(message);
    expect(last.error.position).toEqual(position);
    expect(last.error.traceback).toEqual(traceback);
    // Nothing of the cell ran.
    expect(namespace.names()).toEqual(['kept']);
  });
});

test('reset forgets every name and disposes the tensors and models they held', async () => {
  const start = tf.memory().numTensors;
  const { results, namespace } = await runCells([
    'const a = tf.ones([2, 2])\nconst pair = { xs: tf.zeros([3]), ys: [tf.ones([1])] }',
    'const m = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3] })] })\nconst gone = tf.scalar(1)\ngone.dispose()',
  ]);
  expect(results.every((r) => r.ok)).toBe(true);
  expect(tf.memory().numTensors).toBe(start + 5); // a, xs, ys[0], and the dense layer's kernel and bias
  expect(namespace.reset()).toBe(4); // a, xs, ys[0], m; `gone` was disposed already
  expect(tf.memory().numTensors).toBe(start);
  expect(namespace.names()).toEqual([]);
  const after = await runJsCell('a', { namespace });
  expect(after.ok || after.error.message).toBe('a is not defined');
});
