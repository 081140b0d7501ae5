/**
 * Draws a line chart's legend (line-chart.ts) into its list: one item per entry, each with a sample
 * of what it stands for (a shaded box, or a line with or without a dot), so entries differ by dash
 * and marker, not colour alone. The server draws the same samples in the chart's stand-in
 * (ChartStandIn.astro).
 */
import { select } from 'd3';
import type { LegendEntry } from '../../lib/charts/legend';

/** Fills `list` with `entries`; rebuilt only when what it shows changes, not on every frame of a run. */
export function drawLegend(list: HTMLUListElement, entries: readonly LegendEntry[]): void {
  const signature = JSON.stringify(entries.map((e) => [e.key, e.label]));
  if (list.dataset.signature === signature) return;
  list.dataset.signature = signature;
  list.hidden = entries.length === 0;
  list.replaceChildren(
    ...entries.map((e) => {
      const item = document.createElement('li');
      const svg = select(item)
        .append('svg')
        .attr('class', 'line-chart legend-sample')
        .attr('width', 28)
        .attr('height', 12)
        .attr('viewBox', '0 0 28 12')
        .attr('aria-hidden', 'true');
      if (e.kind === 'band') svg.append('rect').attr('class', `band ${e.className}`).attr('x', 0).attr('y', 1).attr('width', 28).attr('height', 10);
      else svg.append('line').attr('class', `series ${e.className}`).attr('x1', 0).attr('y1', 6).attr('x2', 28).attr('y2', 6);
      if (e.markers) svg.append('circle').attr('class', `marker ${e.className}`).attr('cx', 14).attr('cy', 6).attr('r', 3.5);
      item.append(document.createTextNode(e.label));
      return item;
    }),
  );
}
