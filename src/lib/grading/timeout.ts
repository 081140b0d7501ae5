/**
 * What the cell says when a run is stopped at the time limit. Where the run stopped is known for
 * Python when the page could share memory with the worker (the line comes from the interrupt's
 * traceback, or from the line Python last started in the cell, when a single long call could not
 * be interrupted and the worker was terminated). Whether that line is in a loop, or in a function
 * that calls itself, is read from the cell's own indentation: for Python it is the syntax.
 */
import type { CodePosition, Language } from './types';

export type StopCause = 'loop' | 'recursion' | 'call';

const LOOP = /^\s*(async\s+)?(for|while)\b.*:/;
const DEF = /^\s*(async\s+)?def\s+([A-Za-z_]\w*)/;

function indent(line: string): number {
  return /^\s*/.exec(line)?.[0].length ?? 0;
}

function isCode(line: string): boolean {
  return line.trim() !== '' && !line.trim().startsWith('#');
}

/** Why Python code stopped on `line` (1-based) ran long: inside a loop, a call to its own function, or a single call. */
export function stopCause(source: string, line: number): StopCause {
  const lines = source.split('\n');
  const stopped = lines[line - 1];
  if (stopped === undefined) return 'call';
  if (LOOP.test(stopped)) return 'loop';
  let threshold = indent(stopped);
  for (let i = line - 2; i >= 0 && threshold > 0; i--) {
    const text = lines[i] ?? '';
    if (!isCode(text) || indent(text) >= threshold) continue;
    threshold = indent(text);
    if (LOOP.test(text)) return 'loop';
    const def = DEF.exec(text);
    if (def) return new RegExp(`\\b${def[2]}\\s*\\(`).test(stopped) ? 'recursion' : 'call';
  }
  return 'call';
}

/** The verdict for a run stopped after `limitS` seconds, and where it stopped when known. */
export function timeoutMessage(language: Language, source: string, limitS: number, position?: CodePosition): string {
  const ran = `Timed out: the code ran longer than the ${limitS} s limit and was stopped`;
  if (!position) {
    return language === 'keras'
      ? `${ran}. Look for a loop that never ends, or a call that takes too long.`
      : `${ran}. Look for a loop that never ends, or work too large for a cell.`;
  }
  const where = `${ran} on line ${position.line}.`;
  const cause = language === 'keras' ? stopCause(source, position.line) : 'call';
  if (cause === 'loop') return `${where} Look for a loop that never ends.`;
  if (cause === 'recursion') return `${where} Look for a function that calls itself with no case that stops it.`;
  return `${where} The call on that line did not finish in time.`;
}
