/**
 * How a TF.js cell shows a value: the value of its last expression, and each argument of a
 * `console.log`. Tensors are written as NumPy writes arrays (values abbreviated past a thousand),
 * models as their summary table, everything else as Node's `util.inspect` would, within bounds:
 * a cell's value can be a dataset of millions of numbers or an object that refers to itself.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { DisplayData } from './protocol';

/** The TF.js the kernel runs: only its classes are used, to recognise tensors and models. */
export type Tf = Pick<typeof tfjs, 'Tensor' | 'SymbolicTensor' | 'LayersModel' | 'layers'>;

/** The most characters a value's text runs to before it is cut. */
export const MAX_TEXT_CHARS = 4000;
/** A tensor of more values than this is abbreviated to its first and last few along each axis. */
export const SUMMARY_THRESHOLD = 1000;
/** How deep `inspect` goes into nested objects (Node's default). */
const MAX_DEPTH = 2;
/** Items of an array, entries of an object or map, written before "... N more". */
const MAX_ITEMS = 100;
/** NumPy's line width, and the width under which Node keeps an object on one line. */
const LINE_WIDTH = 75;
const BREAK_WIDTH = 72;

/** A shape in Keras notation: `(2, 3)`, `(None, 15, 15, 256)`, `(3,)`, `()`. */
export function kerasShape(shape: readonly (number | null)[]): string {
  const dims = shape.map((d) => (d === null ? 'None' : String(d)));
  return dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(', ')})`;
}

/**
 * What a cell shows for `value`: nothing for `undefined`, a tensor's values, a model's summary,
 * a hint for a Promise the cell forgot to await, otherwise the value written out.
 */
export function displayOf(value: unknown, tf: Tf): DisplayData | undefined {
  if (value === undefined) return undefined;
  if (value instanceof tf.Tensor && !value.isDisposed) {
    return { kind: 'tensor', shape: kerasShape(value.shape), dtype: value.dtype, text: tensorText(value) };
  }
  if (value instanceof tf.LayersModel) {
    const lines: string[] = [];
    try {
      value.summary(undefined, undefined, (line?: unknown) => lines.push(String(line ?? '')));
      return { kind: 'model', name: value.name, lines };
    } catch {
      // A Sequential model that has never seen an input has no summary yet: say what it is.
    }
  }
  if (value instanceof Promise) return { kind: 'text', text: 'Promise (add await to see its value)' };
  return { kind: 'text', text: inspect(value, tf) };
}

/** The text `console.log(...args)` prints: strings as they are, `%s`-style substitutions, other values inspected. */
export function formatLog(args: readonly unknown[], tf: Tf): string {
  const rest = [...args];
  let head = '';
  if (typeof rest[0] === 'string' && rest.length > 1 && rest[0].includes('%')) {
    head = (rest.shift() as string).replace(/%([sdifoOjc%])/g, (whole, code: string) => {
      if (code === '%') return '%';
      if (rest.length === 0) return whole;
      const arg = rest.shift();
      if (code === 'c') return '';
      if (code === 'd' || code === 'i') return String(typeof arg === 'bigint' ? arg : Math.trunc(Number(arg)));
      if (code === 'f') return String(Number(arg));
      return code === 's' && typeof arg === 'string' ? arg : show(arg, tf);
    });
  }
  return [...(head ? [head] : []), ...rest.map((arg) => (typeof arg === 'string' ? arg : show(arg, tf)))].join(' ');
}

/** One logged value: a tensor as `t.print()` writes it, anything else inspected. */
function show(value: unknown, tf: Tf): string {
  if (value instanceof tf.Tensor && !value.isDisposed) return `Tensor ${kerasShape(value.shape)} ${value.dtype}\n${tensorText(value)}`;
  return inspect(value, tf);
}

/** A tensor's values as NumPy writes them, with `...` for what is left out past SUMMARY_THRESHOLD values. */
export function tensorText(t: tfjs.Tensor): string {
  if (t.dtype === 'complex64') return t.toString();
  const values = t.dataSync() as ArrayLike<number | string | Uint8Array>;
  const shape = t.shape;
  const rank = shape.length;
  // As NumPy: three items from each end of every axis; fewer where the rank would show too many.
  let edge = 3;
  while (edge > 1 && (2 * edge) ** rank > 1500) edge--;
  const summarize = t.size > SUMMARY_THRESHOLD;
  const pick = (n: number): (number | null)[] => (summarize && n > 2 * edge ? [...range(0, edge), null, ...range(n - edge, n)] : range(0, n));
  const strides = shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1));
  // First the positions shown, so that every value is written at one width.
  const shown: number[] = [];
  const collect = (dim: number, offset: number): void => {
    if (dim === rank) shown.push(offset);
    else for (const i of pick(shape[dim]!)) if (i !== null) collect(dim + 1, offset + i * strides[dim]!);
  };
  collect(0, 0);
  const cell = formatterFor(
    t.dtype,
    shown.map((i) => values[i]!),
  );
  const build = (dim: number, offset: number, indent: number): string => {
    const items = pick(shape[dim]!).map((i) =>
      i === null ? '...' : dim === rank - 1 ? cell(values[offset + i]!) : build(dim + 1, offset + i * strides[dim]!, indent + 1),
    );
    if (dim === rank - 1) return `[${wrap(items, indent + 1)}]`;
    return `[${items.join(`,${'\n'.repeat(rank - dim - 1)}${' '.repeat(indent + 1)}`)}]`;
  };
  return rank === 0 ? cell(values[0]!) : build(0, 0, 0);
}

const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);

/** Items of one row, as many on a line as fit in NumPy's 75 columns; continuation lines indented. */
function wrap(items: string[], indent: number): string {
  const lines: string[] = [];
  let line = '';
  items.forEach((item, k) => {
    const word = k < items.length - 1 ? `${item},` : item;
    if (line && indent + line.length + 1 + word.length > LINE_WIDTH) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  });
  return [...lines, line].join(`\n${' '.repeat(indent)}`);
}

/** Writes each value of a tensor at one width: integers right-aligned, floats aligned on the point. */
function formatterFor(dtype: string, shown: unknown[]): (value: unknown) => string {
  let write: (value: unknown) => string;
  if (dtype === 'float32') write = floatFormatter(shown as number[]);
  else if (dtype === 'bool') write = (v) => (v ? 'true' : 'false');
  else if (dtype === 'string') write = (v) => quote(v instanceof Uint8Array ? new TextDecoder().decode(v) : String(v));
  else write = (v) => String(v);
  const width = Math.max(0, ...shown.map((v) => write(v).length));
  return (value) => write(value).padStart(width);
}

/** The shortest decimal that reads back as the same float32 (NumPy's "unique" printing). */
function shortest(v: number, exponential: boolean): string {
  for (let p = 1; p < 9; p++) {
    const s = exponential ? v.toExponential(p - 1) : v.toPrecision(p);
    if (Math.fround(Number(s)) === Math.fround(v)) return s;
  }
  return exponential ? v.toExponential(8) : v.toPrecision(9);
}

function floatFormatter(shown: number[]): (value: unknown) => string {
  const finite = shown.filter(Number.isFinite).map(Math.abs);
  const nonzero = finite.filter((v) => v > 0);
  const max = Math.max(0, ...finite);
  const min = nonzero.length ? Math.min(...nonzero) : 0;
  // NumPy switches to scientific notation for very large or small values, or a wide range.
  const scientific = max >= 1e8 || (min > 0 && min < 1e-4) || (min > 0 && max / min > 1e3);
  const special = (v: number): string | undefined => (Number.isNaN(v) ? 'nan' : v === Infinity ? 'inf' : v === -Infinity ? '-inf' : undefined);
  const parts = (v: number): [string, string, string] => {
    if (scientific) {
      const [mantissa = '', exponent = '0'] = shortest(v, true).split('e');
      const [int = '', frac = ''] = mantissa.split('.');
      const e = Number(exponent);
      return [int, frac, `e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`];
    }
    // At most eight digits after the point, as NumPy's default precision.
    let s = shortest(v, false);
    if (/e/.test(s) || (s.split('.')[1]?.length ?? 0) > 8) s = v.toFixed(8).replace(/0+$/, '');
    const [int = '', frac = ''] = (Object.is(v, -0) ? '-0' : s).split('.');
    return [int, frac, ''];
  };
  const fracWidth = Math.max(0, ...shown.filter(Number.isFinite).map((v) => parts(v)[1].length));
  return (value) => {
    const v = value as number;
    const text = special(v);
    if (text !== undefined) return text;
    const [int, frac, exponent] = parts(v);
    // Scientific mantissas are padded with zeros, fixed fractions with spaces, as NumPy does.
    return `${int}.${scientific ? frac.padEnd(fracWidth, '0') : frac.padEnd(fracWidth)}${exponent}`;
  };
}

function quote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

/** The name a TF.js layer or model gives its class (minified bundles rename constructors). */
function tfClassName(value: { getClassName?: () => string; constructor: { name: string } }): string {
  try {
    return value.getClassName?.() ?? value.constructor.name;
  } catch {
    return value.constructor.name;
  }
}

/**
 * `value` written out as Node's `util.inspect` would: strings quoted, arrays and objects to
 * MAX_DEPTH levels and MAX_ITEMS items, cycles as `[Circular]`, at most MAX_TEXT_CHARS characters.
 */
export function inspect(value: unknown, tf?: Tf): string {
  const budget = { left: MAX_TEXT_CHARS };
  const text = write(value, 0, new Set(), budget, tf);
  return text.length > MAX_TEXT_CHARS ? `${text.slice(0, MAX_TEXT_CHARS)}… (${text.length - MAX_TEXT_CHARS} more characters)` : text;
}

function write(value: unknown, depth: number, seen: Set<object>, budget: { left: number }, tf?: Tf): string {
  const text = writeOne(value, depth, seen, budget, tf);
  budget.left -= text.length;
  return text;
}

function writeOne(value: unknown, depth: number, seen: Set<object>, budget: { left: number }, tf?: Tf): string {
  if (typeof value === 'string') return quote(value.length > MAX_TEXT_CHARS ? value.slice(0, MAX_TEXT_CHARS) : value);
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol') return value.toString();
  if (typeof value === 'function') return functionText(value);
  if (value === null || typeof value !== 'object') return String(value);
  if (seen.has(value)) return '[Circular]';
  if (tf && value instanceof tf.Tensor) return `<Tensor shape=${kerasShape(value.shape)} dtype=${value.dtype}${value.isDisposed ? ' disposed' : ''}>`;
  if (tf && value instanceof tf.SymbolicTensor) return `<SymbolicTensor shape=${kerasShape(value.shape)} dtype=${value.dtype} name=${value.name}>`;
  if (tf && value instanceof tf.LayersModel) return `<${tfClassName(value)} name=${value.name}>`;
  if (tf && value instanceof tf.layers.Layer) return `<${tfClassName(value)} name=${value.name}>`;
  if (value instanceof Promise) return 'Promise {}';
  if (value instanceof Error) return `[${value.name}: ${value.message}]`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (value instanceof RegExp) return String(value);
  const kind = Array.isArray(value) ? 'Array' : (Object.getPrototypeOf(value)?.constructor?.name ?? 'Object');
  if (depth > MAX_DEPTH) return `[${kind}]`;
  seen.add(value);
  try {
    return container(value, kind, depth, seen, budget, tf);
  } finally {
    seen.delete(value);
  }
}

function functionText(fn: Function): string {
  const source = Function.prototype.toString.call(fn);
  if (/^class\b/.test(source)) return fn.name ? `[class ${fn.name}]` : '[class (anonymous)]';
  const kind = fn.constructor?.name === 'AsyncFunction' ? 'AsyncFunction' : fn.constructor?.name === 'GeneratorFunction' ? 'GeneratorFunction' : 'Function';
  return fn.name ? `[${kind}: ${fn.name}]` : `[${kind} (anonymous)]`;
}

/** Arrays, typed arrays, maps, sets and objects: their entries, then braces around them. */
function container(value: object, kind: string, depth: number, seen: Set<object>, budget: { left: number }, tf?: Tf): string {
  const entries: string[] = [];
  let more = 0;
  const add = (key: string | undefined, item: () => unknown, separator = ': '): void => {
    if (entries.length >= MAX_ITEMS || budget.left <= 0) {
      more++;
      return;
    }
    let text: string;
    try {
      text = write(item(), depth + 1, seen, budget, tf);
    } catch (error) {
      text = `[Getter threw ${error instanceof Error ? error.name : 'a value'}]`;
    }
    entries.push(key === undefined ? text : `${key}${separator}${text}`);
  };
  let open = '{';
  let close = '}';
  let prefix = kind === 'Object' ? '' : `${kind} `;
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    const items = value as unknown as ArrayLike<unknown>;
    [open, close] = ['[', ']'];
    prefix = kind === 'Array' ? '' : `${kind}(${items.length}) `;
    for (let i = 0; i < items.length && more === 0; i++) add(undefined, () => items[i]);
    more += Math.max(0, items.length - entries.length - more);
  } else if (value instanceof Map || value instanceof Set) {
    prefix = `${kind}(${value.size}) `;
    if (value instanceof Map) for (const [k, v] of value) add(write(k, depth + 1, seen, budget, tf), () => v, ' => ');
    else for (const v of value) add(undefined, () => v);
  } else {
    if (Object.getPrototypeOf(value) === null) prefix = '[Object: null prototype] ';
    for (const key of Object.keys(value)) add(/^[A-Za-z_$][\w$]*$/.test(key) ? key : quote(key), () => (value as Record<string, unknown>)[key]);
  }
  if (more > 0) entries.push(`... ${more} more ${open === '[' ? 'item' : 'entr'}${more === 1 ? (open === '[' ? '' : 'y') : open === '[' ? 's' : 'ies'}`);
  if (entries.length === 0) return `${prefix}${open}${close}`;
  const oneLine = `${prefix}${open} ${entries.join(', ')} ${close}`;
  if (oneLine.length <= BREAK_WIDTH && !oneLine.includes('\n')) return oneLine;
  // Short items (numbers, say) fill lines; longer ones take a line each, as Node lays them out.
  const body =
    open === '[' && entries.every((e) => e.length <= 16 || e.startsWith('... ')) ? `  ${wrap(entries, 2)}` : entries.join(',\n').replace(/^/gm, '  ');
  return `${prefix}${open}\n${body}\n${close}`;
}
