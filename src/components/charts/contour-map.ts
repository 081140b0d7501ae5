/**
 * One panel of the loss-landscape figure: a D3 contour map of a square grid of losses, α across
 * and β up, filled by a colour scale the caller shares between panels (log loss), the trained
 * weights marked at the centre. And the colour bar that explains the scale.
 *
 * Panels are drawn at a fixed size in CSS pixels, so their text keeps its size down to a 390 px
 * phone; only on a narrower screen does the drawing shrink to fit (landscape.css). The server's
 * markup reserves the same box, so nothing moves as they draw.
 */
import {
  axisBottom,
  axisLeft,
  contours,
  geoIdentity,
  geoPath,
  interpolateViridis,
  range,
  scaleLinear,
  scaleLog,
  scaleSequentialLog,
  select,
  type ScaleSequential,
  type Selection,
} from 'd3';
import { refine } from '../../lib/train/landscape-view';

/** The panel's size and margins; .landscape-panel in landscape.css reserves the same. */
export const PANEL = { width: 300, height: 290, top: 8, right: 10, bottom: 40, left: 52 };
/** Grid cells are cut this many times finer before tracing, so contours bend smoothly. */
const REFINE = 6;
/** Contour levels over the shared range, evenly spaced in log loss. */
const LEVELS = 14;

/** Makes each panel's clip path id unique on the page. */
let panels = 0;

export type ColourScale = ScaleSequential<string>;

/** Low loss dark, high loss bright: Viridis reads in both themes and in grey. */
export function colourScale(domain: [number, number]): ColourScale {
  return scaleSequentialLog(interpolateViridis).domain(domain);
}

export class ContourPanel {
  #svg: Selection<SVGSVGElement, unknown, null, undefined>;
  #plot: Selection<SVGGElement, unknown, null, undefined>;
  #clip: string;

  /** `span`: α and β run over [-span, span]. `label`: the SVG's accessible name. */
  constructor(
    container: HTMLElement,
    readonly span: number,
    label: string,
  ) {
    const { width, height, top, right, bottom, left } = PANEL;
    const side = Math.min(width - left - right, height - top - bottom);
    container.replaceChildren();
    this.#svg = select(container)
      .append('svg')
      .attr('width', width)
      .attr('height', height)
      .attr('viewBox', `0 0 ${width} ${height}`)
      .attr('role', 'img')
      .attr('aria-label', label);
    this.#plot = this.#svg.append('g').attr('transform', `translate(${left},${top})`);
    const axis = scaleLinear().domain([-span, span]).range([0, side]);
    this.#svg
      .append('g')
      .attr('class', 'axis')
      .attr('transform', `translate(${left},${top + side})`)
      .call(axisBottom(axis).ticks(5).tickSizeOuter(0));
    this.#svg
      .append('g')
      .attr('class', 'axis')
      .attr('transform', `translate(${left},${top})`)
      .call(
        axisLeft(axis.copy().range([side, 0]))
          .ticks(5)
          .tickSizeOuter(0),
      );
    this.#svg
      .append('text')
      .attr('class', 'axis-title')
      .attr('x', left + side / 2)
      .attr('y', top + side + 34)
      .attr('text-anchor', 'middle')
      .text('α');
    this.#svg
      .append('text')
      .attr('class', 'axis-title')
      .attr('x', 8)
      .attr('y', top + side / 2 + 4)
      .attr('text-anchor', 'middle')
      .text('β');
    this.#plot.append('rect').attr('class', 'landscape-frame').attr('width', side).attr('height', side);
    // The outermost contours reach half a refined cell past the grid's edge: clip them to the plot.
    this.#clip = `landscape-clip-${++panels}`;
    this.#svg.append('defs').append('clipPath').attr('id', this.#clip).append('rect').attr('width', side).attr('height', side);
  }

  /** Draws `losses` (losses[row][col]: β = row, α = col, from −span) in `colour`; rows not yet computed stay empty. */
  update(losses: readonly (readonly number[])[], colour: ColourScale): void {
    const side = Math.min(PANEL.width - PANEL.left - PANEL.right, PANEL.height - PANEL.top - PANEL.bottom);
    const n = losses[0]?.length ?? 0;
    this.#plot.selectAll('.contours, .marker').remove();
    if (n < 2 || losses.length < n) {
      this.#drawRows(losses, colour, side);
      return;
    }
    // SVG's y runs down and β up: the last row (β = span) goes on top.
    const { values, side: m } = refine([...losses].reverse(), REFINE);
    const logs = values.map((v) => Math.log(v));
    const [lo, hi] = colour.domain().map(Math.log) as [number, number];
    const thresholds = range(LEVELS).map((k) => lo + ((hi - lo) * k) / LEVELS);
    // Contour coordinates run 0..m over the cells' corners: m − 1 cells span the plot.
    const path = geoPath(
      geoIdentity()
        .scale(side / (m - 1))
        .translate([-side / (m - 1) / 2, -side / (m - 1) / 2]),
    );
    const g = this.#plot.insert('g', '.landscape-frame').attr('class', 'contours').attr('clip-path', `url(#${this.#clip})`);
    g.selectAll('path')
      .data(contours().size([m, m]).thresholds(thresholds)(logs))
      .join('path')
      .attr('d', path)
      .attr('fill', (d) => colour(Math.exp(d.value)))
      .attr('stroke', 'rgb(0 0 0 / 0.35)')
      .attr('stroke-width', 0.5);
    const marker = this.#plot
      .append('g')
      .attr('class', 'marker')
      .attr('transform', `translate(${side / 2},${side / 2})`);
    marker.append('circle').attr('r', 5).attr('fill', 'white').attr('stroke', 'black').attr('stroke-width', 1.5);
    marker.append('title').text('the trained weights (α = 0, β = 0)');
  }

  /** While a slice is computed: the rows done so far as cells, bottom up. */
  #drawRows(losses: readonly (readonly number[])[], colour: ColourScale, side: number) {
    const n = losses[0]?.length ?? 0;
    if (n === 0) return;
    const cell = side / n;
    this.#plot
      .insert('g', '.landscape-frame')
      .attr('class', 'contours')
      .selectAll('rect')
      .data(losses.flatMap((row, i) => row.map((loss, j) => ({ i, j, loss }))))
      .join('rect')
      .attr('x', (d) => d.j * cell)
      .attr('y', (d) => side - (d.i + 1) * cell)
      .attr('width', cell + 0.5)
      .attr('height', cell + 0.5)
      .attr('fill', (d) => colour(d.loss));
  }

  clear(): void {
    this.#plot.selectAll('.contours, .marker').remove();
  }

  destroy(): void {
    this.#svg.remove();
  }
}

/** The colour bar under the panels: the shared scale with loss values on a log axis. */
export function drawColourBar(container: HTMLElement, colour: ColourScale): void {
  const width = Math.max(200, Math.min(container.clientWidth || 420, 520));
  const height = 46;
  const left = 12;
  const inner = width - 2 * left;
  container.replaceChildren();
  const svg = select(container).append('svg').attr('width', width).attr('height', height).attr('role', 'img');
  const [lo, hi] = colour.domain() as [number, number];
  svg.attr('aria-label', `Colour scale: test loss from ${lo.toPrecision(3)} (dark) to ${hi.toPrecision(3)} (bright), logarithmic.`);
  const id = `landscape-gradient-${++panels}`;
  const gradient = svg.append('defs').append('linearGradient').attr('id', id);
  range(11).forEach((k) =>
    gradient
      .append('stop')
      .attr('offset', `${k * 10}%`)
      .attr('stop-color', colour(lo * Math.pow(hi / lo, k / 10))),
  );
  svg.append('rect').attr('x', left).attr('y', 2).attr('width', inner).attr('height', 12).attr('fill', `url(#${id})`).attr('class', 'landscape-colour-ramp');
  const axis = scaleLog()
    .domain([lo, hi])
    .range([left, left + inner]);
  svg.append('g').attr('class', 'axis').attr('transform', 'translate(0,14)').call(axisBottom(axis).ticks(5, '.2~f').tickSizeOuter(0));
  svg
    .append('text')
    .attr('class', 'axis-title')
    .attr('x', left + inner / 2)
    .attr('y', height - 2)
    .attr('text-anchor', 'middle')
    .text('test loss (log scale)');
}
