/**
 * The degradation experiment's reference: the four networks trained at the default settings over
 * several seeds by `npm run reference` (scripts/reference.ts), kept as data. Per network it holds
 * the spread of the smoothed training loss at every step (lowest, median, highest over the seeds)
 * and where each seed ended. The page draws it as a band behind the reader's own curves; the
 * script also uses it to check the lesson's claim seed by seed.
 */
import type { Band, Series } from '../charts/series';
import { DEGRADATION_FIXED, type DegradationParams } from './degradation';
import { Smoother } from './metrics';

/** How the curves were smoothed before comparing them: the chart's own smoothing. */
export interface Smoothing {
  method: 'ema-bias-corrected';
  weight: number;
}

export interface ReferenceRun {
  label: string;
  /** Per step 1, 2, …: [lowest, median, highest] smoothed loss over the seeds. */
  band: [number, number, number][];
  /** Smoothed loss at the last step, one per seed, in the order of `seeds`. */
  ends: number[];
}

export interface Reference {
  /** The settings every run used; the seed aside, they must match the reader's for the band to apply. */
  settings: Omit<DegradationParams, 'seed'> & typeof DEGRADATION_FIXED;
  seeds: number[];
  date: string;
  backend: string;
  smoothing: Smoothing;
  /** Wall time of the four networks of one seed, in seconds, per seed. */
  seconds: number[];
  runs: Record<string, ReferenceRun>;
}

/** The chart's smoothing of a run's losses, step by step. */
export function smoothCurve(losses: readonly number[], weight: number): number[] {
  const smoother = new Smoother(weight);
  return losses.map((loss) => smoother.add(loss));
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/** Lowest, median and highest of several curves at each step (as far as the shortest goes). */
export function spread(curves: readonly (readonly number[])[]): [number, number, number][] {
  const steps = curves.length === 0 ? 0 : Math.min(...curves.map((c) => c.length));
  return Array.from({ length: steps }, (_, i) => {
    const at = curves.map((c) => c[i] as number);
    return [Math.min(...at), median(at), Math.max(...at)];
  });
}

/** Whether the band applies to these settings: all but the seed, which the band spans anyway. */
export function matchesReference(params: DegradationParams, reference: Reference): boolean {
  const s = reference.settings;
  return params.shallow === s.shallow && params.deep === s.deep && params.steps === s.steps;
}

/**
 * What the chart draws for the reference: per run, its min–max band and its median as a thin line
 * left out of the legend (the band's entry names both). `classes` gives each run's colour class.
 */
export function referenceLayers(reference: Reference, classes: Record<string, string>): { bands: Band[]; medians: Series[] } {
  const bands: Band[] = [];
  const medians: Series[] = [];
  for (const [id, run] of Object.entries(reference.runs)) {
    const className = `reference ${classes[id] ?? id}`;
    const label = `reference: ${run.label} (${reference.seeds.length} seeds, min–max and median)`;
    bands.push({ key: `reference-${id}`, label, className, points: run.band.map(([lo, , hi], i) => ({ x: i + 1, lo, hi })) });
    medians.push({
      key: `reference-median-${id}`,
      label: `${run.label}: reference median`,
      className,
      legend: false,
      points: run.band.map(([, mid], i) => ({ x: i + 1, y: mid })),
    });
  }
  return { bands, medians };
}

/** Where a reference run ended over its seeds, for a table cell: `1.43 (1.38 to 1.56)`. */
export function endSummary(reference: Pick<Reference, 'runs'>, id: string): string {
  const ends = reference.runs[id]?.ends ?? [];
  if (ends.length === 0) return '—';
  const [lo, mid, hi] = spread(ends.map((end) => [end]))[0] as [number, number, number];
  return `${mid.toFixed(3)} (${lo.toFixed(3)} to ${hi.toFixed(3)})`;
}

export interface SeedMargins {
  seed: number;
  /** Deep plain's end loss minus shallow plain's: above 0 when depth hurt the plain network. */
  depthHurtsPlain: number;
  /** Deep plain's end loss minus deep ResNet's: above 0 when shortcuts helped at depth. */
  shortcutsHelp: number;
}

/** The lesson's two claims, seed by seed, from the smoothed end losses. */
export function margins(reference: Pick<Reference, 'seeds' | 'runs'>): SeedMargins[] {
  const end = (id: string, i: number) => reference.runs[id]?.ends[i] ?? NaN;
  return reference.seeds.map((seed, i) => ({
    seed,
    depthHurtsPlain: end('plain-deep', i) - end('plain-shallow', i),
    shortcutsHelp: end('plain-deep', i) - end('resnet-deep', i),
  }));
}
