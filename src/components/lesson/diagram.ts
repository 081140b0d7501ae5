/**
 * Geometry shared by the static block diagrams. The diagrams are drawn at build time,
 * so text cannot be measured: every size here is a fixed budget in SVG user units,
 * chosen so the longest label fits at the font sizes set in diagrams.css (.dg-*).
 */

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

const conv = (filters: string, kernel: string, stride: string, padding: string): Step => ({
  kind: 'conv',
  label: 'CONV2D',
  detail: [`${filters} filters ${kernel}`, `stride ${stride} · ${padding}`],
});
const bn: Step = { kind: 'bn', label: 'BatchNorm' };
const relu: Step = { kind: 'relu', label: 'ReLU' };
const noRelu: Step = { kind: 'none', label: 'no ReLU' };

/**
 * The three components of the main path. Only the first convolution's stride differs
 * between the two blocks: (1,1) in the identity block, (s,s) in the convolutional block.
 */
export function mainPath(firstStride: '(1,1)' | '(s,s)'): Card[] {
  return [
    { title: '2a', steps: [conv('F1', '(1,1)', firstStride, 'valid'), bn, relu] },
    { title: '2b', steps: [conv('F2', '(f,f)', '(1,1)', 'same'), bn, relu] },
    { title: '2c', steps: [conv('F3', '(1,1)', '(1,1)', 'valid'), bn, noRelu] },
  ];
}

/** The convolutional block's shortcut: a strided 1×1 convolution and its BatchNorm. */
export function projectionShortcut(narrow: boolean): Card {
  const convStep: Step = narrow
    ? { kind: 'conv', label: 'CONV2D', detail: ['F3 filters (1,1)', 'stride (s,s)', 'valid'] }
    : conv('F3', '(1,1)', '(s,s)', 'valid');
  return { title: '1', steps: [convStep, bn] };
}
