/**
 * What the "Inside the model" figures say in words: their text alternatives and captions. Pure,
 * so the wording is tested apart from the drawing (src/components/train/inside-panel.ts).
 */
import { formatShape } from '../resnet/format';
import type { BlockInside, MapSet } from './inspect';

/** Two decimals and a true minus sign, as the course's other maps print values. */
export const value = (v: number): string => v.toFixed(2).replace('-', '−');

/** "3, 7 and 1": a list as a sentence says it. */
export function listed(items: readonly (string | number)[]): string {
  const words = items.map(String);
  return words.length < 2 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** "Stem" for the stem, "Stage 3" for a stage: the start of a sentence. */
const title = (label: string) => label.charAt(0).toUpperCase() + label.slice(1);

/** The text alternative of one stage's maps: what, its shape, which channels, the range. */
export function describeStage(stage: MapSet): string {
  const [h, w, c] = stage.shape;
  const what = stage.label === 'stem' ? 'Stem output' : `${title(stage.label)} output (its last block)`;
  const picked = stage.channels.length === c ? `all ${c} channels` : `channels ${listed(stage.channels)}, the ${stage.channels.length} most active of ${c}`;
  return `${what}, shape ${formatShape([h, w, c])}: ${picked}, values from ${value(stage.min)} to ${value(stage.max)}.`;
}

/** The shortcut's share as a reader reads it: "58 %". */
export const percent = (share: number): string => `${Math.round(100 * share)} %`;

/** The text alternative of the block's maps, side by side. */
export function describeBlock(block: BlockInside): string {
  const [h, w, c] = block.shape;
  const channels = `channel${block.channels.length === 1 ? '' : 's'} ${listed(block.channels)} (of ${c})`;
  const range = `values from ${value(block.min)} to ${value(block.max)}`;
  if (!block.residual) {
    return `Block ${block.block} of the plain twin, output shape ${formatShape([h, w, c])}: it has no shortcut. Main path F(x) and the output after the ReLU for ${channels}, ${range}.`;
  }
  return (
    `Block ${block.block}, output shape ${formatShape([h, w, c])}: main path F(x), shortcut and output after the ReLU for ${channels}, ${range}.` +
    ` The shortcut carries ${percent(block.shortcutShare ?? 0)} of the signal added into the block.`
  );
}

/** The text alternative of the share map. */
export function describeShare(block: BlockInside): string {
  const share = block.share ?? new Float32Array();
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of share) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const [h, w] = block.shape;
  const spread = Number.isFinite(lo) ? `from ${value(lo)} to ${value(hi)}` : 'none';
  return `Where the shortcut carries the signal in block ${block.block}, ${h} × ${w} positions: its share ${spread}, where 0 is all main path and 1 all shortcut. Over the block: ${percent(block.shortcutShare ?? 0)}.`;
}
