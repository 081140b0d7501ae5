/**
 * Where the ResNet-50 overview's bars go: one row per part of the network, top to bottom, each
 * bar as wide as its channels (log scale) and as tall as its feature map, with its name and its
 * output shape on the left of its row.
 *
 * The drawing is laid out in CSS pixels and shown at that size, never scaled: its text keeps the
 * size the stylesheet gives it (12 px names, 11 px shapes), and its width (WIDTH) fits a 320 px
 * phone's column, so it is whole on every screen without scrolling. A row of bars side by side
 * had to shrink its labels to 7 px to fit a lesson's column.
 *
 * Pure geometry: the page's drawing class (components/charts/stage-overview.ts) and the server's
 * (StageOverviewSvg.astro) both draw this.
 */
import { formatShape } from '../resnet/format';
import type { StageRow } from '../resnet/summary';

/** The drawing's width, CSS pixels: a 320 px phone's column is 288 px. */
export const WIDTH = 284;
/** Where the two label columns start and the bars begin. */
export const COLUMNS = { part: 0, shape: 64, bars: 146 };
/** The widest bar (the most channels) and the narrowest (one channel). */
const BAR = { min: 14, max: WIDTH - COLUMNS.bars };
/** The tallest bar (the largest feature map) and the least tall (a vector). */
const TALLEST = 48;
const FLAT = 4;
/** A row is at least as tall as a line of text; rows are this far apart. */
const ROW_MIN = 18;
const GAP = 6;

export interface PlacedBar {
  row: StageRow;
  /** The bar's box. */
  x: number;
  y: number;
  w: number;
  h: number;
  /** The baseline of the row's labels, centred on the bar. */
  labelY: number;
  part: string;
  shape: string;
  title: string;
  /** The whole row, label to bar: the link's hit area, so the gap between them follows it too. */
  bandY: number;
  bandH: number;
}

/** The bars for these rows, and the drawing's size (its width is always WIDTH). */
export function stageLayout(rows: readonly StageRow[]): { bars: PlacedBar[]; width: number; height: number } {
  const maps = rows.filter((r) => r.outputShape.length === 3);
  const maxSide = Math.max(1, ...maps.map((r) => Math.max(r.outputShape[0] ?? 1, r.outputShape[1] ?? 1)));
  const maxChannels = Math.max(2, ...rows.map((r) => r.outputShape.at(-1) ?? 1));
  const width = (channels: number) => BAR.min + (BAR.max - BAR.min) * Math.min(1, Math.max(0, Math.log(channels) / Math.log(maxChannels)));
  const height = (side: number) => FLAT + (TALLEST - FLAT) * (side / maxSide);
  let y = 0;
  const bars = rows.map((row) => {
    const w = width(Math.max(1, row.outputShape.at(-1) ?? 1));
    const h = row.outputShape.length === 3 ? height(row.outputShape[0] ?? 1) : FLAT;
    const rowH = Math.max(h, ROW_MIN);
    const middle = y + rowH / 2;
    const bar: PlacedBar = {
      row,
      x: COLUMNS.bars,
      y: middle - h / 2,
      w,
      h,
      // A 12 px line's baseline sits about a third of its size below the middle.
      labelY: middle + 4,
      part: row.part
        .replace(/ \(.*\)$/, '')
        .replace('Average pool', 'Avg pool')
        .replace('Zero-padding', 'Pad'),
      shape: row.outputShape.join('×'),
      title: `${row.part}: ${formatShape(row.outputShape)}`,
      bandY: y,
      bandH: rowH,
    };
    y += rowH + GAP;
    return bar;
  });
  return { bars, width: WIDTH, height: Math.max(y - GAP, 1) };
}
