/**
 * Bounds and batches what a cell prints on its way to the page. A cell that prints 200,000 lines
 * must neither flood the page with messages nor make it lay out 200,000 lines: the buffer shows
 * the first MAX_OUTPUT_LINES lines and MAX_OUTPUT_CHARS characters, counts the rest, and sends
 * what it shows in batches. A synchronous flood gives no timer a chance to run, so each write
 * looks at the clock itself and sends when FLUSH_INTERVAL_MS has passed since the last send; a
 * timer sends what a quiet cell left waiting (a line printed before a long `await model.fit`).
 */

/** The most lines of a cell's output shown; past them, output is counted, not sent. */
export const MAX_OUTPUT_LINES = 2000;
/** The most characters of a cell's output shown. */
export const MAX_OUTPUT_CHARS = 100_000;
/** How long output waits before it is sent, so that a burst of prints travels as one message. */
export const FLUSH_INTERVAL_MS = 50;
/** A batch this large is sent without waiting. */
export const MAX_BATCH_CHARS = 16_384;

export type StreamName = 'stdout' | 'stderr';

/** What `close()` reports: the output past the bound, left out. */
export interface Omitted {
  lines: number;
  chars: number;
}

export interface OutputOptions {
  /** Receives each batch, in order; consecutive writes to one stream arrive as one text. */
  send: (stream: StreamName, text: string) => void;
  maxLines?: number;
  maxChars?: number;
  intervalMs?: number;
  batchChars?: number;
  /** The clock; `performance.now` unless a test gives its own. */
  now?: () => number;
}

const newlines = (text: string): number => {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
};

/** One cell's output, from its first print to `close()`. */
export class OutputBuffer {
  readonly #send: OutputOptions['send'];
  readonly #maxLines: number;
  readonly #maxChars: number;
  readonly #interval: number;
  readonly #batchChars: number;
  readonly #now: () => number;
  /** Text waiting to be sent, as runs of one stream. */
  #pending: { stream: StreamName; text: string }[] = [];
  #pendingChars = 0;
  #lastFlush: number;
  /** Lines begun and characters written so far (shown), against the bounds. */
  #lines = 0;
  #chars = 0;
  /** Whether the last shown character ended a line: the next character then begins one. */
  #atLineStart = true;
  #omittedChars = 0;
  #omittedNewlines = 0;
  #omittedEndsLine = true;
  #closed = false;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: OutputOptions) {
    this.#send = options.send;
    this.#maxLines = options.maxLines ?? MAX_OUTPUT_LINES;
    this.#maxChars = options.maxChars ?? MAX_OUTPUT_CHARS;
    this.#interval = options.intervalMs ?? FLUSH_INTERVAL_MS;
    this.#batchChars = options.batchChars ?? MAX_BATCH_CHARS;
    this.#now = options.now ?? (() => performance.now());
    this.#lastFlush = this.#now();
  }

  /** Appends `text` to `stream`: shown while within the bounds, counted past them. */
  write(stream: StreamName, text: string): void {
    if (this.#closed) throw new Error('OutputBuffer.write: the buffer is closed; start a new OutputBuffer for the next run.');
    if (text === '') return;
    const shown = this.#fit(text);
    if (shown.length < text.length) this.#omit(text.slice(shown.length));
    if (shown) {
      const last = this.#pending.at(-1);
      if (last?.stream === stream) last.text += shown;
      else this.#pending.push({ stream, text: shown });
      this.#pendingChars += shown.length;
    }
    if (this.#pendingChars >= this.#batchChars || this.#now() - this.#lastFlush >= this.#interval) this.flush();
    else if (this.#pending.length > 0) this.#timer ??= setTimeout(() => this.flush(), this.#interval);
  }

  /** Sends what is waiting now (a timer's tick, or the end of the run). */
  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#lastFlush = this.#now();
    const pending = this.#pending;
    this.#pending = [];
    this.#pendingChars = 0;
    for (const { stream, text } of pending) this.#send(stream, text);
  }

  /** Sends the rest and reports what was left out; the buffer takes no more writes. */
  close(): Omitted {
    this.flush();
    this.#closed = true;
    return this.omitted;
  }

  /** The output past the bound so far: characters, and the lines they begin or continue. */
  get omitted(): Omitted {
    const lines = this.#omittedChars === 0 ? 0 : this.#omittedNewlines + (this.#omittedEndsLine ? 0 : 1);
    return { lines, chars: this.#omittedChars };
  }

  /** The start of `text` that still fits within the bounds; the counts include it. */
  #fit(text: string): string {
    if (this.#omittedChars > 0) return ''; // Once output is cut, the rest stays out: no gaps.
    const room = this.#maxChars - this.#chars;
    let end = Math.min(text.length, Math.max(0, room));
    // Cut after the line that reaches the line bound.
    let lines = this.#lines;
    let atStart = this.#atLineStart;
    for (let i = 0; i < end; i++) {
      if (atStart) {
        if (lines === this.#maxLines) {
          end = i;
          break;
        }
        lines++;
      }
      atStart = text[i] === '\n';
    }
    this.#lines = lines;
    this.#atLineStart = atStart;
    this.#chars += end;
    return text.slice(0, end);
  }

  #omit(text: string): void {
    this.#omittedChars += text.length;
    this.#omittedNewlines += newlines(text);
    this.#omittedEndsLine = text.endsWith('\n');
  }
}
