import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { smallResNet, type SmallResNetConfig } from '../../src/lib/resnet/small';
import { describeBlock, describeShare, describeStage } from '../../src/lib/train/inside-text';
import { blockTags, imageInput, inspectModel, InspectArgumentError, topChannels, type BlockInside, type MapSet } from '../../src/lib/train/inspect';
import { expectNoLeak, maxAbsDiff, seededFloats } from './helpers';

/** Stem of 4 on 8 × 8, stage 2 (a projection block 2a and an identity block 2b, 8 channels), stage 3 (3a, stride 2). */
const CONFIG: SmallResNetConfig = {
  inputShape: [8, 8, 1],
  classes: 3,
  stem: 4,
  stages: [
    { F1: 2, s: 1, identityBlocks: 1 },
    { F1: 2, s: 2, identityBlocks: 0 },
  ],
  residual: true,
};
const seeded = { kernelInitializer: tf.initializers.glorotUniform({ seed: 7 }) };
const image = seededFloats(3)(64, 0, 1);

/** As the worker gets it: saved to files and loaded back, so the ReLUs and Adds have only automatic names. */
async function roundTrip(model: tf.LayersModel): Promise<tf.LayersModel> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (a) => ((saved = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
  return tf.loadLayersModel(tf.io.fromMemory(saved as tf.io.ModelArtifacts));
}

const meanAbs = (map: Float32Array) => map.reduce((s, v) => s + Math.abs(v), 0) / map.length;

let residual: tf.LayersModel;
let plain: tf.LayersModel;
let x: tf.Tensor4D;

beforeAll(async () => {
  const built = [smallResNet(CONFIG, seeded), smallResNet({ ...CONFIG, residual: false }, seeded)];
  [residual, plain] = (await Promise.all(built.map(roundTrip))) as [tf.LayersModel, tf.LayersModel];
  for (const m of built) m.dispose();
  x = tf.tensor4d(image, [1, 8, 8, 1]);
});
afterAll(() => {
  residual.dispose();
  plain.dispose();
  x.dispose();
});

test('topChannels picks the largest mean |value| first, the lower index on a tie', () => {
  // Channel means of |v| over the two positions: 1.5, 3, 0.5, 3.
  const t = tf.tensor4d([1, -3, 0, 3, -2, 3, 1, 3], [1, 1, 2, 4]);
  expect(topChannels(t, 3)).toEqual([1, 3, 0]);
  expect(topChannels(t, 9)).toEqual([1, 3, 0, 2]);
  t.dispose();
});

test('the blocks are named as the layers are', () => {
  expect(blockTags(residual)).toEqual(['2a', '2b', '3a']);
  expect(blockTags(plain)).toEqual(['2a', '2b', '3a']);
});

describe('a residual model', () => {
  test('maps the stem and each stage, a few channels each, most active first', () => {
    const inside = inspectModel(residual, x, { channels: 3 });
    expect(inside.stages.map((s) => [s.label, s.shape])).toEqual([
      ['stem', [8, 8, 4]],
      ['stage 2', [8, 8, 8]],
      ['stage 3', [4, 4, 8]],
    ]);
    for (const stage of inside.stages) {
      expect(stage.channels).toHaveLength(3);
      expect(stage.maps.map((m) => m.length)).toEqual([1, 2, 3].map(() => stage.shape[0] * stage.shape[1]));
      const means = stage.maps.map(meanAbs);
      expect([...means].sort((a, b) => b - a)).toEqual(means);
      // Every channel left out is at most as active as the last one shown.
      const all = inspectModel(residual, x, { channels: stage.shape[2] }).stages.find((s) => s.label === stage.label);
      expect(all?.channels.slice(0, 3)).toEqual(stage.channels);
      for (const m of all?.maps.slice(3) ?? []) expect(meanAbs(m)).toBeLessThanOrEqual(means[2] as number);
      expect(stage.min).toBeGreaterThanOrEqual(0); // after a ReLU
      expect(stage.max).toBe(Math.max(...stage.maps.flatMap((m) => [...m])));
    }
  });

  test.each(['2a', '2b', '3a'])('block %s: main + shortcut is the sum, its ReLU the output', (block) => {
    const b = inspectModel(residual, x, { block, blockChannels: 8 }).block;
    expect(b.residual).toBe(true);
    expect(b.channels).toHaveLength(8);
    b.main.forEach((main, i) => {
      const sum = main.map((v, j) => v + (b.shortcut?.[i]?.[j] ?? NaN));
      expect(maxAbsDiff(sum, b.added?.[i] as Float32Array)).toBeLessThan(1e-5);
      expect(
        maxAbsDiff(
          sum.map((v) => Math.max(0, v)),
          b.output[i] as Float32Array,
        ),
      ).toBeLessThan(1e-5);
    });
  });

  test('the shares are Σ|shortcut| / (Σ|shortcut| + Σ|main|), per position and over the block, all in [0, 1]', () => {
    const b = inspectModel(residual, x, { block: '2b', blockChannels: 8 }).block;
    const [h, w] = b.shape;
    expect(b.share).toHaveLength(h * w);
    const sumAbs = (maps: Float32Array[], p: number) => maps.reduce((s, m) => s + Math.abs(m[p] as number), 0);
    let s = 0;
    let t = 0;
    for (let p = 0; p < h * w; p++) {
      const sp = sumAbs(b.shortcut as Float32Array[], p);
      const mp = sumAbs(b.main, p);
      // Where both paths are 0 (a position with no signal at all) the share is defined as 0.
      expect(b.share?.[p]).toBeCloseTo(sp + mp > 0 ? sp / (sp + mp) : 0, 5);
      expect(b.share?.[p]).toBeGreaterThanOrEqual(0);
      expect(b.share?.[p]).toBeLessThanOrEqual(1);
      s += sp;
      t += sp + mp;
    }
    expect(b.shortcutShare).toBeCloseTo(s / t, 5);
    expect(b.shortcutShare).toBeGreaterThan(0);
    expect(b.shortcutShare).toBeLessThan(1);
  });

  test("an identity block's shortcut is its input: the previous block's output", () => {
    const a = inspectModel(residual, x, { block: '2a', blockChannels: 8 }).block;
    const b = inspectModel(residual, x, { block: '2b', blockChannels: 8 }).block;
    b.channels.forEach((c, i) => {
      const same = a.output[a.channels.indexOf(c)] as Float32Array;
      expect(maxAbsDiff(b.shortcut?.[i] as Float32Array, same)).toBeLessThan(1e-6);
    });
  });

  test('the first block by default, three channels, and no tensor left behind', () =>
    expectNoLeak(() => {
      const inside = inspectModel(residual, x);
      expect(inside.block.block).toBe('2a');
      expect(inside.block.channels).toHaveLength(3);
      expect(inside.stages[1]?.channels).toHaveLength(6);
      expect(inside.blocks).toEqual(['2a', '2b', '3a']);
    }));
});

test('a plain twin has no shortcut: its output is the ReLU of the main path', () =>
  expectNoLeak(() => {
    const b = inspectModel(plain, x, { block: '2b' }).block;
    expect(b.residual).toBe(false);
    expect(b.shortcut).toBeUndefined();
    expect(b.share).toBeUndefined();
    expect(b.shortcutShare).toBeUndefined();
    b.main.forEach((m, i) =>
      expect(
        maxAbsDiff(
          m.map((v) => Math.max(0, v)),
          b.output[i] as Float32Array,
        ),
      ).toBeLessThan(1e-6),
    );
  }));

test('the model still predicts as before, and its weights are intact', async () => {
  const before = tf.tidy(() => (residual.predict(x) as tf.Tensor).dataSync());
  inspectModel(residual, x);
  const after = tf.tidy(() => (residual.predict(x) as tf.Tensor).dataSync());
  expect(maxAbsDiff(before, after)).toBe(0);
});

test('errors name the argument and what to do', () => {
  const bad = tf.zeros([2, 8, 8, 1]);
  expect(() => inspectModel(residual, bad)).toThrow(InspectArgumentError);
  expect(() => inspectModel(residual, bad)).toThrow(/input: .*batch axis of 1/);
  expect(() => inspectModel(residual, x, { block: '5c' })).toThrow(/block: the model has no block "5c"; pick one of 2a, 2b, 3a/);
  expect(() => imageInput(residual, new Float32Array(10))).toThrow(/grey: expected 784/);
  bad.dispose();
});

test('imageInput fits a 28 × 28 grey image to the model: resized and repeated over channels', () =>
  expectNoLeak(() => {
    const rgb = smallResNet({ ...CONFIG, inputShape: [16, 16, 3] }, seeded);
    const grey = new Float32Array(784).fill(0.25);
    const input = imageInput(rgb, grey);
    expect(input.shape).toEqual([1, 16, 16, 3]);
    expect(maxAbsDiff(input.dataSync(), new Float32Array(768).fill(0.25))).toBeLessThan(1e-6);
    input.dispose();
    rgb.dispose();
  }));

describe('the figures in words', () => {
  const stage: MapSet = { label: 'stage 3', shape: [7, 7, 32], channels: [5, 0, 17], maps: [], min: 0, max: 2.345 };
  const block: BlockInside = {
    block: '2a',
    residual: true,
    shape: [14, 14, 16],
    channels: [3, 9],
    main: [],
    output: [],
    min: -1.5,
    max: 2,
    share: Float32Array.from([0.25, 0.5, 1, 0]),
    shortcutShare: 0.584,
  };

  test('a stage: its shape in Keras notation, the channels shown, the range', () => {
    expect(describeStage(stage)).toBe(
      'Stage 3 output (its last block), shape (None, 7, 7, 32): channels 5, 0 and 17, the 3 most active of 32, values from 0.00 to 2.35.',
    );
    expect(describeStage({ ...stage, label: 'stem', shape: [28, 28, 3], channels: [2, 0, 1] })).toBe(
      'Stem output, shape (None, 28, 28, 3): all 3 channels, values from 0.00 to 2.35.',
    );
  });

  test("a block: its paths, the channels, the range and the shortcut's share", () => {
    expect(describeBlock(block)).toBe(
      'Block 2a, output shape (None, 14, 14, 16): main path F(x), shortcut and output after the ReLU for channels 3 and 9 (of 16), values from −1.50 to 2.00. The shortcut carries 58 % of the signal added into the block.',
    );
    expect(describeShare(block)).toBe(
      'Where the shortcut carries the signal in block 2a, 14 × 14 positions: its share from 0.00 to 1.00, where 0 is all main path and 1 all shortcut. Over the block: 58 %.',
    );
  });

  test('a plain twin says it has no shortcut', () => {
    const plainBlock = { ...block, residual: false, channels: [4] };
    expect(describeBlock(plainBlock)).toMatch(/^Block 2a of the plain twin, output shape \(None, 14, 14, 16\): it has no shortcut\. .* channel 4 \(of 16\)/);
  });
});
