/**
 * Geometry shared by the static block diagrams. The diagrams are drawn at build time,
 * so text cannot be measured: every size here is a fixed budget in SVG user units,
 * chosen so the longest label fits at the font sizes set in diagrams.css (.dg-*).
 */
import { MAIN_PATH_STEPS, PROJECTION_SHORTCUT_STEPS, type BlockStep } from '../../lib/resnet/block-steps';
import type { BlockKind } from '../../lib/resnet/blocks';

/** What a row inside a card stands for; each kind has its own colour in diagrams.css. */
export type StepKind = 'conv' | 'bn' | 'relu' | 'none';

export interface Step {
  kind: StepKind;
  label: string;
  /** Hyperparameters, one short line each (e.g. "F1 filters (1,1)"). */
  detail?: string[];
}

/** A component of a path: the steps that share one name suffix, e.g. "2a". */
export interface Card {
  title: string;
  steps: Step[];
}

export const CARD_PAD = 7;
export const CARD_HEADER = 17;
export const STEP_GAP = 12;
const STEP_BASE = 24;
/** A detail line's height: room for the wide drawing's 13-unit text (diagrams.css). */
export const DETAIL_LINE = 15;
/** The baseline of a step's label, from the top of its box, when details follow it. */
export const LABEL_BASELINE = 15;

export function stepHeight(step: Step): number {
  return STEP_BASE + (step.detail?.length ?? 0) * DETAIL_LINE;
}

/** Height of a card whose steps are stacked top to bottom. */
export function cardHeight(card: Card): number {
  const steps = card.steps.reduce((sum, step) => sum + stepHeight(step), 0);
  return CARD_PAD * 2 + CARD_HEADER + steps + STEP_GAP * (card.steps.length - 1);
}

/** A point in SVG user units. */
export type Pt = readonly [number, number];

/** An SVG path through the given points, as straight segments. */
export function polyline(points: Pt[]): string {
  return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x},${y}`).join(' ');
}

/** How the drawing writes a window or a stride: `(f,f)`, `(s,s)`, `(1,1)`; the identity block's s is 1. */
function pair(value: number | string, identity: boolean): string {
  const shown = identity && value === 's' ? 1 : value;
  return `(${shown},${shown})`;
}

/**
 * One step of the block as the drawing shows it. A conv's details fit in two lines on the wide
 * drawing; `narrow` gives the stride and the padding a line each.
 */
function drawnStep(step: BlockStep, identity: boolean, narrow = false): Step {
  switch (step.op) {
    case 'conv2d': {
      const stride = `stride ${pair(step.strides, identity)}`;
      const size = `${step.filters} filters ${pair(step.kernel, identity)}`;
      return { kind: 'conv', label: 'CONV2D', detail: narrow ? [size, stride, step.padding] : [size, `${stride} · ${step.padding}`] };
    }
    case 'batchNorm':
      return { kind: 'bn', label: 'BatchNorm' };
    case 'relu':
      return { kind: 'relu', label: 'ReLU' };
  }
}

/** The steps grouped into cards by the name suffix they share, in order. */
function cards(steps: readonly BlockStep[], identity: boolean, narrow = false): Card[] {
  const byPart = new Map<string, Step[]>();
  for (const step of steps) byPart.set(step.part, [...(byPart.get(step.part) ?? []), drawnStep(step, identity, narrow)]);
  return [...byPart].map(([title, drawn]) => ({ title, steps: drawn }));
}

/**
 * The three components of the main path, from the block's one description (lib/resnet/block-steps).
 * Only the first convolution's stride differs between the two blocks: (1,1) in the identity
 * block, (s,s) in the convolutional block. A component that ends without its ReLU (2c: the ReLU
 * comes after the addition) shows a "no ReLU" placeholder where it would be.
 */
export function mainPath(kind: BlockKind): Card[] {
  return cards(MAIN_PATH_STEPS, kind === 'identity').map((card) =>
    card.steps.at(-1)?.kind === 'relu' ? card : { ...card, steps: [...card.steps, { kind: 'none', label: 'no ReLU' }] },
  );
}

/** The convolutional block's shortcut: a strided 1×1 convolution and its BatchNorm, as one card. */
export function projectionShortcut(narrow: boolean): Card {
  const [card] = cards(PROJECTION_SHORTCUT_STEPS, false, narrow);
  if (!card) throw new Error('PROJECTION_SHORTCUT_STEPS is empty: the convolutional block needs its shortcut steps to draw them.');
  return card;
}
