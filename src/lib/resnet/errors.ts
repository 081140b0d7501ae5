/**
 * Argument errors thrown by the builders and the shape trace. Each names the argument, its value
 * and what to do instead, so a lesson can show the message beside the field that caused it.
 */
export class ResNetArgumentError extends Error {
  /** The argument at fault, as named in the assignment: `f`, `filters`, `s`, `inputShape`, … */
  readonly argument: string;
  /** What is wrong: a value of the wrong kind, or an input too small for the windows it meets. */
  readonly code: ResNetErrorCode;
  /** The stage (1 for the stem) whose layer or block raised it, when it arose inside a model, so a
   * form can show the message beside that stage's fields without reading it back out of the text. */
  readonly stage: number | undefined;

  constructor(argument: string, message: string, details: { code?: ResNetErrorCode; stage?: number } = {}) {
    super(message);
    this.name = 'ResNetArgumentError';
    this.argument = argument;
    this.code = details.code ?? 'invalid';
    this.stage = details.stage;
  }
}

/** `invalid`: a value of the wrong kind; `collapsed`: an input too small for the windows it meets. */
export type ResNetErrorCode = 'invalid' | 'collapsed';

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(describe).join(', ')}]`;
  return String(value);
}

export function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/** Throws unless `value` is a positive integer; `what` says what the number means. */
export function requirePositiveInteger(argument: string, value: unknown, what: string): number {
  if (!isPositiveInteger(value)) {
    throw new ResNetArgumentError(argument, `${argument} must be a positive integer (${what}), got ${describe(value)}.`);
  }
  return value;
}

/** The numbers of filters of a block's three convs, in the order `filters` lists them. */
export const FILTER_NAMES = Object.freeze(['F1', 'F2', 'F3'] as const);
export type FilterName = (typeof FILTER_NAMES)[number];

/** What `filters` must be, as the errors here and the Python runner's say it. */
export const FILTERS_RULE = 'a list of three numbers [F1, F2, F3]';

/** Throws unless `filters` is a list of three positive integers [F1, F2, F3]. */
export function requireFilters(filters: unknown): [number, number, number] {
  if (!Array.isArray(filters) || filters.length !== FILTER_NAMES.length) {
    throw new ResNetArgumentError('filters', `filters must be ${FILTERS_RULE}, got ${describe(filters)}.`);
  }
  filters.forEach((value, i) => {
    if (!isPositiveInteger(value)) {
      throw new ResNetArgumentError('filters', `filters: ${FILTER_NAMES[i]} must be a positive integer (a number of filters), got ${describe(value)}.`);
    }
  });
  return filters as [number, number, number];
}

/** Throws unless `shape` is [height, width, channels] of positive integers. */
export function requireImageShape(argument: string, shape: unknown): [number, number, number] {
  if (!Array.isArray(shape) || shape.length !== 3) {
    throw new ResNetArgumentError(argument, `${argument} must be [height, width, channels], got ${describe(shape)}.`);
  }
  const names = ['height', 'width', 'channels'];
  shape.forEach((value, i) => {
    if (!isPositiveInteger(value)) {
      throw new ResNetArgumentError(argument, `${argument}: the ${names[i]} must be a positive integer, got ${describe(value)}.`);
    }
  });
  return shape as [number, number, number];
}

/** Stage numbers and block letters only make layer names, but they must make valid ones. */
export function requireNaming(stage: unknown, block: unknown): void {
  requirePositiveInteger('stage', stage, 'the stage number used in layer names, such as 2');
  if (typeof block !== 'string' || !/^[A-Za-z0-9]+$/.test(block)) {
    throw new ResNetArgumentError('block', `block must be a short name of letters or digits used in layer names, such as "a", got ${describe(block)}.`);
  }
}
