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
    ['9'.repeat(65), 'F2 is too long (over 64 characters): enter a whole number, such as 4.'],
    ['9'.repeat(10_000), 'F2 is too long (over 64 characters): enter a whole number, such as 4.'],
    [`${' '.repeat(60)}4${' '.repeat(60)}`, 'F2 is too long (over 64 characters): enter a whole number, such as 4.'],
    ['9'.repeat(64), 'F2 can be at most 4096 here.'],
    ['-0', 'F2 must be at least 1.'],
    ['1e-400', 'F2 must be at least 1.'],
    ['４', 'F2 must be a whole number, such as 4.'],
    ['٣', 'F2 must be a whole number, such as 4.'],
    ['1_000', 'F2 must be a whole number, such as 4.'],
    ['1,000', 'F2 must be a whole number, such as 4.'],
    ['\u200b4', 'F2 must be a whole number, such as 4.'],
  ])('rejects %j: %s', (raw, message) => expect(parseField(F2, raw)).toEqual({ ok: false, message }));
});

describe('a text field', () => {
  test.each([
    ['b', { ok: true, value: 'b' }],
    ['ab', { ok: true, value: 'ab' }],
    ['A', { ok: false, message: 'block must be one or two lowercase letters.' }],
    ['<b>', { ok: false, message: 'block must be one or two lowercase letters.' }],
    ['', { ok: false, message: 'Enter a value for block.' }],
    ['a'.repeat(65), { ok: false, message: 'block is too long (over 64 characters): it must be one or two lowercase letters.' }],
  ])('reads %j', (raw, result) => expect(parseField(block, raw)).toEqual(result));
});

describe('the URL query', () => {
  const fields = [F2, block];

  test('round-trips values, leaving defaults out', () => {
    const raw = { F2: '8', block: 'a' };
    expect(toQuery(fields, raw)).toBe('?F2=8');
    expect(fromQuery(fields, toQuery(fields, raw))).toEqual(raw);
    expect(toQuery(fields, defaults(fields))).toBe('');
    // Another form's keys on the same page stay; junk from a pasted link goes.
    const others = { search: '?steps=90&F2=3&junk=1', keys: new Set(['steps']) };
    expect(toQuery(fields, raw, others)).toBe('?steps=90&F2=8');
    expect(toQuery(fields, defaults(fields), others)).toBe('?steps=90');
  });

  test('ignores unknown keys and keeps bad values raw, for the form to flag', () => {
    expect(fromQuery(fields, '?F2=%3Cscript%3E&evil=1&__proto__=x')).toEqual({ F2: '<script>', block: 'a' });
  });

  test('clips overlong values both ways, and the field still says they are too long', () => {
    const read = fromQuery(fields, `?F2=${'9'.repeat(10_000)}`);
    expect(read.F2).toHaveLength(65);
    expect(parseField(F2, read.F2 ?? '')).toEqual({ ok: false, message: 'F2 is too long (over 64 characters): enter a whole number, such as 4.' });
    expect(toQuery(fields, { F2: '7'.repeat(10_000), block: 'a' })).toBe(`?F2=${'7'.repeat(65)}`);
    expect(fromQuery(fields, `?block=${'<b>'.repeat(1000)}`).block).toHaveLength(65);
  });

  test.each([
    ['markup', '?F2=%3Cscript%3Ealert(1)%3C%2Fscript%3E', { F2: '<script>alert(1)</script>' }],
    ['an attribute break-out', '?F2=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E', { F2: '"><img src=x onerror=alert(1)>' }],
    ['a repeated key (the first wins)', '?F2=8&F2=%3Cscript%3E&block=b&block=c', { F2: '8', block: 'b' }],
    ['unknown and prototype keys', '?__proto__=1&constructor=x&toString=y&evil=%3Cb%3E', {}],
    ['broken percent-escapes', '?F2=%E0%A4%A&block=%', { F2: '\uFFFD%A', block: '%' }],
    ['a lone escape', '?F2=%&block=%%', { F2: '%', block: '%%' }],
    ['a NUL byte', '?F2=4%00', { F2: '4\u0000' }],
    ['a plus as a space', '?F2=+8+', { F2: ' 8 ' }],
    ['no query at all', '', {}],
    ['only a question mark', '?', {}],
    ['a huge number', '?F2=1e309&block=9999999999999999999999', { F2: '1e309', block: '9999999999999999999999' }],
  ])('a hostile query (%s) yields raw text for known keys only, never throwing', (_label, search, expected) => {
    const read = fromQuery(fields, search);
    expect(read).toEqual({ ...defaults(fields), ...expected });
    expect(Object.keys(read).sort()).toEqual(['F2', 'block']);
    expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
    for (const field of fields) expect(() => parseField(field, read[field.key] ?? '')).not.toThrow();
  });

  test('what a hostile query yields round-trips to a bounded, well-formed query', () => {
    const read = fromQuery(fields, `?F2=${encodeURIComponent('"><img src=x onerror=alert(1)>')}&block=${'x'.repeat(5000)}`);
    const query = toQuery(fields, read);
    expect(query.length).toBeLessThan(300);
    expect(query).not.toMatch(/[<>"' ]/);
    expect(fromQuery(fields, query)).toEqual(read);
  });
});
