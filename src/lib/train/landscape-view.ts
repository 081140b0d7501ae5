/**
 * Pure helpers of the loss-landscape figure: the smoothed grid its contours are traced on, the
 * colour scale both panels share, the progress of a run, and the words of its text alternative.
 * No DOM, so each is tested in Node (tests/unit/landscape.test.ts).
 */
import type { LandscapeEvent, LandscapeNetwork, LandscapeParams } from './landscape-experiment';

/**
 * The grid refined `factor` times by bilinear interpolation, so that contours traced on it bend
 * smoothly instead of in steps of one grid cell. Every original value is kept at its place
 * (row i, column j of `grid` is row i·factor, column j·factor of the result); the values between
 * are interpolated, never invented. Returns the refined grid row by row, and its side.
 */
export function refine(grid: readonly (readonly number[])[], factor: number): { values: number[]; side: number } {
  const n = grid.length;
  if (n < 2 || grid.some((row) => row.length !== n)) throw new RangeError(`refine: grid must be square, at least 2 × 2; got ${n} rows.`);
  if (!(Number.isInteger(factor) && factor >= 1)) throw new RangeError(`refine: factor must be a whole number from 1; got ${factor}.`);
  const side = (n - 1) * factor + 1;
  const values: number[] = [];
  for (let r = 0; r < side; r++) {
    const i = Math.min(Math.floor(r / factor), n - 2);
    const u = r / factor - i;
    for (let c = 0; c < side; c++) {
      const j = Math.min(Math.floor(c / factor), n - 2);
      const v = c / factor - j;
      const at = (a: number, b: number) => grid[a]![b]!;
      values.push((1 - u) * ((1 - v) * at(i, j) + v * at(i, j + 1)) + u * ((1 - v) * at(i + 1, j) + v * at(i + 1, j + 1)));
    }
  }
  return { values, side };
}

/** The lowest and highest loss over every grid drawn: the colour scale both panels share. */
export function sharedRange(grids: readonly (readonly (readonly number[])[])[]): [number, number] {
  const all = grids.flatMap((g) => g.flat()).filter(Number.isFinite);
  if (all.length === 0) return [1, 10];
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  return hi > lo ? [lo, hi] : [lo, lo * 1.01 + 1e-6];
}

/**
 * How far a run has come, 0 to 100. Work is counted in training steps and grid points, weighted by
 * their cost: one grid point (a forward pass over the test images) costs about `pointCost`
 * training steps. The plain network comes first, then the ResNet.
 */
export function landscapeProgress(p: LandscapeParams, event: LandscapeEvent, pointCost = 1): number {
  const perNetwork = p.steps + p.grid * p.grid * pointCost;
  const before = event.network === 'plain' ? 0 : perNetwork;
  const within = event.type === 'training' ? event.step : event.type === 'row' ? p.steps + (event.row + 1) * p.grid * pointCost : perNetwork;
  return Math.min(100, Math.round((100 * (before + within)) / (2 * perNetwork)));
}

/** A panel's title: the network and its depth in layers with weights, as the lab counts them. */
export function panelTitle(network: LandscapeNetwork, layers: number): string {
  return `${network === 'resnet' ? 'ResNet' : 'plain'}, ${layers} layers`;
}

/** Three significant figures, without an exponent for the numbers a loss takes. */
export const fmt = (x: number): string => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(3));

/** The ratio in words: "12 times", or "less rough" when the plain surface is not the rougher one. */
export function ratioSentence(plain: number, resnet: number): string {
  if (resnet === 0 && plain === 0) return 'Neither slice bends downward anywhere: by this measure both are smooth bowls.';
  if (resnet === 0) return 'The ResNet’s slice never bends downward (roughness 0), while the plain network’s does.';
  const ratio = plain / resnet;
  if (ratio >= 1) return `The plain network’s slice is ${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(1)} times rougher than the ResNet’s.`;
  return `This time the plain network’s slice is the smoother one: ${(1 / ratio).toFixed(1)} times less rough than the ResNet’s.`;
}

export interface SurfaceSummary {
  network: LandscapeNetwork;
  layers: number;
  losses: readonly (readonly number[])[];
  roughness: number;
}

/** The figure's text alternative: per panel the loss at the centre, the lowest and highest, and the roughness; then the ratio. */
export function describeLandscape(surfaces: readonly SurfaceSummary[], span: number): string {
  const parts = surfaces.map((s) => {
    const all = s.losses.flat();
    const n = s.losses.length;
    const centre = s.losses[(n - 1) / 2]?.[(n - 1) / 2] ?? NaN;
    return (
      `${panelTitle(s.network, s.layers)}: loss ${fmt(centre)} at the trained weights, lowest ${fmt(Math.min(...all))}, ` +
      `highest ${fmt(Math.max(...all))} over the ${n} × ${n} grid; roughness ${fmt(s.roughness)}.`
    );
  });
  const plain = surfaces.find((s) => s.network === 'plain');
  const resnet = surfaces.find((s) => s.network === 'resnet');
  const ratio = plain && resnet ? ` ${ratioSentence(plain.roughness, resnet.roughness)}` : '';
  return `Test loss around the trained weights along two random filter-normalised directions, α and β from −${span} to ${span}. ${parts.join(' ')}${ratio}`;
}
