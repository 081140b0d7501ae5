/**
 * The loss landscape's reference: the figure's experiment at its default settings over several
 * seeds (`npm run reference`, scripts/landscape-reference.ts), kept as data: per seed the two
 * roughness numbers and their ratio. The lesson and the figure quote its band.
 */
import type { LandscapeParams } from './landscape-experiment';

export interface LandscapeReference {
  settings: Omit<LandscapeParams, 'seed'> & { span: number; layers: number; dataset: string; preset: string; optimizer: string; lr: number; batch: number };
  seeds: number[];
  date: string;
  backend: string;
  /** The roughness measure, in words. */
  measure: string;
  /** `ratio` is null where the ResNet's middle never bends down (roughness 0): no finite ratio. */
  runs: { seed: number; plain: number; resnet: number; ratio: number | null; centreLoss: { plain: number; resnet: number }; seconds: number }[];
}

const times = (x: number) => (x >= 10 ? x.toFixed(0) : x.toFixed(1));

/**
 * The band in a sentence: "Reference: across 5 seeds at the default settings (…), the plain
 * network’s slice was the rougher for 4 of them, 1.3 to 7.5 times the ResNet’s; for seed 1 the
 * ResNet’s was (the plain one 0.35 times as rough)."
 */
export function bandSentence(reference: LandscapeReference): string {
  const { layers, steps, grid, images } = reference.settings;
  const rougher = reference.runs.filter((r) => r.plain > r.resnet);
  const ratios = rougher.flatMap((r) => (r.ratio === null ? [] : [r.ratio]));
  const flat = rougher.length - ratios.length;
  const other = reference.runs.filter((r) => !(r.plain > r.resnet));
  const count = rougher.length === reference.runs.length ? 'every one of them' : `${rougher.length} of them`;
  const parts = [
    ratios.length === 0
      ? `the ResNet’s slice never bent down near its centre for ${count}, while the plain network’s did`
      : `the plain network’s slice was the rougher for ${count}, ${times(Math.min(...ratios))} to ${times(Math.max(...ratios))} times the ResNet’s` +
        (flat > 0 ? ` (for ${flat === 1 ? 'one' : flat} of these the ResNet’s never bent down near its centre at all)` : ''),
    ...other.map((r) => `for seed ${r.seed} the ResNet’s was (the plain one ${r.ratio === null ? 'as smooth' : `${r.ratio.toFixed(2)} times as rough`})`),
  ];
  return `Reference: across ${reference.seeds.length} seeds at the default settings (${layers} layers, ${steps} steps, a grid of ${grid} × ${grid} points on ${images} test images), ${parts.join('; ')}.`;
}
