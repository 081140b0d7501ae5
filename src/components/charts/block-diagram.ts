/**
 * The block diagram: main path down the left, shortcut path on the right, joined at the Add.
 * Each step is a box with its kind, layer name, output shape and parameter count. Boxes are
 * keyed by step id, so an edit moves and relabels them rather than redrawing from scratch.
 * Colours come from Starlight's CSS variables, so the dark theme needs nothing here. Where each
 * box and arrow goes is worked out in lib/charts/block-layout.ts.
 *
 * The page comes with the diagram of the default block drawn by the server (BlockDiagramSvg.astro,
 * from the same layout). The class draws in that drawing's SVG, which keeps its size (its viewBox)
 * until the first update redraws it in the same task, so nothing moves when the explorer comes alive.
 */
import { select, type Selection } from 'd3';
import type { TraceStep } from '../../lib/resnet/trace';
import { BOX_H, boxText, edgePath, edges, layout, WIDTH, type Edge, type Placed } from '../../lib/charts/block-layout';

export class BlockDiagram {
  #svg: Selection<SVGSVGElement, unknown, null, undefined>;
  #links: Selection<SVGGElement, unknown, null, undefined>;
  #nodes: Selection<SVGGElement, unknown, null, undefined>;

  /**
   * `label` names the drawing; `describedBy` lists the ids of the text that carries the same
   * figures (the explorer's summary and the body of its step table: a table's own text alternative
   * is only its caption), read as the drawing's description.
   */
  constructor(container: HTMLElement, opts: { label: string; describedBy?: string }) {
    // The server's drawing keeps its place (and its size, by its viewBox) until the first update.
    const drawn = container.querySelector<SVGSVGElement>('svg.block-diagram');
    this.#svg = (drawn ? select(drawn) : select(container).append('svg'))
      .attr('class', 'block-diagram')
      .attr('role', 'img')
      .attr('aria-label', opts.label)
      .attr('aria-describedby', opts.describedBy ?? null)
      .attr('viewBox', drawn?.getAttribute('viewBox') ?? `0 0 ${WIDTH} 100`);
    this.#svg.selectChildren().remove();
    const defs = this.#svg.append('defs');
    defs
      .append('marker')
      .attr('id', 'block-diagram-arrow')
      .attr('viewBox', '0 0 10 10')
      .attr('refX', 9)
      .attr('refY', 5)
      .attr('markerWidth', 6)
      .attr('markerHeight', 6)
      .attr('orient', 'auto-start-reverse')
      .append('path')
      .attr('d', 'M0,0 L10,5 L0,10 z')
      .attr('class', 'arrow-head');
    this.#links = this.#svg.append('g').attr('class', 'links');
    this.#nodes = this.#svg.append('g').attr('class', 'nodes');
  }

  update(steps: readonly TraceStep[]): void {
    const { boxes, height } = layout(steps);
    this.#svg.attr('viewBox', `0 0 ${WIDTH} ${height}`);
    this.#links
      .selectAll<SVGPathElement, Edge>('path')
      .data(edges(boxes), (e) => `${e.from.step.id}->${e.to.step.id}`)
      .join('path')
      .attr('class', (e) => (e.shortcut ? 'link shortcut' : 'link'))
      .attr('marker-end', 'url(#block-diagram-arrow)')
      .attr('d', ({ from, to }) => edgePath(from, to));

    const nodes = this.#nodes
      .selectAll<SVGGElement, Placed>('g.step')
      .data(boxes, (b) => b.step.id)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'step');
        g.append('title');
        g.append('rect').attr('rx', 6).attr('height', BOX_H);
        g.append('text').attr('class', 'kind').attr('x', 10).attr('y', 17);
        g.append('text').attr('class', 'detail').attr('x', 10).attr('y', 34);
        return g;
      });
    nodes
      .attr('transform', (b) => `translate(${b.x},${b.y})`)
      .attr('data-type', (b) => b.step.type)
      .attr('data-step', (b) => b.step.id);
    nodes.select('rect').attr('width', (b) => b.w);
    nodes.select('text.kind').text((b) => boxText(b.step).kind);
    nodes.select('text.detail').text((b) => boxText(b.step).detail);
    nodes.select('title').text((b) => boxText(b.step).title);
  }

  /** Dims the diagram while the fields hold an invalid value: it shows the last valid block. */
  set stale(stale: boolean) {
    this.#svg.classed('stale', stale);
  }

  destroy(): void {
    this.#svg.remove();
  }
}
