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

/** The band in a sentence: "Across 5 seeds at these settings the plain network's slice was 1.9 to 12 times rougher than the ResNet's." */
export function bandSentence(reference: LandscapeReference): string {
  const ratios = reference.runs.flatMap((r) => (r.ratio === null ? [] : [r.ratio]));
  const flat = reference.runs.length - ratios.length;
  const { layers, steps, grid, images } = reference.settings;
  const band =
    ratios.length === 0
      ? 'the ResNet’s slice never bent down near its centre, while the plain network’s did'
      : `the plain network’s slice was ${times(Math.min(...ratios))} to ${times(Math.max(...ratios))} times rougher than the ResNet’s` +
        (flat > 0 ? `; for ${flat === 1 ? 'one more seed' : `${flat} more seeds`} the ResNet’s never bent down near its centre at all` : '');
  return `Reference: across ${reference.seeds.length} seeds at the default settings (${layers} layers, ${steps} steps, a grid of ${grid} × ${grid} points on ${images} test images), ${band}.`;
}
