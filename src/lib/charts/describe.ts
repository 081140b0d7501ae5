/**
 * Words and numbers for a line chart's text alternative: a sentence per series and a table of the
 * same figures (points, first, latest, lowest, highest). Pure, so the charts' screen-reader text
 * is tested like any other output; the chart class only writes it into the page.
 */
import type { Series } from './series';

type Point = Series['points'][number];

export interface SeriesFigures {
  label: string;
  count: number;
  first?: Point;
  latest?: Point;
  /** Lowest and highest finite values; undefined when there is no finite value. */
  lowest?: Point;
  highest?: Point;
}

/** A number as the chart's readers see it: 3 significant digits, exponent notation when tiny or huge. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'not a number';
  if (!Number.isFinite(value)) return value > 0 ? 'infinite' : 'minus infinite';
  if (value === 0) return '0';
  const size = Math.abs(value);
  if (size < 1e-3 || size >= 1e5) return value.toExponential(1);
  return Number(value.toPrecision(3)).toString();
}

export function seriesFigures(series: readonly Series[]): SeriesFigures[] {
  return series.map(({ label, points }) => {
    const finite = points.filter((p) => Number.isFinite(p.y));
    const pick = (better: (a: Point, b: Point) => boolean) =>
      finite.reduce<Point | undefined>((best, p) => (best === undefined || better(p, best) ? p : best), undefined);
    return {
      label,
      count: points.length,
      first: points[0],
      latest: points.at(-1),
      lowest: pick((a, b) => a.y < b.y),
      highest: pick((a, b) => a.y > b.y),
    };
  });
}

export interface DescribeOptions {
  /** What x counts, singular, e.g. "training step". */
  xLabel: string;
  format?: (value: number) => string;
}

/**
 * One sentence per series, e.g. "training: 40 points, training step 1 to 40; latest 0.532
 * (first 2.31, lowest 0.498 at training step 37, highest 2.31 at training step 1)."
 */
export function describeSeries(series: readonly Series[], { xLabel, format = formatValue }: DescribeOptions): string {
  if (series.length === 0) return 'No data yet.';
  return seriesFigures(series)
    .map((s) => {
      if (!s.first || !s.latest) return `${s.label}: no data yet.`;
      const points = `${s.count} point${s.count === 1 ? '' : 's'}`;
      const span = s.count === 1 ? `at ${xLabel} ${s.latest.x}` : `${xLabel} ${s.first.x} to ${s.latest.x}`;
      const extremes =
        s.count > 1 && s.lowest && s.highest
          ? ` (first ${format(s.first.y)}, lowest ${format(s.lowest.y)} at ${xLabel} ${s.lowest.x}, highest ${format(s.highest.y)} at ${xLabel} ${s.highest.x})`
          : '';
      return `${s.label}: ${points}, ${span}; latest ${format(s.latest.y)}${extremes}.`;
    })
    .join(' ');
}

/** The same figures as table rows: series, points, latest x, latest value, lowest, highest. */
export function figureRows(series: readonly Series[], format: (value: number) => string = formatValue): string[][] {
  const none = '—';
  return seriesFigures(series).map((s) => [
    s.label,
    String(s.count),
    s.latest ? String(s.latest.x) : none,
    s.latest ? format(s.latest.y) : none,
    s.lowest ? format(s.lowest.y) : none,
    s.highest ? format(s.highest.y) : none,
  ]);
}
