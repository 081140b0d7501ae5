/**
 * Runs a TF.js notebook cell in the kernel's namespace, as a notebook runs a cell: names a cell
 * declares at its top level are there for the cells run after it, running a cell again redeclares
 * them, and the value of its last expression is what the cell shows.
 *
 * How: the cell's types are stripped (sucrase, lines kept), acorn parses it, and its top-level
 * declarations are rewritten in place into assignments (`const x = 1` becomes `;(x = 1);`, on the
 * same line), so nothing is declared twice. The body then runs in an AsyncFunction, so that
 * `await` works at the top level, inside `with (names)`, where `names` is a Proxy over the
 * namespace: a name resolves to the namespace first, then the kernel's scope (`tf`, …), then the
 * worker's globals. A name no one defined is the namespace's too, so `x = 1` without a
 * declaration stays in the kernel (and Restart forgets it) rather than leaking onto `globalThis`.
 * `with` makes the cell's code sloppy-mode JavaScript; a notebook's code is a script, so that
 * costs little. Each cell's code is named `js-cell-N` by a `sourceURL`, which is how a stack
 * frame says which cell, and which line, it ran in.
 */
import { Parser, type Pattern, type Program } from 'acorn';
import { stripTypes } from '../grading/compile';
import type { CodePosition } from '../grading/types';
import { formatLog, inspect, type Tf } from './display';
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

/** The name of the runner's own argument inside a cell; the namespace never answers for it. */
const RUNNER = '__jsCell__';
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

interface Rewritten {
  ok: true;
  body: string;
  /** The cell's column for a column on `line` of `body`: our edits shift a line's columns. */
  column: (line: number, column: number) => number;
  declared: string[];
  functions: string[];
  vars: string[];
  hasValue: boolean;
}

/** The names a binding pattern (`x`, `{ a, b: [c] }`, `...rest`) declares. */
function bindingNames(pattern: Pattern | null, into: string[]): string[] {
  if (!pattern) return into;
  if (pattern.type === 'Identifier') into.push(pattern.name);
  else if (pattern.type === 'ObjectPattern') for (const p of pattern.properties) bindingNames(p.type === 'Property' ? p.value : p, into);
  else if (pattern.type === 'ArrayPattern') for (const e of pattern.elements) bindingNames(e, into);
  else if (pattern.type === 'AssignmentPattern') bindingNames(pattern.left, into);
  else if (pattern.type === 'RestElement') bindingNames(pattern.argument, into);
  return into;
}

type Refused = { ok: false; message: string; position?: CodePosition };

/** Rewrites the cell's top level (see the module comment), or says why it does not parse. */
function rewrite(code: string, scope: Record<string, unknown>): Rewritten | Refused {
  let program: Program;
  try {
    program = Parser.parse(code, {
      ecmaVersion: 'latest',
      sourceType: 'script',
      allowAwaitOutsideFunction: true,
      // Parse import and export so that we can say why they have no place in a cell.
      allowImportExportEverywhere: true,
      locations: true,
    });
  } catch (error) {
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    const message = (error as Error).message.replace(/\s*\(\d+:\d+\)$/, '');
    return { ok: false, message, ...(loc ? { position: { line: loc.line, column: loc.column + 1 } } : {}) };
  }
  const edits: { at: number; to: number; text: string }[] = [];
  const declared: string[] = [];
  const functions: string[] = [];
  const vars: string[] = [];
  let hasValue = false;
  const moduleLine = program.body.find((s) => /^(Import|Export)/.test(s.type));
  if (moduleLine) {
    const names = Object.keys(scope);
    const inScope = names.length ? `${names.join(', ')} ${names.length > 1 ? 'are' : 'is'} already in scope` : 'there is nothing to import';
    return {
      ok: false,
      message: `Remove import and export lines: ${inScope}, and the names a cell defines are there for the cells run after it.`,
      position: { line: code.slice(0, moduleLine.start).split('\n').length },
    };
  }
  const edit = (at: number, to: number, text: string): void => void edits.push({ at, to, text });
  const wrap = (at: number, to: number, before: string, after: string): void => (edit(at, at, before), edit(to, to, after));
  for (const [index, statement] of program.body.entries()) {
    const { start, end } = statement;
    if (statement.type === 'VariableDeclaration') {
      const kind = statement.kind;
      // The leading `;` keeps `f()\nlet x = 1` two statements once `let` is gone.
      edit(start, start + kind.length, ';');
      for (const d of statement.declarations) {
        const names = bindingNames(d.id, []);
        declared.push(...names);
        if (kind === 'var') vars.push(...names);
        if (d.init) wrap(d.start, d.end, '(', ')');
        else edit(d.start, d.end, kind === 'var' ? '(void 0)' : `(${names[0]} = undefined)`);
      }
      if (code[end - 1] !== ';') edit(end, end, ';');
    } else if (statement.type === 'ClassDeclaration') {
      declared.push(statement.id.name);
      wrap(start, end, `;${statement.id.name} = `, ';');
    } else if (statement.type === 'FunctionDeclaration') {
      // Renamed, so that the cell's code (itself included) calls the namespace's function by
      // this name: a later cell that redefines it redefines it for every caller, as in Python.
      functions.push(statement.id.name);
      edit(statement.id.start, statement.id.end, `${RUNNER}${statement.id.name}`);
    } else if (statement.type === 'ExpressionStatement' && index === program.body.length - 1) {
      // The last expression's value is the cell's: `x;` becomes `return (x);`.
      const close = code[end - 1] === ';' ? end - 1 : end;
      hasValue = true;
      wrap(start, close, 'return (', ')');
    }
  }
  // From the end, so that earlier positions still hold; at one position, the later edit goes in first.
  let body = code;
  for (const e of edits.map((e, i) => ({ ...e, i })).sort((a, b) => b.at - a.at || b.i - a.i)) body = body.slice(0, e.at) + e.text + body.slice(e.to);
  return { ok: true, body, column: columnMap(code, edits), declared: [...declared, ...functions], functions, vars, hasValue };
}

/** Maps a 1-based column on a line of the rewritten code back to the column on that line before `edits`. */
function columnMap(code: string, edits: readonly { at: number; to: number; text: string }[]): (line: number, column: number) => number {
  const ordered = [...edits].sort((a, b) => a.at - b.at);
  const lineStarts = [0];
  for (let i = 0; i < code.length; i++) if (code[i] === '\n') lineStarts.push(i + 1);
  return (line, column) => {
    const start = lineStarts[line - 1];
    if (start === undefined) return column;
    // Where the line starts in the rewritten code: edits keep lines, so shift by those before it.
    let shift = 0;
    for (const e of ordered) if (e.at < start) shift += e.text.length - (e.to - e.at);
    let offset = start + shift + column - 1;
    for (const e of ordered) {
      if (e.at < start) continue;
      const at = e.at + shift;
      if (offset < at) break;
      if (offset < at + e.text.length) return e.at - start + 1; // inside our inserted text
      shift += e.text.length - (e.to - e.at);
    }
    offset -= shift;
    return offset - start + 1;
  };
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
