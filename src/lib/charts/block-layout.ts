/**
 * Where the block diagram's boxes and arrows go: main path down the left, shortcut path on the
 * right, joined at the Add. Pure geometry in the diagram's own units (its viewBox), so the
 * drawing class only binds it to SVG.
 */
import { describeKind } from '../resnet/describe';
import { formatCount, formatShape } from '../resnet/format';
import type { TraceStep } from '../resnet/trace';

/** The diagram's width; its height follows the number of steps. */
export const WIDTH = 640;
export const BOX_H = 42;
export const GAP = 12;
const MAIN = { x: 24, w: 340 };
const SIDE = { x: 420, w: 200 };

export interface Placed {
  step: TraceStep;
  x: number;
  y: number;
  w: number;
}

/** Where each step goes: main path and merge in the left column, the shortcut on the right. */
export function layout(steps: readonly TraceStep[]): { boxes: Placed[]; height: number } {
  const boxes: Placed[] = [];
  let y = 8;
  const main = steps.filter((s) => s.path !== 'shortcut');
  const shortcut = steps.filter((s) => s.path === 'shortcut');
  for (const step of main) {
    boxes.push({ step, ...MAIN, y });
    y += BOX_H + GAP;
  }
  // The shortcut boxes sit beside the middle of the main path.
  const addIndex = main.findIndex((s) => s.type === 'Add');
  const middle = ((addIndex > 0 ? addIndex : main.length) / 2) * (BOX_H + GAP);
  shortcut.forEach((step, i) => boxes.push({ step, ...SIDE, y: middle + (i - shortcut.length / 2 + 0.5) * (BOX_H + GAP) }));
  return { boxes, height: y };
}

/** The path of an arrow from one box to another. */
export function edgePath(from: Placed, to: Placed): string {
  const fromY = from.y + BOX_H / 2;
  const toY = to.y + BOX_H / 2;
  if (from.x === to.x && to.y - from.y <= BOX_H + GAP) return `M${from.x + 40},${from.y + BOX_H} V${to.y}`;
  if (from.x === to.x) {
    // The identity shortcut: out of the right side, down a lane beside the main path, into the Add.
    const lane = from.x + from.w + 28;
    return `M${from.x + from.w},${fromY} H${lane} V${toY} H${to.x + to.w}`;
  }
  if (to.x === SIDE.x) return `M${from.x + from.w},${fromY} H${to.x + to.w / 2} V${to.y}`;
  // From the shortcut column back into the Add.
  return `M${from.x + from.w / 2},${from.y + BOX_H} V${toY} H${to.x + to.w}`;
}

export interface Edge {
  from: Placed;
  to: Placed;
  /** Drawn dashed: the shortcut, or an arrow that skips past boxes. */
  shortcut: boolean;
}

/** Every arrow of the diagram: from each box to each box that takes its output. */
export function edges(boxes: readonly Placed[]): Edge[] {
  const at = new Map(boxes.map((b) => [b.step.id, b]));
  return boxes.flatMap((to) =>
    to.step.inputs.flatMap((id) => {
      const from = at.get(id);
      return from ? [{ from, to, shortcut: to.y - from.y > BOX_H + GAP || from.x !== to.x }] : [];
    }),
  );
}

/** A box's two lines (its kind and layer name; its output shape and parameters) and its tooltip. */
export function boxText(step: TraceStep): { kind: string; detail: string; title: string } {
  return {
    kind: `${describeKind(step)}${step.name ? `  ${step.name}` : ''}`,
    detail: `${formatShape(step.outputShape)} · ${formatCount(step.trainable + step.nonTrainable)} params`,
    title: `${describeKind(step)} ${step.name ?? ''} → ${formatShape(step.outputShape)}`,
  };
}
