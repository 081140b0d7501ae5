import { describe, expect, it } from 'vitest';
import { describeLandscape, landscapeProgress, refine, sharedRange } from '../../src/lib/train/landscape-view';
import { LANDSCAPE_DEFAULTS, parseLandscape } from '../../src/lib/train/landscape-experiment';

describe('the figure’s helpers', () => {
  it('refine keeps every grid value at its place and interpolates between', () => {
    const { values, side } = refine(
      [
        [0, 2],
        [4, 6],
      ],
      2,
    );
    expect(side).toBe(3);
    expect(values).toEqual([0, 1, 2, 2, 3, 4, 4, 5, 6]);
  });

  it('shares one range over both grids', () => {
    expect(sharedRange([[[1.5, 2]], [[0.9, 7]]])).toEqual([0.9, 7]);
  });

  it('counts progress from 0 to 100 over both networks', () => {
    const p = { ...LANDSCAPE_DEFAULTS, steps: 10, grid: 5 };
    expect(landscapeProgress(p, { type: 'training', network: 'plain', step: 10, steps: 10, loss: 1, layers: 8 })).toBe(14);
    expect(landscapeProgress(p, { type: 'row', network: 'resnet', row: 4, losses: [] })).toBe(100);
  });

  it('describes both maps with their numbers and the ratio', () => {
    const text = describeLandscape(
      [
        {
          network: 'plain',
          layers: 32,
          losses: [
            [3, 2, 3],
            [2, 1.5, 2],
            [3, 2, 9],
          ],
          roughness: 0.06,
        },
        {
          network: 'resnet',
          layers: 32,
          losses: [
            [2, 1.5, 2],
            [1.5, 1.2, 1.5],
            [2, 1.5, 2],
          ],
          roughness: 0.002,
        },
      ],
      0.25,
    );
    expect(text).toContain('plain, 32 layers: loss 1.50 at the trained weights, lowest 1.50, highest 9.00');
    expect(text).toContain('ResNet, 32 layers: loss 1.20');
    expect(text).toContain('30 times rougher');
  });
});

describe('parseLandscape', () => {
  it('reads the defaults and a tiny setting', () => {
    const raw = (p: Record<string, number>) => Object.fromEntries(Object.entries(p).map(([k, v]) => [`landscape-${k}`, String(v)]));
    expect(parseLandscape(raw({ ...LANDSCAPE_DEFAULTS }))).toEqual({ ok: true, params: LANDSCAPE_DEFAULTS });
    expect(parseLandscape(raw({ ...LANDSCAPE_DEFAULTS, steps: 10, grid: 5, images: 64 }))).toMatchObject({
      ok: true,
      params: { steps: 10, grid: 5, images: 64 },
    });
  });

  it.each([
    ['landscape-grid', '6', /odd number.*try 7/],
    ['landscape-grid', '99', /at most 21/],
    ['landscape-steps', '1e9', /at most 156/],
    ['landscape-images', 'lots', /whole number/],
    ['landscape-blocks', '0', /at least 1/],
  ])('gives %s = %s a message beside it', (key, value, message) => {
    const raw = Object.fromEntries(Object.entries(LANDSCAPE_DEFAULTS).map(([k, v]) => [`landscape-${k}`, String(v)]));
    const check = parseLandscape({ ...raw, [key]: value });
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.errors[key]).toMatch(message);
  });
});
