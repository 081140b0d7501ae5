/**
 * The ResNet-50 overview: one bar per part of the network, one row each, as wide as its channels
 * (log scale) and as tall as its feature map, so the network's shape — maps shrinking while channels grow —
 * is visible at a glance. Each bar links to its row in the stage table. Where the bars go is worked
 * out in lib/charts/stage-layout.ts.
 *
 * The page comes with the overview of the default network drawn by the server (StageOverviewSvg.astro,
 * from the same layout). The class takes that drawing over, bar by bar (each keyed by its part), so
 * nothing moves when the explorer comes alive, and a bar the reader has tabbed to keeps the focus.
 */
import { select, type Selection } from 'd3';
import { COLUMNS, stageLayout, type PlacedBar } from '../../lib/charts/stage-layout';
import type { StageRow } from '../../lib/resnet/summary';

export class StageOverview {
  #svg: Selection<SVGSVGElement, unknown, null, undefined>;
  #anchor: (row: StageRow) => string;

  /**
   * `label` names the drawing; `describedBy` lists the ids of the text that carries the same
   * figures (the explorer's totals and the body of its stage table). The drawing is a group, not
   * an image, since its bars are links a reader can reach and follow.
   */
  constructor(container: HTMLElement, opts: { label: string; anchor: (row: StageRow) => string; describedBy?: string }) {
    this.#anchor = opts.anchor;
    const drawn = container.querySelector<SVGSVGElement>('svg.stage-overview');
    this.#svg = (drawn ? select(drawn) : select(container).append('svg'))
      .attr('class', 'stage-overview')
      .attr('role', 'group')
      .attr('aria-label', opts.label)
      .attr('aria-describedby', opts.describedBy ?? null);
  }

  update(rows: readonly StageRow[]): void {
    const { bars: placed, width, height } = stageLayout(rows);
    // Drawn at its own size in CSS pixels, never scaled, so its text keeps its size.
    this.#svg.attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height);
    const bars = this.#svg
      .selectAll<SVGAElement, PlacedBar>('a')
      // A bar the server drew has no data yet: its part says which it is.
      .data(placed, function (d) {
        return (d as PlacedBar | undefined)?.row.key ?? (this as Element).getAttribute('data-part') ?? '';
      })
      .join((enter) => {
        const a = enter.append('a');
        a.append('title');
        a.append('rect').attr('class', 'hit').attr('x', 0);
        a.append('rect').attr('class', 'bar').attr('rx', 3);
        a.append('text').attr('class', 'part');
        a.append('text').attr('class', 'shape');
        return a;
      });
    bars.attr('href', (d) => `#${this.#anchor(d.row)}`).attr('data-part', (d) => d.row.key);
    bars
      .select('rect.hit')
      .attr('y', (d) => d.bandY)
      .attr('width', width)
      .attr('height', (d) => d.bandH);
    bars
      .select('rect.bar')
      .attr('x', (d) => d.x)
      .attr('y', (d) => d.y)
      .attr('width', (d) => d.w)
      .attr('height', (d) => d.h);
    bars
      .select('text.part')
      .attr('x', COLUMNS.part)
      .attr('y', (d) => d.labelY)
      .text((d) => d.part);
    bars
      .select('text.shape')
      .attr('x', COLUMNS.shape)
      .attr('y', (d) => d.labelY)
      .text((d) => d.shape);
    bars.select('title').text((d) => d.title);
  }

  set stale(stale: boolean) {
    this.#svg.classed('stale', stale);
  }

  destroy(): void {
    this.#svg.remove();
  }
}
