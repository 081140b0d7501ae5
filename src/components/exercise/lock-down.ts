/**
 * The grader worker's lock-down, run once its runtime has loaded and before any learner code
 * runs. Two layers, because neither alone is enough:
 * - Every global that reaches storage or the network is replaced: callables by a stub that
 *   throws a message saying why (`fetch`, `XMLHttpRequest`, `new Worker`, …), stores
 *   (IndexedDB, Cache Storage) by nothing. The names are deleted from every prototype that
 *   defines them and then shadowed, so a prototype walk cannot bring them back.
 * - What no global covers (dynamic `import()` is syntax, and `eval`, `Function` and Python's
 *   `js.eval` reach it) is refused by the browser itself, under the page's Content-Security-
 *   Policy (scripts/csp.mjs), which this worker inherits as it starts from a blob: URL. The
 *   browser reports each refusal as a `securitypolicyviolation` event, which we pass on.
 * Each attempt, by either route, is reported through `onBlocked`, so the cell can say so even
 * when the learner's code swallowed the error or never awaited the request.
 */

import type { Blocked } from '../../lib/grading/blocked';

/** Callables that reach the network, other contexts or other threads. */
const STUBBED = [
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'WebSocketStream',
  'WebTransport',
  'EventSource',
  'BroadcastChannel',
  'importScripts',
  'Worker',
  'SharedWorker',
  'postMessage',
  'close',
] as const;

/** Stores that outlive the page, and the cookie store: gone. */
const REMOVED = ['indexedDB', 'caches', 'cookieStore'] as const;

/** The message a stubbed call throws. */
export function blockedMessage(what: string): string {
  return `${what} is turned off in code cells: code here reaches nothing outside this site.`;
}

function describeTarget(value: unknown): string {
  if (typeof value === 'string') return value.slice(0, 200);
  if (value instanceof URL) return value.href.slice(0, 200);
  return '';
}

/** Deletes `name` from `owner` and every prototype above it that defines it, then pins `value` in its place. */
function replace(owner: object, name: string, value: unknown): void {
  for (let target: object | null = owner; target; target = Object.getPrototypeOf(target) as object | null) {
    try {
      if (Object.prototype.hasOwnProperty.call(target, name)) delete (target as Record<string, unknown>)[name];
    } catch {
      // A non-configurable property: the shadow below still hides it.
    }
  }
  try {
    Object.defineProperty(owner, name, { value, configurable: false, writable: false, enumerable: false });
  } catch {
    // Already locked.
  }
}

/** A stub for `name`: callable with or without `new`, it reports the attempt and throws. */
function stub(what: string, onBlocked: (blocked: Blocked) => void): (...args: unknown[]) => never {
  // A plain function, not an arrow: `new XMLHttpRequest()` must reach our message, not "is not a constructor".
  return function blocked(...args: unknown[]): never {
    onBlocked({ what, target: describeTarget(args[0]) });
    throw new Error(blockedMessage(what));
  };
}

/** Locks the worker's global scope down; `onBlocked` hears of every attempt from then on. */
export function lockDown(scope: typeof globalThis, onBlocked: (blocked: Blocked) => void): void {
  scope.addEventListener('securitypolicyviolation', (event) => {
    const { effectiveDirective, blockedURI } = event as SecurityPolicyViolationEvent;
    onBlocked({ what: effectiveDirective, target: blockedURI.slice(0, 200) });
  });
  for (const name of STUBBED) replace(scope, name, stub(name, onBlocked));
  for (const name of REMOVED) replace(scope, name, undefined);
  // A worker's navigator has no sendBeacon today; pin a stub so none can appear or be added.
  replace(scope.navigator, 'sendBeacon', stub('navigator.sendBeacon', onBlocked));
}
