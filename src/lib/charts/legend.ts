/**
 * What a line chart's legend lists: one entry per band, then one per series that asks for one,
 * each with the sample it draws (a shaded box, or a line with or without a dot), so the reader
 * tells entries apart by dash and marker, not colour alone. The chart draws these once it runs;
 * the server draws the same entries in the chart's stand-in (ChartStandIn.astro), so the legend
 * is there, at its size, before the chart's code arrives.
 */
import type { Band, Series } from './series';

export interface LegendEntry {
  key: string;
  label: string;
  /** The sample: a shaded box (a band) or a line (a series). */
  kind: 'band' | 'line';
  /** The CSS classes the sample shares with what it stands for. */
  className: string;
  /** A dot on the line, as the series draws one at each point. */
  markers: boolean;
}

export function legendEntries(series: readonly Series[], bands: readonly Band[] = []): LegendEntry[] {
  return [
    ...bands.map((b) => ({ key: `band ${b.className}`, label: b.label, kind: 'band' as const, className: b.className, markers: false })),
    ...series
      .filter((s) => s.legend !== false)
      .map((s) => ({
        key: `${s.className}${s.markers ? ' markers' : ''}`,
        label: s.label,
        kind: 'line' as const,
        className: s.className,
        markers: !!s.markers,
      })),
  ];
}
