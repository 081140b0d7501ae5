/**
 * The ResNet-50 overview: one bar per part of the network, as wide as its channels (log scale)
 * and as tall as its feature map, so the network's shape — maps shrinking while channels grow —
 * is visible at a glance. Each bar links to its row in the stage table.
 */
import { scaleLinear, scaleLog, select, type Selection } from 'd3';
import { formatShape } from '../../lib/resnet/format';
import type { StageRow } from '../../lib/resnet/summary';

const HEIGHT = 190;
const TOP = 8;
const LABELS = 44;
const GAP = 8;
/** Room for each bar's two-line label. */
const SLOT = 72;

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
    this.#svg = select(container)
      .append('svg')
      .attr('class', 'stage-overview')
      .attr('role', 'group')
      .attr('aria-label', opts.label)
      .attr('aria-describedby', opts.describedBy ?? null);
  }

  update(rows: readonly StageRow[]): void {
    const maps = rows.filter((r) => r.outputShape.length === 3);
    const maxSide = Math.max(1, ...maps.map((r) => Math.max(r.outputShape[0] ?? 1, r.outputShape[1] ?? 1)));
    const maxChannels = Math.max(2, ...rows.map((r) => r.outputShape.at(-1) ?? 1));
    const width = scaleLog().domain([1, maxChannels]).range([14, 64]).clamp(true);
    const height = scaleLinear()
      .domain([0, maxSide])
      .range([4, HEIGHT - TOP - LABELS]);
    let x = 0;
    const placed = rows.map((row) => {
      const w = width(Math.max(1, row.outputShape.at(-1) ?? 1));
      const h = row.outputShape.length === 3 ? height(row.outputShape[0] ?? 1) : 4;
      const at = { row, x, w, h };
      x += Math.max(w, SLOT) + GAP;
      return at;
    });
    this.#svg.attr('viewBox', `0 0 ${Math.max(x - GAP, 1)} ${HEIGHT}`);
    const bars = this.#svg
      .selectAll<SVGAElement, (typeof placed)[number]>('a')
      .data(placed, (d) => d.row.key)
      .join((enter) => {
        const a = enter.append('a');
        a.append('title');
        a.append('rect').attr('rx', 3);
        a.append('text').attr('class', 'part');
        a.append('text').attr('class', 'shape');
        return a;
      });
    bars.attr('href', (d) => `#${this.#anchor(d.row)}`).attr('data-part', (d) => d.row.key);
    bars
      .select('rect')
      .attr('x', (d) => d.x + (Math.max(d.w, SLOT) - d.w) / 2)
      .attr('y', (d) => HEIGHT - LABELS - d.h)
      .attr('width', (d) => d.w)
      .attr('height', (d) => d.h);
    bars
      .select('text.part')
      .attr('x', (d) => d.x + Math.max(d.w, SLOT) / 2)
      .attr('y', HEIGHT - LABELS + 16)
      .text((d) =>
        d.row.part
          .replace(/ \(.*\)$/, '')
          .replace('Average pool', 'Avg pool')
          .replace('Zero-padding', 'Pad'),
      );
    bars
      .select('text.shape')
      .attr('x', (d) => d.x + Math.max(d.w, SLOT) / 2)
      .attr('y', HEIGHT - LABELS + 32)
      .text((d) => d.row.outputShape.join('×'));
    bars.select('title').text((d) => `${d.row.part}: ${formatShape(d.row.outputShape)}`);
  }

  set stale(stale: boolean) {
    this.#svg.classed('stale', stale);
  }

  destroy(): void {
    this.#svg.remove();
  }
}
