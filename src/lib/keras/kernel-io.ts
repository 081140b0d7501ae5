/**
 * Where Python's output goes: the plumbing between Pyodide and whoever is running a cell.
 *
 * Python's stdout and stderr are block-buffered (resnet_live_kernel.py flushes them before each
 * display, at the end of a run and every 50 ms while the cell's lines run), so a flood of prints
 * arrives here as a few large chunks of bytes, decoded as a stream (a character split between
 * two chunks survives). Each chunk goes to the current target: a run's sink, a build's line
 * collector, or nowhere outside a run. Bounding the text is the sink's job.
 */
import type { PyodideAPI } from 'pyodide';
import type { CellError, DisplayData, FitEvent, RunStatus } from '../kernel/protocol';

/** Where a run's output goes, in the order the cell made it. */
export interface CellSink {
  stream(name: 'stdout' | 'stderr', text: string): void;
  display(data: DisplayData): void;
  fit(event: FitEvent): void;
}

/** How a run ended. `ms`: the run's wall time in milliseconds. */
export interface CellOutcome {
  status: RunStatus;
  error?: CellError;
  ms: number;
}

type Stream = 'stdout' | 'stderr';

/** The part of a sink that takes printed text. */
export type StreamTarget = Pick<CellSink, 'stream'>;

/** Python's stdout and stderr, sent to whichever target is current. */
export interface PythonOutput {
  /** Runs `fn` with Python's output going to `target`; the previous target is restored after. */
  during<T>(target: StreamTarget, fn: () => T): T;
  /** The sink of the run in progress, if any (a build's collector is not one). */
  sink(): CellSink | undefined;
}

/** Sends Pyodide's stdout and stderr to the current target (see the module comment). */
export function connectOutput(pyodide: PyodideAPI): PythonOutput {
  let target: StreamTarget | undefined;
  const decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };
  const writer = (name: Stream) => ({
    write(buffer: Uint8Array) {
      const text = decoders[name].decode(buffer, { stream: true });
      if (text) target?.stream(name, text);
      return buffer.length;
    },
  });
  pyodide.setStdout(writer('stdout'));
  pyodide.setStderr(writer('stderr'));
  return {
    during(next, fn) {
      const previous = target;
      target = next;
      try {
        return fn();
      } finally {
        for (const name of ['stdout', 'stderr'] as const) {
          const rest = decoders[name].decode();
          if (rest) target.stream(name, rest);
        }
        target = previous;
      }
    },
    sink: () => (target && 'display' in target ? (target as CellSink) : undefined),
  };
}

/** A value Python handed over: a proxy of a dict (converted here, deeply) or a plain object. */
function plain(value: unknown): unknown {
  const proxy = value as { toJs?: (options: object) => unknown } | null;
  if (typeof proxy?.toJs === 'function') return proxy.toJs({ dict_converter: Object.fromEntries, create_pyproxies: false });
  return value;
}

const hasKind = (value: unknown): value is { kind: string } => typeof (value as { kind?: unknown } | null)?.kind === 'string';

/**
 * The JS module `_resnet_live_kernel` that Python calls to show things under the running cell:
 * `display(data)` (a DisplayData dict) and `fit_event(event)` (a FitEvent dict, from
 * `model.fit`). Both flush what the cell printed first, so the order holds; outside a run they
 * do nothing. `flush` is resnet_live_kernel.flush, set once the Python module is imported.
 */
export function kernelModule(output: PythonOutput) {
  let flush: (() => void) | undefined;
  const forward = (send: (sink: CellSink, value: { kind: string }) => void) => (value: unknown) => {
    const sink = output.sink();
    if (!sink) return;
    const data = plain(value);
    if (!hasKind(data)) return;
    flush?.();
    send(sink, data);
  };
  return {
    module: {
      display: forward((sink, data) => sink.display(data as DisplayData)),
      fit_event: forward((sink, event) => sink.fit(event as FitEvent)),
    },
    setFlush(fn: () => void) {
      flush = fn;
    },
  };
}

/**
 * Collects printed text as lines, at most `max` of them and a last one saying the rest was left
 * out: a build's `output`, which the grader keeps in memory.
 */
export function lineCollector(max: number): StreamTarget & { lines: string[]; end(): string[] } {
  const lines: string[] = [];
  let partial = '';
  const push = (line: string) => {
    if (lines.length < max) lines.push(line);
    else if (lines.length === max) lines.push('… (the rest of the output is left out)');
  };
  return {
    lines,
    stream(_name, text) {
      const parts = (partial + text).split('\n');
      partial = parts.pop() ?? '';
      // Past the bound, only the count matters: skip the loop over a flood's lines.
      if (lines.length > max) return;
      for (const line of parts) push(line);
    },
    end() {
      if (partial) push(partial);
      partial = '';
      return lines;
    },
  };
}
