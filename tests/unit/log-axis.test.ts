import { describe, expect, it } from 'vitest';
import { exponentText, powerOfTen, sharedLogDomain } from '../../src/lib/charts/log-axis';

describe('sharedLogDomain', () => {
  it.each([
    { case: 'a vanished and a healthy gradient', values: [3e-12, 0.2, 0.05], domain: [1e-12, 1] },
    { case: 'values on powers of ten', values: [1e-3, 10], domain: [1e-3, 10] },
    { case: 'one value', values: [0.05], domain: [0.01, 0.1] },
    { case: 'a lone power of ten', values: [1], domain: [1, 10] },
    { case: 'zeros and non-finite values left out', values: [0, -1, NaN, Infinity, 2e-5, 3], domain: [1e-5, 10] },
  ])('$case', ({ values, domain }) => {
    const [lo, hi] = sharedLogDomain(values)!;
    expect(hi / domain[1]!).toBeCloseTo(1, 12);
    expect(lo / domain[0]!).toBeCloseTo(1, 12);
  });

  it('is undefined with nothing to place on a log axis', () => {
    expect(sharedLogDomain([])).toBeUndefined();
    expect(sharedLogDomain([0, NaN])).toBeUndefined();
  });
});

describe('powerOfTen', () => {
  it.each([
    [1, 0],
    [10, 1],
    [1e-12, -12],
    [0.001, -3],
    [1e20, 20],
  ])('%s is 10^%s', (value, exponent) => expect(powerOfTen(value)).toBe(exponent));

  it.each([2, 0.5, 3e-7, 0, -10, NaN])('%s is not a power of ten', (value) => expect(powerOfTen(value)).toBeUndefined());
});

it('writes exponents with a true minus sign', () => {
  expect(exponentText(-12)).toBe('−12');
  expect(exponentText(0)).toBe('0');
  expect(exponentText(3)).toBe('3');
});
