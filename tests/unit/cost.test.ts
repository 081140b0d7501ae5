import { describe, expect, test } from 'vitest';
import { basicCost, bottleneckCost, compareCosts, convCost, costRows, formatCount, projectionCost, ResNetArgumentError } from '../../src/lib/resnet';

describe('what a block costs, counted as He et al. 2016 count it (conv kernels only)', () => {
  test('the bottleneck of ResNet-50 stage 2 on (56, 56, 256), [64, 64, 256], f = 3', () => {
    const cost = bottleneckCost([56, 56, 256], 3, [64, 64, 256]);
    // 1×1×256×64, 3×3×64×64, 1×1×64×256
    expect(cost.convs.map((c) => c.weights)).toEqual([16_384, 36_864, 16_384]);
    expect(cost.convs.map((c) => c.label)).toEqual(['1×1, 256 → 64', '3×3, 64 → 64', '1×1, 64 → 256']);
    expect(cost.weights).toBe(69_632);
    // Every conv keeps 56 × 56 = 3,136 positions at stride 1.
    expect(cost.convs.map((c) => c.macs)).toEqual([16_384 * 3_136, 36_864 * 3_136, 16_384 * 3_136]);
    expect(formatCount(cost.macs)).toBe('218,365,952');
    expect(cost.convs.at(-1)!.outputShape).toEqual([56, 56, 256]);
  });

  test('the basic block of ResNet-34 on (56, 56, 64) costs about the same: the paper’s “similar time complexity”', () => {
    const basic = basicCost([56, 56, 64], 3);
    expect(basic.convs.map((c) => c.weights)).toEqual([36_864, 36_864]);
    expect(basic.weights).toBe(73_728);
    expect(formatCount(basic.macs)).toBe('231,211,008');
  });

  test('a basic block as wide as the bottleneck’s 256 channels costs about 17 times as much', () => {
    const basic = basicCost([56, 56, 256], 3);
    expect(basic.weights).toBe(1_179_648);
    expect(formatCount(basic.macs)).toBe('3,699,376,128');
    expect(basic.weights / bottleneckCost([56, 56, 256], 3, [64, 64, 256]).weights).toBeCloseTo(16.94, 2);
  });

  test('a projection on the 256-wide shortcut would add 65,536 weights, 94 % of the bottleneck’s', () => {
    const projection = projectionCost([56, 56, 256], 256);
    expect(projection.weights).toBe(65_536);
    expect(formatCount(projection.macs)).toBe('205,520,896');
    expect(projection.weights / 69_632).toBeCloseTo(0.941, 3);
  });

  test('the explorer’s comparison on its default block: (4, 4, 6), f = 2, [2, 4, 6]', () => {
    const c = compareCosts(4, 4, 6, 2, [2, 4, 6]);
    // 1×1×6×2 + 2×2×2×4 + 1×1×4×6 = 12 + 32 + 24; × 16 positions
    expect([c.bottleneck.weights, c.bottleneck.macs]).toEqual([68, 1_088]);
    // two 2×2×6×6 = 288; two 2×2×2×2 = 32; 1×1×6×6 = 36
    expect([c.basicSameWidth.weights, c.basicSameWidth.macs]).toEqual([288, 4_608]);
    expect([c.basicInnerWidth.weights, c.basicInnerWidth.macs]).toEqual([32, 512]);
    expect([c.projection.weights, c.projection.macs]).toEqual([36, 576]);
  });

  test('a strided conv counts its output positions, with same padding: ⌈7 / 2⌉ × ⌈5 / 2⌉', () => {
    const conv = convCost([7, 5, 3], 3, 4, 2);
    expect(conv.outputShape).toEqual([4, 3, 4]);
    expect([conv.weights, conv.macs]).toEqual([108, 108 * 12]);
  });

  test('bad arguments name themselves', () => {
    expect(() => convCost([4, 4], 1, 2)).toThrow(ResNetArgumentError);
    expect(() => convCost([4, 4, 6], 0, 2)).toThrow(/kernel must be a positive integer/);
    expect(() => bottleneckCost([4, 4, 6], 2, [2, 0, 6])).toThrow(/filters must be a positive integer/);
  });
});

test('the explorer’s cost table at ResNet-50 stage 2: the basic block on F1 = 64 channels costs about what the bottleneck does', () => {
  expect(costRows(56, 56, 256, 3, [64, 64, 256])).toEqual([
    {
      id: 'bottleneck',
      block: 'Bottleneck [64, 64, 256] on (56, 56, 256)',
      convs: ['1×1, 256 → 64', '3×3, 64 → 64', '1×1, 64 → 256'],
      weights: '69,632',
      macs: '218,365,952',
      ratio: '1.00×',
    },
    {
      id: 'basic-same',
      block: 'Basic block, two 3×3 on (56, 56, 256)',
      convs: ['3×3, 256 → 256', '3×3, 256 → 256'],
      weights: '1,179,648',
      macs: '3,699,376,128',
      ratio: '16.94×',
    },
    {
      id: 'basic-inner',
      block: 'Basic block, two 3×3 on (56, 56, 64)',
      convs: ['3×3, 64 → 64', '3×3, 64 → 64'],
      weights: '73,728',
      macs: '231,211,008',
      ratio: '1.06×',
    },
    { id: 'projection', block: 'A 1×1 projection shortcut, 256 → 256', convs: ['1×1, 256 → 256'], weights: '65,536', macs: '205,520,896', ratio: '0.94×' },
  ]);
});
