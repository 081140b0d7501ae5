/**
 * The small ResNets' settings and the lab's presets. Plain data, apart from the builder in
 * small.ts, so that pages can show and check settings without loading TF.js.
 */

export interface SmallResNetConfig {
  inputShape: [number, number, number];
  classes: number;
  /** Filters of the stem's 3×3 conv. */
  stem: number;
  /** One entry per stage: F1 (F2 = F1, F3 = 4·F1, the bottleneck ratio of ResNet-50), stride, identity blocks. */
  stages: { F1: number; s: number; identityBlocks: number }[];
  /** false builds the plain twin. */
  residual: boolean;
}

export type PresetName = 'tiny' | 'small';

/** Tiny trains an epoch in about a minute without a GPU; Small is the lab's default. */
export const PRESETS: Record<PresetName, Omit<SmallResNetConfig, 'residual'>> = {
  tiny: {
    inputShape: [28, 28, 1],
    classes: 10,
    stem: 8,
    stages: [
      { F1: 4, s: 2, identityBlocks: 0 },
      { F1: 8, s: 2, identityBlocks: 0 },
    ],
  },
  small: {
    inputShape: [28, 28, 1],
    classes: 10,
    stem: 16,
    stages: [
      { F1: 8, s: 1, identityBlocks: 1 },
      { F1: 16, s: 2, identityBlocks: 1 },
      { F1: 32, s: 2, identityBlocks: 1 },
    ],
  },
};
