import { describe, expect, test } from 'vitest';
import { defaults } from '../../src/lib/state/fields';
import { DEGRADATION_DEFAULTS, DEGRADATION_FIELDS, degradationRuns, parseDegradation } from '../../src/lib/train/degradation';
import reference from '../../src/lib/train/degradation-reference.json';
import { endSummary, margins, matchesReference, referenceLayers, smoothCurve, spread, type Reference } from '../../src/lib/train/reference-band';
import { Smoother } from '../../src/lib/train/metrics';

const good = defaults(DEGRADATION_FIELDS);

describe('the degradation settings', () => {
  test('the form as it comes reads as the defaults', () => {
    expect(parseDegradation(good)).toEqual({ ok: true, params: DEGRADATION_DEFAULTS });
  });

  test.each([
    ['seed', '', /Enter a value for seed/],
    ['seed', '-1', /seed must be at least 0/],
    ['seed', '10000', /seed can be at most 9999/],
    ['seed', '1.5', /without decimals/],
    ['seed', '<script>', /seed must be a whole number/],
    ['steps', '1', /steps per network must be at least 2/],
    ['steps', '157', /at most 156/],
    ['deep', '0', /at least 1/],
    ['shallow', '7', /at most 6/],
    ['steps', '9'.repeat(10_000), /too long/],
  ])('%s = %j gets a message beside it', (key, value, message) => {
    const check = parseDegradation({ ...good, [key]: value });
    expect(check.ok).toBe(false);
    if (!check.ok) expect(Object.keys(check.errors)).toEqual([key]);
    if (!check.ok) expect(check.errors[key]).toMatch(message);
  });

  test.each([
    [undefined, 'deep'],
    ['deep', 'deep'],
    ['shallow', 'shallow'],
    ['seed', 'deep'],
  ])('deep no deeper than shallow: the message goes beside the field edited (%s → %s)', (changed, at) => {
    const check = parseDegradation({ ...good, shallow: '2', deep: '2' }, changed);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.errors).toEqual({ [at]: 'The deep networks need more identity blocks per stage than the shallow ones (now 2 and 2).' });
  });

  test('four runs: plain and ResNet at each depth, same seed, steps of one batch each', () => {
    const runs = degradationRuns({ shallow: 1, deep: 2, steps: 10, seed: 7 });
    expect(runs.map((r) => [r.id, r.label])).toEqual([
      ['plain-shallow', 'plain, 1 identity block per stage'],
      ['resnet-shallow', 'ResNet, 1 identity block per stage'],
      ['plain-deep', 'plain, 2 identity blocks per stage'],
      ['resnet-deep', 'ResNet, 2 identity blocks per stage'],
    ]);
    for (const run of runs) {
      expect(run.params).toMatchObject({ preset: 'tiny', epochs: 1, batch: 32, trainSize: 320, seed: 7, residual: run.network === 'resnet' });
      expect(run.params.depth).toBe(run.depth === 'deep' ? 2 : 1);
    }
  });
});

describe('the reference band', () => {
  test('smooths as the chart does', () => {
    const losses = [2.3, 2.1, 1.9, 1.95, 1.7];
    const smoother = new Smoother();
    expect(smoothCurve(losses, 0.9)).toEqual(losses.map((x) => smoother.add(x)));
  });

  test('spread: lowest, median and highest at each step, as far as the shortest curve', () => {
    expect(
      spread([
        [3, 1],
        [1, 2, 9],
        [2, 4],
      ]),
    ).toEqual([
      [1, 2, 3],
      [1, 2, 4],
    ]);
    expect(spread([[1], [4]])).toEqual([[1, 2.5, 4]]);
    expect(spread([])).toEqual([]);
  });

  const toy: Reference = {
    settings: { shallow: 0, deep: 3, steps: 2, dataset: 'fashion-mnist', preset: 'tiny', optimizer: 'adam', lr: 0.003, batch: 32 },
    seeds: [1, 2],
    date: '2026-01-01',
    backend: 'test',
    smoothing: { method: 'ema-bias-corrected', weight: 0.9 },
    seconds: [1, 1],
    runs: {
      'plain-shallow': {
        label: 'plain, 0',
        band: [
          [2, 2.1, 2.2],
          [1.5, 1.6, 1.7],
        ],
        ends: [1.5, 1.7],
      },
      'plain-deep': {
        label: 'plain, 3',
        band: [
          [2, 2.1, 2.2],
          [1.9, 2, 2.1],
        ],
        ends: [1.9, 2.1],
      },
      'resnet-deep': {
        label: 'ResNet, 3',
        band: [
          [2, 2.1, 2.2],
          [1.2, 1.3, 1.4],
        ],
        ends: [1.4, 1.2],
      },
    },
  };

  test('applies to the settings it was made with, whatever the seed', () => {
    expect(matchesReference({ shallow: 0, deep: 3, steps: 2, seed: 9 }, toy)).toBe(true);
    expect(matchesReference({ shallow: 0, deep: 3, steps: 3, seed: 1 }, toy)).toBe(false);
    expect(matchesReference({ shallow: 1, deep: 3, steps: 2, seed: 1 }, toy)).toBe(false);
  });

  test('draws a band and a median line (left out of the legend) per run, in its network class', () => {
    const { bands, medians } = referenceLayers(toy, { 'plain-deep': 'plain deep' });
    expect(bands[1]).toEqual({
      key: 'reference-plain-deep',
      label: 'reference: plain, 3 (2 seeds, min–max and median)',
      className: 'reference plain deep',
      points: [
        { x: 1, lo: 2, hi: 2.2 },
        { x: 2, lo: 1.9, hi: 2.1 },
      ],
    });
    expect(medians[1]).toMatchObject({
      className: 'reference plain deep',
      legend: false,
      points: [
        { x: 1, y: 2.1 },
        { x: 2, y: 2 },
      ],
    });
    expect(bands).toHaveLength(3);
  });

  test('margins seed by seed, and a table cell of where a run ended', () => {
    const found = margins(toy);
    expect(found.map((m) => m.seed)).toEqual([1, 2]);
    expect(found[0]?.depthHurtsPlain).toBeCloseTo(0.4);
    expect(found[1]?.shortcutsHelp).toBeCloseTo(0.9);
    expect(endSummary(toy, 'plain-deep')).toBe('2.000 (1.900 to 2.100)');
    expect(endSummary(toy, 'none')).toBe('—');
  });
});

describe('the committed reference', () => {
  const committed = reference as unknown as Reference;

  test('was made at the experiment’s defaults, with five seeds and the chart’s smoothing', () => {
    expect(matchesReference(DEGRADATION_DEFAULTS, committed)).toBe(true);
    expect(committed.seeds).toHaveLength(5);
    expect(committed.smoothing).toEqual({ method: 'ema-bias-corrected', weight: 0.9 });
    for (const run of Object.values(committed.runs)) expect(run.band).toHaveLength(DEGRADATION_DEFAULTS.steps);
  });

  test('bears out the lesson for every seed: deep plain above shallow plain, deep ResNet below deep plain', () => {
    for (const m of margins(committed)) {
      expect(m.depthHurtsPlain, `seed ${m.seed}`).toBeGreaterThan(0.1);
      expect(m.shortcutsHelp, `seed ${m.seed}`).toBeGreaterThan(0.1);
    }
  });
});
