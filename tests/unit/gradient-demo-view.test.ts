import { describe, expect, it } from 'vitest';
import { GRADIENT_DEMO_DEPTH, IDENTITY_DEMO_N } from '../../src/components/model/demo-fields';
import { sharedLogDomain } from '../../src/lib/charts/log-axis';
import type { GradientSample } from '../../src/lib/demos/gradient-demo';
import { gradientNorms, staleNote } from '../../src/lib/demos/gradient-view';
import { fromQuery, parseInteger, toQuery } from '../../src/lib/state/fields';

describe('staleNote', () => {
  it.each([
    { case: 'before any run', shown: undefined, wanted: 6, note: undefined },
    { case: 'results for the depth asked for', shown: 20, wanted: 20, note: undefined },
    { case: 'another depth asked for', shown: 20, wanted: 6, note: 'These results are for depth 20. Train again to see depth 6.' },
    { case: 'an invalid depth in the field', shown: 12, wanted: undefined, note: 'These results are for depth 12.' },
  ])('$case', ({ shown, wanted, note }) => expect(staleNote(shown, wanted)).toBe(note));
});

const sample = (early: number, middle: number, late: number): GradientSample => ({ step: 1, early, middle, late, loss: 1 });

it('both charts share one range that holds every norm of either network', () => {
  const plain = [sample(4e-12, 3e-6, 0.12), sample(0, 2e-6, 0.09)];
  const residual = [sample(0.05, 0.08, 0.13)];
  expect(gradientNorms(plain, residual)).toEqual([4e-12, 3e-6, 0.12, 0, 2e-6, 0.09, 0.05, 0.08, 0.13]);
  const [lo, hi] = sharedLogDomain(gradientNorms(plain, residual))!;
  // The plain network's 4e-12 sets the bottom for both charts, its 0 (a vanished gradient) none.
  expect(lo / 1e-12).toBeCloseTo(1, 12);
  expect(hi).toBe(1);
});

describe('the depth in the page address (?depth=)', () => {
  const read = (search: string) => parseInteger(GRADIENT_DEMO_DEPTH, fromQuery([GRADIENT_DEMO_DEPTH], search).depth!);
  it.each([
    { search: '', parsed: { ok: true, value: 20 } },
    { search: '?depth=6', parsed: { ok: true, value: 6 } },
    { search: '?n=3&depth=60', parsed: { ok: true, value: 60 } },
    { search: '?depth=2', parsed: { ok: false, message: 'depth must be at least 3.' } },
    { search: '?depth=61', parsed: { ok: false, message: 'depth can be at most 60 here.' } },
    { search: '?depth=six', parsed: { ok: false, message: 'depth must be a whole number, such as 20.' } },
    { search: '?depth=6.5', parsed: { ok: false, message: 'depth must be a whole number, without decimals.' } },
  ])('$search reads as $parsed', ({ search, parsed }) => expect(read(search)).toEqual(parsed));

  it('is written back only when it differs from the default', () => {
    expect(toQuery([GRADIENT_DEMO_DEPTH], { depth: '6' })).toBe('?depth=6');
    expect(toQuery([GRADIENT_DEMO_DEPTH], { depth: '20' })).toBe('');
  });

  it('the identity demo reads its N the same way (?n=)', () => {
    expect(parseInteger(IDENTITY_DEMO_N, fromQuery([IDENTITY_DEMO_N], '?n=3').n!)).toEqual({ ok: true, value: 3 });
    expect(parseInteger(IDENTITY_DEMO_N, fromQuery([IDENTITY_DEMO_N], '?n=13').n!)).toEqual({ ok: false, message: 'N can be at most 12 here.' });
  });
});
