/**
 * A small D3 line chart for training curves: several series over a shared x axis (steps),
 * D3's margin convention, colours from Starlight's variables. `update` may be called on every
 * batch; drawing waits for the next animation frame and happens once per frame, so the chart
 * stays smooth however fast data arrives.
 *
 * Its text alternative is drawn in the same frame: the SVG's description is a sentence per series
 * with the latest figures, and a disclosure under the chart holds them as a table. Neither is a
 * live region: during training a chart changes several times a second, far too often to be read
 * out; the page's own status line announces progress, and the figures are current whenever read.
 */
import { axisBottom, axisLeft, line, max, min, scaleLinear, scaleLog, select, type Selection } from 'd3';
import { describeSeries, figureRows, formatValue } from './describe';

export interface Series {
  key: string;
  label: string;
  /** CSS class for the line's colour and dash. */
  className: string;
  points: { x: number; y: number }[];
  /** Draw a dot at each point: for sparse series such as once-per-epoch validation. */
  markers?: boolean;
}

export interface LineChartOptions {
  label: string;
  xLabel: string;
  yLabel: string;
  /** Fixed y range, e.g. [0, 1] for accuracy; otherwise fitted to the data. */
  yDomain?: [number, number];
  /** A logarithmic y axis, for quantities that span orders of magnitude (gradient norms). */
  log?: boolean;
  /** How the text alternative writes a y value (e.g. as a percentage); 3 significant digits by default. */
  format?: (value: number) => string;
}

const WIDTH = 520;
const HEIGHT = 220;
const MARGIN = { top: 12, right: 16, bottom: 34, left: 44 };
const TABLE_HEADS = ['series', 'points', 'latest', 'latest value', 'lowest', 'highest'];
/** Makes each chart's description id unique on the page. */
let charts = 0;

export class LineChart {
  #svg: Selection<SVGSVGElement, unknown, null, undefined>;
  #plot: Selection<SVGGElement, unknown, null, undefined>;
  #options: LineChartOptions;
  #series: Series[] = [];
  #frame: number | undefined;
  #description: HTMLParagraphElement;
  #data: HTMLDetailsElement;

  constructor(container: HTMLElement, options: LineChartOptions) {
    this.#options = options;
    const id = `line-chart-${++charts}`;
    this.#svg = select(container)
      .append('svg')
      .attr('class', 'line-chart')
      .attr('viewBox', `0 0 ${WIDTH} ${HEIGHT}`)
      .attr('role', 'img')
      .attr('aria-label', options.label)
      .attr('aria-describedby', `${id}-description`);
    // Hidden: read as the chart's description, not a second time when reading the page through.
    this.#description = Object.assign(document.createElement('p'), { id: `${id}-description`, hidden: true, textContent: 'No data yet.' });
    this.#data = this.#dataTable();
    container.append(this.#description, this.#data);
    this.#plot = this.#svg.append('g').attr('transform', `translate(${MARGIN.left},${MARGIN.top})`);
    this.#plot.append('g').attr('class', 'x-axis').attr('transform', `translate(0,${HEIGHT - MARGIN.top - MARGIN.bottom})`);
    this.#plot.append('g').attr('class', 'y-axis');
    this.#plot.append('g').attr('class', 'lines');
    this.#svg.append('text').attr('class', 'axis-label').attr('x', WIDTH / 2).attr('y', HEIGHT - 4).attr('text-anchor', 'middle').text(options.xLabel);
    this.#svg.append('text').attr('class', 'axis-label').attr('transform', `translate(12,${HEIGHT / 2}) rotate(-90)`).attr('text-anchor', 'middle').text(options.yLabel);
  }

  /** A closed disclosure holding the figures as a table; filled only while open, so hidden it costs nothing. */
  #dataTable(): HTMLDetailsElement {
    const details = Object.assign(document.createElement('details'), { className: 'chart-data' });
    const table = document.createElement('table');
    const head = document.createElement('tr');
    for (const text of TABLE_HEADS) head.append(Object.assign(document.createElement('th'), { scope: 'col', textContent: text === 'latest' ? `latest ${this.#options.xLabel}` : text }));
    table.append(Object.assign(document.createElement('caption'), { textContent: `${this.#options.label}: the figures so far` }), document.createElement('thead'), document.createElement('tbody'));
    table.tHead?.append(head);
    details.append(Object.assign(document.createElement('summary'), { textContent: 'The numbers behind the chart' }), table);
    details.addEventListener('toggle', () => this.#fillTable());
    return details;
  }

  #fillTable(): void {
    if (!this.#data.open) return;
    const rows = figureRows(this.#series, this.#options.format ?? formatValue).map((cells) => {
      const row = document.createElement('tr');
      cells.forEach((text, i) => row.append(Object.assign(document.createElement(i === 0 ? 'th' : 'td'), i === 0 ? { scope: 'row', textContent: text } : { textContent: text })));
      return row;
    });
    this.#data.querySelector('tbody')?.replaceChildren(...rows);
  }

  update(series: Series[]): void {
    this.#series = series;
    if (this.#frame === undefined) this.#frame = requestAnimationFrame(() => this.#draw());
  }

  #draw(): void {
    this.#frame = undefined;
    const w = WIDTH - MARGIN.left - MARGIN.right;
    const h = HEIGHT - MARGIN.top - MARGIN.bottom;
    const all = this.#series.flatMap((s) => s.points);
    const x = scaleLinear().domain([0, Math.max(1, max(all, (p) => p.x) ?? 1)]).range([0, w]);
    const lo = min(all, (p) => p.y) ?? 0;
    const hi = max(all, (p) => p.y) ?? 1;
    const positive = all.map((p) => p.y).filter((v) => v > 0);
    const y = this.#options.log
      ? scaleLog()
          .domain([Math.min(...positive, 1), Math.max(...positive, 1)])
          .nice()
          .range([h, 0])
      : scaleLinear()
          .domain(this.#options.yDomain ?? [Math.min(0, lo), hi > lo ? hi : lo + 1])
          .nice()
          .range([h, 0]);
    this.#plot.select<SVGGElement>('.x-axis').call(axisBottom(x).ticks(6));
    this.#plot.select<SVGGElement>('.y-axis').call(axisLeft(y).ticks(5, this.#options.log ? '.0e' : undefined));
    const path = line<{ x: number; y: number }>()
      .defined((p) => Number.isFinite(p.y) && (!this.#options.log || p.y > 0))
      .x((p) => x(p.x))
      .y((p) => y(p.y));
    this.#plot
      .select('.lines')
      .selectAll<SVGPathElement, Series>('path')
      .data(this.#series, (s) => s.key)
      .join('path')
      .attr('class', (s) => `series ${s.className}`)
      .attr('d', (s) => path(s.points) ?? '');
    const dots = this.#series.filter((s) => s.markers).flatMap((s) => s.points.map((p) => ({ ...p, className: s.className })));
    this.#plot
      .select('.lines')
      .selectAll<SVGCircleElement, (typeof dots)[number]>('circle')
      .data(dots)
      .join('circle')
      .attr('class', (d) => `marker ${d.className}`)
      .attr('r', 3.5)
      .attr('cx', (d) => x(d.x))
      .attr('cy', (d) => y(d.y));
    this.#description.textContent = describeSeries(this.#series, { xLabel: this.#options.xLabel, format: this.#options.format });
    this.#fillTable();
  }

  destroy(): void {
    if (this.#frame !== undefined) cancelAnimationFrame(this.#frame);
    this.#svg.remove();
    this.#description.remove();
    this.#data.remove();
  }
}
