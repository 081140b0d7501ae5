/**
 * Runs a TF.js notebook cell in the kernel's namespace, as a notebook runs a cell: names a cell
 * declares at its top level are there for the cells run after it, running a cell again redeclares
 * them, and the value of its last expression is what the cell shows.
 *
 * How: the cell's types are stripped (sucrase, lines kept), acorn parses it, and its top-level
 * declarations are rewritten in place into assignments (js-rewrite.ts), so nothing is declared
 * twice. The body runs in an AsyncFunction (top-level `await` works) inside `with (names)`, a
 * Proxy over the namespace: a name resolves to the namespace, then the kernel's scope (`tf`, …),
 * then the worker's globals. An undeclared `x = 1` stays in the kernel (Restart forgets it) rather
 * than leaking onto `globalThis`; the price is that `typeof undeclaredName` throws. `with` makes
 * the code sloppy-mode JavaScript, which a notebook's script barely notices. Each cell's code is
 * named `js-cell-N` by a `sourceURL`, which is how a stack frame says which cell it ran in.
 */
import { stripTypes } from '../grading/compile';
import type { CodePosition } from '../grading/types';
import { formatLog, inspect, type Tf } from './display';
import { rewrite, RUNNER } from './js-rewrite';
import type { CellError } from './protocol';

/** Where a cell's printed text goes: `console.log`/`info`/`debug` to stdout, `warn`/`error` to stderr. */
export type ConsoleSink = (stream: 'stdout' | 'stderr', text: string) => void;

/** What a run ended with: the last expression's value (absent when the cell ends otherwise), or the error. */
export type CellResult = { ok: true; value?: unknown } | { ok: false; error: CellError };

export interface RunOptions {
  namespace: JsNamespace;
  /** Names the kernel provides (tf, identityBlock, …); a cell that declares one of them shadows it. */
  scope?: Record<string, unknown>;
  /** Receives everything the cell prints, `tensor.print()` included. */
  console?: ConsoleSink;
  /** The cell's execution count, [n], by which other cells' tracebacks name it. */
  run?: number;
  /** Aborted by Stop: an error the cell ends with is then reported as `interrupted`. */
  signal?: AbortSignal;
}

/** A cell run in a namespace: its source, by which later tracebacks quote it, and its [n]. */
interface CellSource {
  run?: number;
  lines: string[];
}

/** Frames deep enough to reach the learner's code under TF.js's own. */
const STACK_LIMIT = 100;
const AsyncFunction = (async () => undefined).constructor as new (...args: string[]) => (...args: unknown[]) => Promise<unknown>;

/**
 * The kernel's names, shared by the cells in the order they run. `reset()` is Restart.
 */
export class JsNamespace {
  readonly #values = new Map<string, unknown>();
  /** Names the running cell declares: reading one before its declaration ran is a TDZ error. */
  #declaring = new Set<string>();
  #scope: Record<string, unknown> = {};
  readonly #cells = new Map<number, CellSource>();
  #nextCell = 0;
  /** The TF.js whose tensors and models `reset()` disposes. */
  readonly tf: Tf;
  /** What `with` sees: the namespace, then the kernel's scope, then the worker's globals. */
  readonly proxy: object;

  constructor(tf: Tf) {
    this.tf = tf;
    const own = (name: string | symbol): name is string => typeof name === 'string' && name !== RUNNER;
    this.proxy = new Proxy(Object.create(null) as object, {
      has: (_, name) => own(name) && (this.#values.has(name) || this.#declaring.has(name) || name in this.#scope || !(name in globalThis)),
      get: (_, name) => {
        if (!own(name)) return undefined; // Symbol.unscopables, asked by `with`: nothing is hidden.
        if (this.#values.has(name)) return this.#values.get(name);
        if (name in this.#scope) return this.#scope[name];
        throw new ReferenceError(this.#declaring.has(name) ? `Cannot access '${name}' before initialization` : `${name} is not defined`);
      },
      set: (_, name, value) => {
        if (own(name)) this.#values.set(name, value);
        return true;
      },
      deleteProperty: (_, name) => own(name) && this.#values.delete(name),
    });
  }

  /** The names the cells have defined, in the order first defined. */
  names(): string[] {
    return [...this.#values.keys()];
  }

  has(name: string): boolean {
    return this.#values.has(name);
  }

  get(name: string): unknown {
    return this.#values.get(name);
  }

  set(name: string, value: unknown): void {
    this.#values.set(name, value);
  }

  /**
   * Forgets every name (Restart), disposing the tensors and models they held, also inside
   * arrays and plain objects (a dataset's `{ xs, ys }`). Returns how many were disposed.
   */
  reset(): number {
    let disposed = 0;
    const seen = new Set<unknown>();
    const free = (value: unknown, depth: number): void => {
      if (value === null || typeof value !== 'object' || seen.has(value)) return;
      seen.add(value);
      if (value instanceof this.tf.Tensor || value instanceof this.tf.LayersModel) {
        try {
          if (!(value instanceof this.tf.Tensor && value.isDisposed)) {
            value.dispose();
            disposed++;
          }
        } catch {
          // A model whose layers another model already disposed: nothing left to free.
        }
      } else if (depth < 3 && (Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype)) {
        for (const item of Object.values(value)) free(item, depth + 1);
      }
    };
    for (const value of this.#values.values()) free(value, 0);
    this.#values.clear();
    this.#cells.clear();
    return disposed;
  }

  /** @internal The id the next cell will have, for its `sourceURL`. */
  get nextId(): number {
    return this.#nextCell;
  }

  /** @internal The runner's hooks: one cell at a time. */
  begin(declared: Iterable<string>, scope: Record<string, unknown>, source: CellSource): number {
    this.#declaring = new Set(declared);
    this.#scope = scope;
    const id = this.#nextCell++;
    this.#cells.set(id, source);
    return id;
  }

  /** @internal */
  end(): void {
    this.#declaring = new Set();
  }

  /** @internal The source of a cell run earlier, for its frames in a traceback. */
  cell(id: number): CellSource | undefined {
    return this.#cells.get(id);
  }
}

/** How many lines the engine puts before an AsyncFunction's body in its stack frames; measured once. */
let headerLines: Promise<number> | undefined;
function measureHeader(): Promise<number> {
  headerLines ??= new AsyncFunction(RUNNER, 'throw new Error("probe")\n//# sourceURL=js-cell-probe')().then(
    () => 2,
    (error: Error) => Number(error.stack?.match(/js-cell-probe:(\d+):\d+/)?.[1] ?? 3) - 1,
  );
  return headerLines;
}

/** A console for the cell: what it prints goes to `sink`; anything else falls back to `base`. */
function cellConsole(sink: ConsoleSink, base: Console, tf: Tf): Console {
  const to =
    (stream: 'stdout' | 'stderr') =>
    (...args: unknown[]) =>
      sink(stream, `${formatLog(args, tf)}\n`);
  const timers = new Map<string, number>();
  return Object.assign(Object.create(base) as Console, {
    log: to('stdout'),
    info: to('stdout'),
    debug: to('stdout'),
    dir: to('stdout'),
    table: to('stdout'),
    warn: to('stderr'),
    error: to('stderr'),
    trace: to('stderr'),
    assert: (condition: unknown, ...args: unknown[]) => condition || to('stderr')('Assertion failed', ...args),
    group: to('stdout'),
    groupCollapsed: to('stdout'),
    groupEnd: () => undefined,
    time: (label = 'default') => void timers.set(label, performance.now()),
    timeEnd: (label = 'default') => {
      const started = timers.get(label);
      timers.delete(label);
      if (started !== undefined) to('stdout')(`${label}: ${(performance.now() - started).toFixed(3)} ms`);
    },
  });
}

/** The cell's syntax error, quoting its line. */
function syntaxError(message: string, lines: readonly string[], position?: CodePosition): CellError {
  const code = position ? lines[position.line - 1]?.trim() : undefined;
  const traceback = position ? [`line ${position.line}`, ...(code ? [`    ${code}`] : [])] : [];
  return { kind: 'syntax', type: 'SyntaxError', message, traceback, ...(position ? { position } : {}) };
}

/** A frame of the learner's code in a stack: which cell, where, and in which function. */
interface Frame {
  cell: number;
  line: number;
  column: number;
  name: string;
}

/** The stack's frames in cells, outermost first; `header` lines of the engine's and ours come before line 1. */
function cellFrames(error: unknown, header: number): Frame[] {
  const stack = error instanceof Error && typeof error.stack === 'string' ? error.stack : '';
  const frames: Frame[] = [];
  for (const text of stack.split('\n')) {
    const at = text.match(/js-cell-(\d+):(\d+):(\d+)/);
    if (!at) continue;
    // V8: "    at async name (js-cell-3:4:5)"; Firefox and Safari: "name@js-cell-3:4:5".
    const name = (text.match(/^\s*at (?:async )?(.+?) \(/)?.[1] ?? text.match(/^([^@\s]*)@/)?.[1] ?? '').replace(/^(Proxy|Object)\./, '').replace(RUNNER, '');
    const line = Number(at[2]) - header;
    if (line >= 1) frames.push({ cell: Number(at[1]), line, column: Number(at[3]), name: /^(eval|anonymous|)$/.test(name) ? '<cell>' : name });
  }
  return frames.reverse();
}

/** The error as the cell shows it: Python-style traceback lines, outermost first, each followed by its code. */
function runtimeError(
  error: unknown,
  header: number,
  current: number,
  column: (line: number, column: number) => number,
  namespace: JsNamespace,
  interrupted: boolean,
): CellError {
  const frames = cellFrames(error, header);
  const traceback: string[] = [];
  for (const frame of frames) {
    const source = namespace.cell(frame.cell);
    const where = frame.cell === current ? '' : source?.run !== undefined ? ` (cell [${source.run}])` : ' (another cell)';
    traceback.push(`line ${frame.line}, in ${frame.name}${where}`);
    const code = source?.lines[frame.line - 1]?.trim();
    if (code) traceback.push(`    ${code}`);
  }
  const innermost = frames.filter((f) => f.cell === current).at(-1);
  return {
    kind: interrupted ? 'interrupted' : 'runtime',
    type: error instanceof Error ? error.name : 'Error',
    message: error instanceof Error ? error.message : `${inspect(error, namespace.tf)} was thrown`,
    traceback,
    ...(innermost ? { position: { line: innermost.line, column: column(innermost.line, innermost.column) } } : {}),
  };
}

/**
 * Runs one cell in `options.namespace`. Never rejects: a syntax error, a throw or a rejected
 * await comes back as a CellError with the learner's line and traceback. While the cell runs,
 * `globalThis.console` is the cell's too, so TF.js's `tensor.print()` and warnings reach
 * `options.console`; the kernel's worker should route its global console to the same sink, for
 * what a cell's timers print after the run. One cell runs at a time in a namespace.
 */
export async function runJsCell(source: string, options: RunOptions): Promise<CellResult> {
  const { namespace, run, signal } = options;
  const lines = source.split('\n');
  const stripped = stripTypes(source, { keepImports: true });
  if (!stripped.ok) return { ok: false, error: syntaxError(stripped.message, lines, stripped.position) };
  const rewritten = rewrite(stripped.code, options.scope ?? {});
  if (!rewritten.ok) return { ok: false, error: syntaxError(rewritten.message, lines, rewritten.position) };
  const header = (await measureHeader()) + 1; // and our prologue's line
  const base = globalThis.console;
  const sink = options.console ?? ((stream, text) => (stream === 'stdout' ? base.log : base.error)(text.replace(/\n$/, '')));
  const console = cellConsole(sink, base, namespace.tf);
  const { functions, vars } = rewritten;
  const prologue = `with (${RUNNER}.names) { ${RUNNER}.define({ ${functions.map((f) => `${f}: ${RUNNER}${f}`).join(', ')} });`;
  let fn: (...args: unknown[]) => Promise<unknown>;
  try {
    fn = new AsyncFunction(RUNNER, `${prologue}\n${rewritten.body}\n}\n//# sourceURL=js-cell-${namespace.nextId}`);
  } catch (error) {
    return { ok: false, error: syntaxError(error instanceof Error ? error.message : String(error), lines) };
  }
  const id = namespace.begin(rewritten.declared, { ...options.scope, console }, { run, lines });
  // Hoisted as JavaScript hoists them: functions defined before line 1 runs, vars undefined until assigned.
  const define = (values: Record<string, unknown>): void => {
    for (const [name, value] of Object.entries(values)) {
      Object.defineProperty(value, 'name', { value: name }); // its own name, not the renamed binding's
      namespace.set(name, value);
    }
    for (const name of vars) if (!namespace.has(name)) namespace.set(name, undefined);
  };
  const limit = Error.stackTraceLimit;
  try {
    globalThis.console = console;
    Error.stackTraceLimit = Math.max(limit, STACK_LIMIT);
    const value = await fn({ names: namespace.proxy, define });
    return rewritten.hasValue ? { ok: true, value } : { ok: true };
  } catch (error) {
    return { ok: false, error: runtimeError(error, header, id, rewritten.column, namespace, signal?.aborted ?? false) };
  } finally {
    Error.stackTraceLimit = limit;
    globalThis.console = base;
    namespace.end();
  }
}
