/**
 * What a cell says when its code reaches outside the sandbox, and when it runs past the time
 * limit: which attempt was refused, and where the run was stopped and why it may have run long.
 */
import { describe, expect, test } from 'vitest';
import { describeBlocked } from '../../src/lib/grading/blocked';
import { stopCause, timeoutMessage } from '../../src/lib/grading/timeout';

describe('describeBlocked', () => {
  test.each([
    [{ what: 'script-src-elem', target: 'http://127.0.0.1:4491/x.mjs' }, 'Blocked: the code tried to load code from http://127.0.0.1:4491/x.mjs.'],
    [{ what: 'connect-src', target: 'ws://127.0.0.1:4491/' }, 'Blocked: the code tried to connect to ws://127.0.0.1:4491/.'],
    [{ what: 'worker-src', target: 'http://example.com/w.js' }, 'Blocked: the code tried to start a worker from http://example.com/w.js.'],
    [{ what: 'font-src', target: '' }, 'Blocked: the code tried to reach another site.'],
    [{ what: 'fetch', target: 'http://127.0.0.1:4491/exfil' }, 'Blocked: the code called fetch (http://127.0.0.1:4491/exfil).'],
    [{ what: 'navigator.sendBeacon', target: '' }, 'Blocked: the code called navigator.sendBeacon.'],
  ])('%j', (blocked, line) => {
    expect(describeBlocked(blocked)).toBe(line);
  });

  test('a long URL (a draft in its query) is cut', () => {
    const line = describeBlocked({ what: 'connect-src', target: `http://127.0.0.1:4491/exfil?d=${'x'.repeat(500)}` });
    expect(line.length).toBeLessThan(140);
    expect(line).toMatch(/x…$/);
  });
});

const LOOP = `def identity_block(X, f, filters, stage, block):
    n = 0
    while True:
        n += 1
        # still going
        X = X
    return X
`;
const RECURSION = `import sys
sys.setrecursionlimit(10**6)

def deep(n):
    return deep(n + 1) + 1
deep(0)
`;
const CALL = `import time
def identity_block(X, f, filters, stage, block):
    time.sleep(30)
    total = sum(range(10**12))
`;

describe('stopCause', () => {
  test.each([
    [LOOP, 3, 'loop'],
    [LOOP, 4, 'loop'],
    [LOOP, 6, 'loop'],
    [LOOP, 2, 'call'],
    [RECURSION, 5, 'recursion'],
    [RECURSION, 6, 'call'],
    [CALL, 3, 'call'],
    [CALL, 4, 'call'],
    [CALL, 99, 'call'],
  ] as const)('line %# (%i) is a %s', (source, line, cause) => {
    expect(stopCause(source, line)).toBe(cause);
  });

  test('a loop outside the function does not make a line inside it a loop', () => {
    const source = 'for i in range(3):\n    def f():\n        time.sleep(30)\n    f()\n';
    expect(stopCause(source, 3)).toBe('call');
    expect(stopCause(source, 4)).toBe('loop');
  });
});

describe('timeoutMessage', () => {
  test('names the limit, the line, and a cause that fits it', () => {
    expect(timeoutMessage('keras', LOOP, 10, { line: 4 })).toBe(
      'Timed out: the code ran longer than the 10 s limit and was stopped on line 4. Look for a loop that never ends.',
    );
    expect(timeoutMessage('keras', RECURSION, 10, { line: 5 })).toBe(
      'Timed out: the code ran longer than the 10 s limit and was stopped on line 5. Look for a function that calls itself with no case that stops it.',
    );
    expect(timeoutMessage('keras', CALL, 10, { line: 3 })).toBe(
      'Timed out: the code ran longer than the 10 s limit and was stopped on line 3. The call on that line did not finish in time.',
    );
  });

  test('without a line it says what to look for in either language', () => {
    expect(timeoutMessage('tfjs', '', 10)).toMatch(
      /^Timed out: the code ran longer than the 10 s limit and was stopped\. Look for a loop that never ends, or work too large/,
    );
    expect(timeoutMessage('keras', '', 10)).toMatch(/Look for a loop that never ends, or a call that takes too long\.$/);
  });
});
