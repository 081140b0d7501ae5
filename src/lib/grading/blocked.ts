/**
 * Attempts by the learner's code to reach outside its worker, as the cell reports them. The
 * grader's worker refuses each one (components/exercise/lock-down.ts): a stubbed global throws,
 * or the browser's Content-Security-Policy refuses the request and says which directive did.
 */

/** An attempt to leave the sandbox: what was called or refused, and where it was going. */
export interface Blocked {
  /** A stubbed global's name (`fetch`, `navigator.sendBeacon`), or the policy's directive (`script-src-elem`). */
  what: string;
  /** Where it was going, as far as known: the first argument, or the refused URL; may be empty. */
  target: string;
}

/** What a refused request was doing, by the policy directive that refused it. */
const DIRECTIVE_VERBS: readonly [RegExp, string][] = [
  [/^script-src/, 'load code from'],
  [/^worker-src/, 'start a worker from'],
  [/^connect-src/, 'connect to'],
  [/^img-src/, 'load an image from'],
];

/** The longest target a message quotes: a URL can carry a whole draft in its query. */
const MAX_TARGET = 80;

function shorten(target: string): string {
  return target.length > MAX_TARGET ? `${target.slice(0, MAX_TARGET - 1)}…` : target;
}

/** One line for the cell: "Blocked: the code tried to load code from http://…". */
export function describeBlocked({ what, target }: Blocked): string {
  const where = target ? shorten(target) : '';
  if (/^[a-z-]+-src(-elem|-attr)?$/.test(what)) {
    const verb = DIRECTIVE_VERBS.find(([pattern]) => pattern.test(what))?.[1] ?? 'reach';
    const line = `Blocked: the code tried to ${verb} ${where || 'another site'}`;
    return where.endsWith('…') ? line : `${line}.`;
  }
  return `Blocked: the code called ${what}${where ? ` (${where})` : ''}.`;
}

/** What the cell says under the list of attempts. */
export const SANDBOX_PROMISE = 'Code in a cell reaches nothing outside this site: no other host, no storage, no other page.';
