import { describe, expect, test } from 'vitest';
import { MAX_OUTPUT_CHARS, MAX_OUTPUT_LINES, OutputBuffer, type StreamName } from '../../src/lib/kernel/output';

type Sent = [StreamName, string];
type Write = [StreamName, string] | ['tick', number];

/** A buffer on a clock the test moves: `['tick', ms]` advances it, other steps write. */
function replay(steps: Write[], options: { maxLines?: number; maxChars?: number; batchChars?: number } = {}) {
  const sent: Sent[] = [];
  let now = 0;
  const buffer = new OutputBuffer({ send: (s, t) => sent.push([s, t]), now: () => now, ...options });
  const beforeClose: Sent[][] = [];
  for (const [what, arg] of steps) {
    if (what === 'tick') now += arg as number;
    else buffer.write(what, arg as string);
    beforeClose.push([...sent]);
  }
  const omitted = buffer.close();
  return { sent, omitted, beforeClose: beforeClose.at(-1) ?? [] };
}

describe('output is batched', () => {
  test.each<[string, Write[], Sent[], Sent[]]>([
    [
      'writes close together travel as one message, at close',
      [
        ['stdout', 'a\n'],
        ['stdout', 'b\n'],
      ],
      [],
      [['stdout', 'a\nb\n']],
    ],
    [
      'streams keep their order',
      [
        ['stdout', 'a\n'],
        ['stderr', 'b\n'],
        ['stdout', 'c\n'],
      ],
      [],
      [
        ['stdout', 'a\n'],
        ['stderr', 'b\n'],
        ['stdout', 'c\n'],
      ],
    ],
    [
      'a write after the interval sends what waited',
      [
        ['stdout', 'a\n'],
        ['tick', 60],
        ['stdout', 'b\n'],
      ],
      [['stdout', 'a\nb\n']],
      [['stdout', 'a\nb\n']],
    ],
    [
      'a write within the interval waits',
      [
        ['stdout', 'a\n'],
        ['tick', 30],
        ['stdout', 'b\n'],
      ],
      [],
      [['stdout', 'a\nb\n']],
    ],
  ])('%s', (_, steps, beforeClose, all) => {
    const result = replay(steps);
    expect(result.beforeClose).toEqual(beforeClose);
    expect(result.sent).toEqual(all);
    expect(result.omitted).toEqual({ lines: 0, chars: 0 });
  });

  test('text left waiting by a quiet cell goes on a timer', async () => {
    const sent: Sent[] = [];
    const buffer = new OutputBuffer({ send: (s, t) => sent.push([s, t]) });
    buffer.write('stdout', 'before fit\n');
    expect(sent).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(sent).toEqual([['stdout', 'before fit\n']]);
    expect(buffer.close()).toEqual({ lines: 0, chars: 0 });
    expect(sent).toHaveLength(1);
  });

  test('a large batch goes without waiting', () => {
    const { beforeClose } = replay(
      [
        ['stdout', '12345'],
        ['stdout', '67890'],
        ['stdout', 'x'],
      ],
      { batchChars: 10 },
    );
    expect(beforeClose).toEqual([['stdout', '1234567890']]);
  });
});

describe('output past the bound is counted, not sent', () => {
  test.each<[string, Write[], { maxLines?: number; maxChars?: number }, string, { lines: number; chars: number }]>([
    ['the line bound', [['stdout', 'a\nb\nc\nd\ne\n']], { maxLines: 3 }, 'a\nb\nc\n', { lines: 2, chars: 4 }],
    [
      'the line bound across writes, with a line left open',
      [
        ['stdout', 'ab'],
        ['stdout', 'c\nd'],
      ],
      { maxLines: 1 },
      'abc\n',
      { lines: 1, chars: 1 },
    ],
    ['the character bound, mid-line', [['stdout', 'abcdefgh\nij']], { maxChars: 5 }, 'abcde', { lines: 2, chars: 6 }],
    [
      'nothing after the cut, even if it would fit',
      [
        ['stdout', 'abcdef'],
        ['stdout', 'g'],
      ],
      { maxChars: 5 },
      'abcde',
      { lines: 1, chars: 2 },
    ],
    [
      'stderr counts too',
      [
        ['stdout', 'a\n'],
        ['stderr', 'b\n'],
        ['stdout', 'c\n'],
      ],
      { maxLines: 2 },
      'a\nb\n',
      { lines: 1, chars: 2 },
    ],
  ])('%s', (_, steps, bounds, shown, omitted) => {
    const result = replay(steps, bounds);
    expect(result.sent.map(([, text]) => text).join('')).toBe(shown);
    expect(result.omitted).toEqual(omitted);
  });

  test('a flood of 200,000 lines costs a few messages and stops at the bound', () => {
    const sent: Sent[] = [];
    const buffer = new OutputBuffer({ send: (s, t) => sent.push([s, t]) });
    let total = 0;
    for (let i = 0; i < 200_000; i++) {
      const line = `line ${i}\n`;
      total += line.length;
      buffer.write('stdout', line);
    }
    const omitted = buffer.close();
    const shown = sent.map(([, text]) => text).join('');
    expect(sent.length).toBeLessThanOrEqual(50);
    expect(shown.length).toBeLessThanOrEqual(MAX_OUTPUT_CHARS);
    expect(shown.split('\n').length - 1).toBe(MAX_OUTPUT_LINES);
    expect(shown.endsWith('line 1999\n')).toBe(true);
    expect(omitted).toEqual({ lines: 200_000 - MAX_OUTPUT_LINES, chars: total - shown.length });
  });

  test('a closed buffer refuses writes, saying to start a new one', () => {
    const buffer = new OutputBuffer({ send: () => undefined });
    buffer.close();
    expect(() => buffer.write('stdout', 'late')).toThrow(/closed; start a new OutputBuffer/);
  });
});
