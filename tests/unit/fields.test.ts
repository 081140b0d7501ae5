import { describe, expect, test } from 'vitest';
import { defaults, fromQuery, parseField, toQuery, type Field } from '../../src/lib/state/fields';

const F2: Field = { key: 'F2', label: 'F2', min: 1, max: 4096, default: 4 };
const block: Field = { key: 'block', label: 'block', pattern: /^[a-z]{1,2}$/, expects: 'one or two lowercase letters', default: 'a' };

describe('a whole-number field', () => {
  test.each([
    ['4', 4],
    [' 12 ', 12],
    ['1e3', 1000],
    ['+7', 7],
    ['4096', 4096],
    ['3.0', 3],
  ])('reads %j as %i', (raw, value) => expect(parseField(F2, raw)).toEqual({ ok: true, value }));

  test.each([
    ['', 'Enter a value for F2.'],
    ['   ', 'Enter a value for F2.'],
    ['0', 'F2 must be at least 1.'],
    ['-1', 'F2 must be at least 1.'],
    ['1.5', 'F2 must be a whole number, without decimals.'],
    ['1e9', 'F2 can be at most 4096 here.'],
    ['1e309', 'F2 can be at most 4096 here.'],
    ['Infinity', 'F2 must be a whole number, such as 4.'],
    ['NaN', 'F2 must be a whole number, such as 4.'],
    ['<script>alert(1)</script>', 'F2 must be a whole number, such as 4.'],
    ['🧱', 'F2 must be a whole number, such as 4.'],
    ['0x10', 'F2 must be a whole number, such as 4.'],
    ['9'.repeat(10_000), 'F2 can be at most 4096 here.'],
  ])('rejects %j: %s', (raw, message) => expect(parseField(F2, raw)).toEqual({ ok: false, message }));
});

describe('a text field', () => {
  test.each([
    ['b', { ok: true, value: 'b' }],
    ['ab', { ok: true, value: 'ab' }],
    ['A', { ok: false, message: 'block must be one or two lowercase letters.' }],
    ['<b>', { ok: false, message: 'block must be one or two lowercase letters.' }],
    ['', { ok: false, message: 'Enter a value for block.' }],
  ])('reads %j', (raw, result) => expect(parseField(block, raw)).toEqual(result));
});

describe('the URL query', () => {
  const fields = [F2, block];

  test('round-trips values, leaving defaults out', () => {
    const raw = { F2: '8', block: 'a' };
    expect(toQuery(fields, raw)).toBe('?F2=8');
    expect(fromQuery(fields, toQuery(fields, raw))).toEqual(raw);
    expect(toQuery(fields, defaults(fields))).toBe('');
  });

  test('ignores unknown keys and keeps bad values raw, for the form to flag', () => {
    expect(fromQuery(fields, '?F2=%3Cscript%3E&evil=1&__proto__=x')).toEqual({ F2: '<script>', block: 'a' });
  });

  test('cuts overlong values', () => {
    expect(fromQuery(fields, `?F2=${'9'.repeat(10_000)}`).F2).toHaveLength(64);
  });
});
