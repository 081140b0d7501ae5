/**
 * What lesson 1's gradient demo shows around its charts, apart from the training: free of TF.js,
 * so the page can load it with the charts and TF.js only when the reader trains.
 */
import type { GradientSample } from './gradient-demo';

/**
 * What the demo says over results that no longer match its settings: the depth they were trained
 * at (`shown`), and the one the field now asks for (`wanted`, undefined while the field is
 * invalid). Undefined when there is nothing to say: no results yet, or results for that depth.
 */
export function staleNote(shown: number | undefined, wanted: number | undefined): string | undefined {
  if (shown === undefined || shown === wanted) return undefined;
  const again = wanted === undefined ? '' : ` Train again to see depth ${wanted}.`;
  return `These results are for depth ${shown}.${again}`;
}

/** Every gradient norm of both networks' samples: what their charts' shared y range must hold. */
export function gradientNorms(...runs: readonly GradientSample[][]): number[] {
  return runs.flatMap((samples) => samples.flatMap((s) => [s.early, s.middle, s.late]));
}
