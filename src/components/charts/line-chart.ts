/**
 * A small D3 line chart for training curves: several series over a shared x axis (steps),
 * D3's margin convention, colours from Starlight's variables. `update` may be called on every
 * batch; drawing waits for the next animation frame and happens once per frame, so the chart
 * stays smooth however fast data arrives.
 *
 * Until its first frame the chart's container holds the server's stand-in (ChartStandIn.astro), of
 * the same size: the chart takes its place in that frame, whole, so the page does not move.
 *
 * Its text alternative is drawn in the same frame: the SVG's description is a sentence per series
 * with the latest figures, and a disclosure under the chart holds them as a table. Neither is a
 * live region: during training a chart changes several times a second, far too often to be read
 * out; the page's own status line announces progress, and the figures are current whenever read.
 */
import { area, axisBottom, axisLeft, line, max, min, scaleLinear, scaleLog, select, type Selection } from 'd3';
import { describeSeries, figureRows, formatValue } from '../../lib/charts/describe';
import { fitRange } from '../../lib/charts/fit-range';
import { legendEntries } from '../../lib/charts/legend';
import { drawLegend } from './chart-legend';
import { exponentText, powerOfTen } from '../../lib/charts/log-axis';
import type { Band, Series } from '../../lib/charts/series';

export interface LineChartOptions {
  label: string;
  xLabel: string;
  yLabel: string;
  /** Fixed y range, e.g. [0, 1] for accuracy; otherwise fitted to the data. See also setYDomain. */
  yDomain?: [number, number];
  /**
   * A logarithmic y axis, for quantities that span orders of magnitude (gradient norms). Its ticks
   * are labelled as powers of ten, 10 with a raised exponent; the ticks between stay unlabelled.
   */
  log?: boolean;
  /**
   * Fit the y range to the points from this x on (e.g. 20: past a loss's steep first steps), with a
   * small margin; earlier points above it are clipped at the top, and a note in the plot says so.
   */
  fitFrom?: number;
  /** Room left of the plot for the tick labels and the axis title, in pixels (default 44). */
  marginLeft?: number;
  /** How the text alternative writes a y value (e.g. as a percentage); 3 significant digits by default. */
  format?: (value: number) => string;
}

/** Width before the container has been measured, and the narrowest drawn. */
const WIDTH = 520;
const MIN_WIDTH = 260;
/** The chart's height and margins; the stand-in (line-chart.css, .chart-stand-in) has the same. */
const HEIGHT = 240;
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
  #bands: Band[] = [];
  #description: HTMLParagraphElement;
  #data: HTMLDetailsElement;
  #legend: HTMLUListElement;
  /** The chart is drawn at its container's width in CSS pixels, so its text keeps its size. */
  #width = WIDTH;
  #resize: ResizeObserver | undefined;
  #xLabel: Selection<SVGTextElement, unknown, null, undefined>;
  #container: HTMLElement;
  /** Whether the chart has taken the stand-in's place in its container. */
  #placed = false;
  #margin: typeof MARGIN;
  #yDomain: [number, number] | undefined;
  #clipNote: Selection<SVGTextElement, unknown, null, undefined>;

  constructor(container: HTMLElement, options: LineChartOptions) {
    this.#options = options;
    this.#container = container;
    this.#margin = { ...MARGIN, left: options.marginLeft ?? MARGIN.left };
    this.#yDomain = options.yDomain;
    const id = `line-chart-${++charts}`;
    // Built apart from the page; the first frame puts it in (see #draw).
    this.#svg = select(document.createElementNS('http://www.w3.org/2000/svg', 'svg') as SVGSVGElement)
      .attr('class', 'line-chart')
      .attr('viewBox', `0 0 ${WIDTH} ${HEIGHT}`)
      .attr('role', 'img')
      .attr('aria-label', options.label)
      .attr('aria-describedby', `${id}-description`);
    // Hidden: read as the chart's description, not a second time when reading the page through.
    this.#description = Object.assign(document.createElement('p'), { id: `${id}-description`, hidden: true, textContent: 'No data yet.' });
    this.#data = this.#dataTable();
    this.#legend = Object.assign(document.createElement('ul'), { className: 'chart-legend', hidden: true });
    this.#legend.setAttribute('aria-label', `${options.label}: legend`);
    this.#plot = this.#svg.append('g').attr('transform', `translate(${this.#margin.left},${MARGIN.top})`);
    this.#plot
      .append('g')
      .attr('class', 'x-axis')
      .attr('transform', `translate(0,${HEIGHT - MARGIN.top - MARGIN.bottom})`);
    this.#plot.append('g').attr('class', 'y-axis');
    // Nothing drawn spills out of the plot when the y range leaves early points out.
    this.#plot
      .append('clipPath')
      .attr('id', `${id}-clip`)
      .append('rect')
      .attr('y', -4)
      .attr('height', HEIGHT - MARGIN.top - MARGIN.bottom + 8);
    this.#plot.append('g').attr('class', 'bands').attr('clip-path', `url(#${id}-clip)`);
    this.#plot.append('g').attr('class', 'lines').attr('clip-path', `url(#${id}-clip)`);
    this.#clipNote = this.#plot.append('text').attr('class', 'clip-note').attr('y', 12).attr('text-anchor', 'end').attr('display', 'none');
    this.#xLabel = this.#svg
      .append('text')
      .attr('class', 'axis-label')
      .attr('y', HEIGHT - 4)
      .attr('text-anchor', 'middle')
      .text(options.xLabel);
    this.#svg
      .append('text')
      .attr('class', 'axis-label')
      .attr('transform', `translate(12,${HEIGHT / 2}) rotate(-90)`)
      .attr('text-anchor', 'middle')
      .text(options.yLabel);
    this.#resize = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(() => this.#measure(container));
    this.#resize?.observe(container);
    this.#measure(container);
  }

  /** In the chart's first frame, with its axes and legend drawn: the chart replaces the stand-in. */
  #place(): void {
    if (this.#placed) return;
    this.#placed = true;
    this.#container.replaceChildren(this.#svg.node() as SVGSVGElement, this.#legend, this.#description, this.#data);
  }

  #measure(container: HTMLElement): void {
    const width = Math.max(MIN_WIDTH, Math.round(container.clientWidth || WIDTH));
    if (width === this.#width && this.#svg.attr('viewBox') !== null) return;
    this.#width = width;
    this.#svg.attr('viewBox', `0 0 ${width} ${HEIGHT}`).attr('width', width).attr('height', HEIGHT);
    this.#xLabel.attr('x', width / 2);
    this.#plot.select('.x-axis').attr('transform', `translate(0,${HEIGHT - MARGIN.top - MARGIN.bottom})`);
    if (this.#frame === undefined) this.#frame = requestAnimationFrame(() => this.#draw());
  }

  /** A closed disclosure holding the figures as a table; filled only while open, so hidden it costs nothing. */
  #dataTable(): HTMLDetailsElement {
    const details = Object.assign(document.createElement('details'), { className: 'chart-data' });
    const table = document.createElement('table');
    const head = document.createElement('tr');
    for (const text of TABLE_HEADS)
      head.append(Object.assign(document.createElement('th'), { scope: 'col', textContent: text === 'latest' ? `latest ${this.#options.xLabel}` : text }));
    table.append(
      Object.assign(document.createElement('caption'), { textContent: `${this.#options.label}: the figures so far` }),
      document.createElement('thead'),
      document.createElement('tbody'),
    );
    table.tHead?.append(head);
    details.append(Object.assign(document.createElement('summary'), { textContent: 'The numbers behind the chart' }), table);
    details.addEventListener('toggle', () => this.#fillTable());
    return details;
  }

  #fillTable(): void {
    if (!this.#data.open) return;
    const rows = figureRows(this.#series, this.#options.format ?? formatValue).map((cells) => {
      const row = document.createElement('tr');
      cells.forEach((text, i) =>
        row.append(Object.assign(document.createElement(i === 0 ? 'th' : 'td'), i === 0 ? { scope: 'row', textContent: text } : { textContent: text })),
      );
      return row;
    });
    this.#data.querySelector('tbody')?.replaceChildren(...rows);
  }

  /**
   * A fixed y range from now on (e.g. one shared with a chart beside this one), or undefined to fit
   * the data again; drawn at the next frame.
   */
  setYDomain(domain: [number, number] | undefined): void {
    this.#yDomain = domain;
    if (this.#frame === undefined) this.#frame = requestAnimationFrame(() => this.#draw());
  }

  /** New data to draw at the next frame; `bands` stay as they were when not given. */
  update(series: Series[], bands?: Band[]): void {
    this.#series = series;
    if (bands !== undefined) this.#bands = bands;
    if (this.#frame === undefined) this.#frame = requestAnimationFrame(() => this.#draw());
  }

  #draw(): void {
    this.#frame = undefined;
    const w = this.#width - this.#margin.left - MARGIN.right;
    const h = HEIGHT - MARGIN.top - MARGIN.bottom;
    const all = [
      ...this.#series.flatMap((s) => s.points),
      ...this.#bands.flatMap((b) =>
        b.points.flatMap((p) => [
          { x: p.x, y: p.lo },
          { x: p.x, y: p.hi },
        ]),
      ),
    ];
    const x = scaleLinear()
      .domain([0, Math.max(1, max(all, (p) => p.x) ?? 1)])
      .range([0, w]);
    const lo = min(all, (p) => p.y) ?? 0;
    const hi = max(all, (p) => p.y) ?? 1;
    const fitted = this.#options.fitFrom === undefined ? undefined : fitRange(all, { from: this.#options.fitFrom }).domain;
    const positive = all.map((p) => p.y).filter((v) => v > 0);
    const y = this.#options.log
      ? scaleLog()
          .domain(this.#yDomain ?? [Math.min(...positive, 1), Math.max(...positive, 1)])
          .nice()
          .range([h, 0])
      : scaleLinear()
          .domain(this.#yDomain ?? fitted ?? [Math.min(0, lo), hi > lo ? hi : lo + 1])
          .nice()
          .range([h, 0]);
    const top = y.domain()[1] ?? 1;
    const above = !this.#options.log && all.some((p) => p.y > top);
    // Top right, where falling curves have left room.
    this.#clipNote
      .attr('x', w - 4)
      .attr('display', above ? null : 'none')
      .text(above ? `↑ earlier steps run above ${formatValue(top)}` : '');
    this.#plot.select('clipPath rect').attr('width', w);
    // Steps are whole numbers: no tick between two of them.
    const xTicks = x.ticks(Math.max(3, Math.floor(w / 80))).filter((t) => !all.every((p) => Number.isInteger(p.x)) || Number.isInteger(t));
    this.#plot.select<SVGGElement>('.x-axis').call(
      axisBottom(x)
        .tickValues(xTicks)
        .tickFormat((t) => String(t)),
    );
    const yAxis = this.#plot.select<SVGGElement>('.y-axis');
    if (this.#options.log) {
      yAxis.call(
        axisLeft(y)
          .ticks(5)
          .tickFormat(() => ''),
      );
      yAxis.selectAll<SVGTextElement, number>('.tick text').each(function (value) {
        const exponent = powerOfTen(value);
        if (exponent === undefined) return;
        select(this).text('10').append('tspan').attr('class', 'exponent').attr('dy', '-0.5em').text(exponentText(exponent));
      });
    } else yAxis.call(axisLeft(y).ticks(5));
    const path = line<{ x: number; y: number }>()
      .defined((p) => Number.isFinite(p.y) && (!this.#options.log || p.y > 0))
      .x((p) => x(p.x))
      .y((p) => y(p.y));
    const shade = area<Band['points'][number]>()
      .defined((p) => Number.isFinite(p.lo) && Number.isFinite(p.hi) && (!this.#options.log || p.lo > 0))
      .x((p) => x(p.x))
      .y0((p) => y(p.lo))
      .y1((p) => y(p.hi));
    this.#plot
      .select('.bands')
      .selectAll<SVGPathElement, Band>('path')
      .data(this.#bands, (b) => b.key)
      .join('path')
      .attr('class', (b) => `band ${b.className}`)
      .attr('d', (b) => shade(b.points) ?? '');
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
    drawLegend(this.#legend, legendEntries(this.#series, this.#bands));
    this.#fillTable();
    this.#place();
  }

  destroy(): void {
    if (this.#frame !== undefined) cancelAnimationFrame(this.#frame);
    this.#resize?.disconnect();
    this.#legend.remove();
    this.#svg.remove();
    this.#description.remove();
    this.#data.remove();
  }
}
