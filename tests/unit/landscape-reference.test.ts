import { describe, expect, test } from 'vitest';
import { bandSentence, type LandscapeReference } from '../../src/lib/train/landscape-reference';

const settings = {
  blocks: 4,
  steps: 120,
  grid: 11,
  images: 128,
  span: 0.25,
  layers: 32,
  dataset: 'fashion-mnist',
  preset: 'tiny',
  optimizer: 'adam',
  lr: 0.003,
  batch: 32,
};

function reference(runs: [seed: number, plain: number, resnet: number][]): LandscapeReference {
  return {
    settings,
    seeds: runs.map(([seed]) => seed),
    date: '2026-12-03',
    backend: 'wasm',
    measure: 'the share of downward bending',
    runs: runs.map(([seed, plain, resnet]) => ({
      seed,
      plain,
      resnet,
      ratio: resnet > 0 ? Math.round((1000 * plain) / resnet) / 1000 : null,
      centreLoss: { plain: 1.5, resnet: 1.1 },
      seconds: 20,
    })),
  };
}

const START = 'Reference: across 5 seeds at the default settings (32 layers, 120 steps, a grid of 11 × 11 points on 128 test images), ';

describe('bandSentence', () => {
  test('names the seeds that go the other way, and the band of the rest', () => {
    const r = reference([
      [1, 0.0121, 0.0343],
      [2, 0.00075, 0.000152],
      [3, 0.121, 0.0161],
      [4, 0.0204, 0.0159],
      [5, 0.152, 0.0212],
    ]);
    expect(bandSentence(r)).toBe(
      START +
        'the plain network’s slice was the rougher for 4 of them, 1.3 to 7.5 times the ResNet’s; for seed 1 the ResNet’s was (the plain one 0.35 times as rough).',
    );
  });

  test('says "every one of them" when no seed goes the other way, and counts slices that never bend down', () => {
    const r = reference([
      [1, 0.03, 0.015],
      [2, 0.09, 0.03],
      [3, 0.06, 0],
      [4, 0.1, 0.004],
      [5, 0.09, 0.015],
    ]);
    expect(bandSentence(r)).toBe(
      START +
        'the plain network’s slice was the rougher for every one of them, 2.0 to 25 times the ResNet’s (for one of these the ResNet’s never bent down near its centre at all).',
    );
  });
});
