/**
 * Turns the learner's code cell into a callable function. TypeScript types are stripped with
 * sucrase (which keeps every line where it was, so positions still point into the cell); the code
 * then runs in strict mode with only the names the exercise provides in scope.
 */
import { transform } from 'sucrase';
import type { CodePosition } from './types';

export type Compiled<F> = { ok: true; fn: F } | { ok: false; kind: 'syntax' | 'runtime'; message: string; position?: CodePosition };

/** Lines the Function constructor and our prologue put before the learner's first line. */
const PROLOGUE = '"use strict";\n';

/** How many lines V8 reports before the body of a `new Function`; measured, not assumed. */
let headerLines: number | undefined;
function bodyOffset(): number {
  if (headerLines === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call -- measures the lines Function puts above a body, as compile() below runs code
      new Function('throw new Error("probe")')();
    } catch (error) {
      const line = Number((error as Error).stack?.match(/<anonymous>:(\d+):\d+/)?.[1]);
      headerLines = Number.isFinite(line) ? line - 1 : 2;
    }
  }
  return (headerLines ?? 2) + PROLOGUE.split('\n').length - 1;
}

/** The learner's line and column of the innermost frame of `error` that ran the cell's code. */
export function positionOf(error: unknown): CodePosition | undefined {
  const match = error instanceof Error ? error.stack?.match(/<anonymous>:(\d+):(\d+)/) : null;
  if (!match) return undefined;
  const line = Number(match[1]) - bodyOffset();
  return line >= 1 ? { line, column: Number(match[2]) } : undefined;
}

/**
 * Compiles `source` and returns the function it defines under `name`. `scope` lists the names
 * the code may use (such as `tf`); anything else it reaches for is undefined or a ReferenceError.
 */
/** The cell as JavaScript, or its syntax error at the learner's line and column (1-based). */
export type Stripped = { ok: true; code: string } | { ok: false; message: string; position?: CodePosition };

/**
 * Strips TypeScript's types from `source`, keeping every line where it was, so that positions in
 * the result (a stack frame's line, a parser's) are positions in the learner's cell. Shared by
 * graded cells and the notebook kernel's cells (kernel/js-cell.ts). `keepImports`: keep an import
 * whose names go unused, which TypeScript would drop, so that the caller can refuse it.
 */
export function stripTypes(source: string, { keepImports = false } = {}): Stripped {
  try {
    const options = { transforms: ['typescript' as const], disableESTransforms: true, keepUnusedImports: keepImports };
    return { ok: true, code: transform(source, options).code };
  } catch (error) {
    // Sucrase's column is 1-based already (measured: "a b" fails at column 3).
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    const message = (error instanceof Error ? error.message : String(error)).replace(/\s*\(\d+:\d+\)$/, '');
    return { ok: false, message, ...(loc ? { position: { line: loc.line, column: loc.column } } : {}) };
  }
}

/**
 * Compiles `source` and returns the function it defines under `name`. `scope` lists the names
 * the code may use (such as `tf`); anything else it reaches for is undefined or a ReferenceError.
 */
export function compileFunction<F>(source: string, name: string, scope: Record<string, unknown>): Compiled<F> {
  const stripped = stripTypes(source);
  if (!stripped.ok) return { ok: false, kind: 'syntax', message: stripped.message, position: stripped.position };
  const code = stripped.code;
  if (/^\s*(import|export)\b/m.test(code)) {
    const line = code.split('\n').findIndex((l) => /^\s*(import|export)\b/.test(l)) + 1;
    return {
      ok: false,
      kind: 'syntax',
      message: `Remove import and export lines: ${Object.keys(scope).join(', ')} ${Object.keys(scope).length > 1 ? 'are' : 'is'} already in scope, and the checks call ${name} directly.`,
      position: { line },
    };
  }
  let factory: (...args: unknown[]) => unknown;
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- compiling the learner's code is this module's job; it runs sandboxed in a worker
    factory = new Function(...Object.keys(scope), `${PROLOGUE}${code}\nreturn typeof ${name} === 'function' ? ${name} : undefined;`) as typeof factory;
  } catch (error) {
    return { ok: false, kind: 'syntax', message: error instanceof Error ? error.message : String(error) };
  }
  let fn: unknown;
  try {
    fn = factory(...Object.values(scope));
  } catch (error) {
    return { ok: false, kind: 'runtime', message: error instanceof Error ? error.message : String(error), position: positionOf(error) };
  }
  if (typeof fn !== 'function') {
    return { ok: false, kind: 'runtime', message: `The cell must define a function named ${name}; none was found. Keep the first line of the skeleton.` };
  }
  return { ok: true, fn: fn as F };
}
