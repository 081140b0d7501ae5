/**
 * The source side of running a TF.js notebook cell (js-cell.ts runs it): its top level rewritten
 * so that cells share names in a namespace. Declarations become assignments in place
 * (`const x = 1` becomes `;(x = 1);`, on the same line, so lines stay where they were and only
 * the edited lines' columns move, which `column` maps back); function declarations are renamed,
 * so that every caller finds the namespace's function by its name, even after a later cell
 * redefines it; the last expression statement becomes a `return`, the cell's value.
 */
import { Parser, type Pattern, type Program } from 'acorn';
import type { CodePosition } from '../grading/types';

/** The name of the runner's own argument inside a cell; the namespace never answers for it. */
export const RUNNER = '__jsCell__';

/** The cell, rewritten: its body and the names it declares. */
export interface Rewritten {
  ok: true;
  body: string;
  /** The cell's column for a column on `line` of `body`: our edits shift a line's columns. */
  column: (line: number, column: number) => number;
  /** Every top-level name the cell declares, functions included. */
  declared: string[];
  /** Its function declarations, renamed `${RUNNER}name` in `body`. */
  functions: string[];
  /** Its `var` names, which exist (undefined) from the cell's start. */
  vars: string[];
  /** Whether the cell ends with an expression, whose value `body` returns. */
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

/** Why a cell cannot run: a syntax error, or an import. */
export type Refused = { ok: false; message: string; position?: CodePosition };

/** Rewrites the cell's top level (see the module comment), or says why it does not parse. */
export function rewrite(code: string, scope: Record<string, unknown>): Rewritten | Refused {
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
