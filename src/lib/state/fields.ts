/**
 * Declarative form fields and their URL codec.
 *
 * A widget lists its fields once (key, label, range, default); the same table parses what a reader
 * types, what a pasted link carries, and writes the state back to the link. Parsing never throws:
 * every bad value becomes a message for the field, so a typo or a hostile link can only ever
 * produce a message beside a field, never an exception.
 */

export interface IntField {
  /** Key in the URL and in the params object. */
  key: string;
  /** Visible label: the document's own name (`f`, `F1`, `Height`, …). */
  label: string;
  min: number;
  max: number;
  default: number;
}

export interface TextField {
  key: string;
  label: string;
  /** Allowed characters and length, as a regular expression over the whole value. */
  pattern: RegExp;
  /** What the pattern allows, in words, for the message. */
  expects: string;
  default: string;
}

/** One of a fixed list of values: a select element's options. */
export interface ChoiceField {
  key: string;
  label: string;
  options: readonly string[];
  default: string;
}

export type Field = IntField | TextField | ChoiceField;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** A decimal number as a reader types it: sign, digits, point, exponent; nothing else. */
export const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * The longest text a field reads. No hyperparameter needs more, and refusing longer text before
 * any other check keeps a pasted novel from reaching the parser, the page or the URL.
 */
export const MAX_FIELD_CHARS = 64;

const tooLong = (raw: string) => raw.length > MAX_FIELD_CHARS;
const TOO_LONG = `is too long (over ${MAX_FIELD_CHARS} characters)`;

/** Reads a whole number within the field's range, or says what is wrong with the text. */
export function parseInteger(field: IntField, raw: string): Parsed<number> {
  if (tooLong(raw)) return { ok: false, message: `${field.label} ${TOO_LONG}: enter a whole number, such as ${field.default}.` };
  const text = raw.trim();
  if (text === '') return { ok: false, message: `Enter a value for ${field.label}.` };
  if (!NUMBER.test(text)) return { ok: false, message: `${field.label} must be a whole number, such as ${field.default}.` };
  const value = Number(text);
  if (!Number.isFinite(value) || value > field.max) {
    return { ok: false, message: `${field.label} can be at most ${field.max} here.` };
  }
  if (!Number.isInteger(value)) return { ok: false, message: `${field.label} must be a whole number, without decimals.` };
  if (value < field.min) return { ok: false, message: `${field.label} must be at least ${field.min}.` };
  return { ok: true, value };
}

export function parseText(field: TextField, raw: string): Parsed<string> {
  if (tooLong(raw)) return { ok: false, message: `${field.label} ${TOO_LONG}: it must be ${field.expects}.` };
  const text = raw.trim();
  if (text === '') return { ok: false, message: `Enter a value for ${field.label}.` };
  if (!field.pattern.test(text)) return { ok: false, message: `${field.label} must be ${field.expects}.` };
  return { ok: true, value: text };
}

/** Reads one of the field's options. A link can carry anything, so the rest get a message. */
export function parseChoice(field: ChoiceField, raw: string): Parsed<string> {
  if (field.options.includes(raw)) return { ok: true, value: raw };
  return { ok: false, message: `Pick a ${field.label} from the list: the link asked for one this page does not have.` };
}

export function parseField(field: Field, raw: string): Parsed<number | string> {
  if ('options' in field) return parseChoice(field, raw);
  return 'pattern' in field ? parseText(field, raw) : parseInteger(field, raw);
}

/** Raw text per field key, as typed into the form or read from a link. */
export type RawValues = Record<string, string>;

/** The defaults of a field table as raw text. */
export function defaults(fields: readonly Field[]): RawValues {
  return Object.fromEntries(fields.map((f) => [f.key, String(f.default)]));
}

/**
 * Overlong text cut to one character past the limit: short enough to be harmless in a page or a
 * link, and still long enough for the field to say it is too long.
 */
const clip = (value: string) => (tooLong(value) ? value.slice(0, MAX_FIELD_CHARS + 1) : value);

/**
 * Raw values from a URL query such as `?f=2&F1=4`: known keys only, anything else ignored; of a
 * repeated key, the first. (The query, not the hash: the hash belongs to the lesson's heading
 * anchors.) Values stay raw text (possibly invalid); the form shows them with their messages.
 * Overlong values are clipped, so a pasted link cannot make the page hold megabytes of text.
 * Broken percent-escapes need no care: URLSearchParams decodes them to U+FFFD, never throws.
 */
export function fromQuery(fields: readonly Field[], search: string): RawValues {
  const params = new URLSearchParams(search);
  const raw = defaults(fields);
  for (const field of fields) {
    const value = params.get(field.key);
    if (value !== null) raw[field.key] = clip(value);
  }
  return raw;
}

/**
 * The URL query for these values (`?F2=8` or ''), leaving out defaults so links stay short, and
 * clipping overlong text so a pasted novel never ends up in the address bar or the history.
 * Keys of the query as it is that other forms on the page own (`others`) are kept as they are,
 * so two forms on one page (the lab and the degradation experiment) each write only their own;
 * every other key of a pasted link is dropped.
 */
export function toQuery(fields: readonly Field[], raw: RawValues, others?: { search: string; keys: ReadonlySet<string> }): string {
  const params = new URLSearchParams();
  for (const [key, value] of new URLSearchParams(others?.search ?? '')) {
    if (others?.keys.has(key) && !fields.some((f) => f.key === key) && !params.has(key)) params.set(key, clip(value));
  }
  for (const field of fields) {
    const value = raw[field.key];
    if (value !== undefined && value !== String(field.default)) params.set(field.key, clip(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
