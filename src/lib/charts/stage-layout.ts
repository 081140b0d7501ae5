/**
 * Where the ResNet-50 overview's bars go: one per part of the network, as wide as its channels
 * (log scale) and as tall as its feature map, side by side, each with a two-line label under it.
 * Pure geometry in the drawing's own units (its viewBox): the page's drawing class
 * (components/charts/stage-overview.ts) and the server's (StageOverviewSvg.astro) both draw this.
 */
import { formatShape } from '../resnet/format';
import type { StageRow } from '../resnet/summary';

export const HEIGHT = 190;
const TOP = 8;
const LABELS = 44;
const GAP = 8;
/** Room for each bar's two-line label. */
const SLOT = 72;

export interface PlacedBar {
  row: StageRow;
  /** The bar's box. */
  x: number;
  y: number;
  w: number;
  h: number;
  /** Where its label is centred, and its two lines. */
  labelX: number;
  part: string;
  shape: string;
  title: string;
}

/** The bars for these rows, and the drawing's width (its height is HEIGHT). */
export function stageLayout(rows: readonly StageRow[]): { bars: PlacedBar[]; width: number } {
  const maps = rows.filter((r) => r.outputShape.length === 3);
  const maxSide = Math.max(1, ...maps.map((r) => Math.max(r.outputShape[0] ?? 1, r.outputShape[1] ?? 1)));
  const maxChannels = Math.max(2, ...rows.map((r) => r.outputShape.at(-1) ?? 1));
  // Channels on a log scale from 1 (14 wide) to the most (64 wide); map sides on a linear one.
  const width = (channels: number) => 14 + 50 * Math.min(1, Math.max(0, Math.log(channels) / Math.log(maxChannels)));
  const height = (side: number) => 4 + (HEIGHT - TOP - LABELS - 4) * (side / maxSide);
  let x = 0;
  const bars = rows.map((row) => {
    const w = width(Math.max(1, row.outputShape.at(-1) ?? 1));
    const h = row.outputShape.length === 3 ? height(row.outputShape[0] ?? 1) : 4;
    const slot = Math.max(w, SLOT);
    const bar: PlacedBar = {
      row,
      x: x + (slot - w) / 2,
      y: HEIGHT - LABELS - h,
      w,
      h,
      labelX: x + slot / 2,
      part: row.part
        .replace(/ \(.*\)$/, '')
        .replace('Average pool', 'Avg pool')
        .replace('Zero-padding', 'Pad'),
      shape: row.outputShape.join('×'),
      title: `${row.part}: ${formatShape(row.outputShape)}`,
    };
    x += slot + GAP;
    return bar;
  });
  return { bars, width: Math.max(x - GAP, 1) };
}

/** The baselines of a bar's two label lines. */
export const LABEL_Y = { part: HEIGHT - LABELS + 16, shape: HEIGHT - LABELS + 32 };
