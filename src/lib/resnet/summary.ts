/**
 * Two views of a model's trace: one row per stage (the document's outline of ResNet-50), and one
 * row per layer in the style of Keras' `model.summary()`.
 */
import { params, type TraceStep } from './trace';

export interface StageRow {
  /** Anchor-safe key: `input`, `zero-padding`, `stage-1` … `stage-5`, `avg-pool`, `flatten`, `dense`. */
  key: string;
  part: string;
  /** What the part holds, e.g. "CONV BLOCK + ID BLOCK ×2". */
  detail: string;
  layers: number;
  outputShape: number[];
  params: number;
}

function partOf(step: TraceStep): { key: string; part: string } {
  if (step.path === 'input') return { key: 'input', part: 'Input' };
  if (step.id === 'zero_padding') return { key: 'zero-padding', part: 'Zero-padding' };
  if (step.path === 'head') {
    if (step.type === 'AveragePooling2D') return { key: 'avg-pool', part: 'Average pool' };
    if (step.type === 'Flatten') return { key: 'flatten', part: 'Flatten' };
    return { key: 'dense', part: 'Dense (softmax)' };
  }
  return { key: `stage-${step.stage}`, part: `Stage ${step.stage}` };
}

function detailOf(steps: readonly TraceStep[]): string {
  const first = steps[0];
  if (!first) return '';
  if (first.path === 'input') return 'the image';
  if (first.id === 'zero_padding') return 'pad (3, 3)';
  if (first.path === 'stem') return 'CONV2D 7×7 /2 → BatchNorm → ReLU → MaxPool 3×3 /2';
  if (first.path === 'head') return first.name ?? (first.type === 'Flatten' ? 'no hyperparameters' : '');
  const identity = new Set(steps.filter((s) => s.path === 'main' && s.block !== 'a').map((s) => s.block)).size;
  return `CONV BLOCK${identity > 0 ? ` + ID BLOCK ×${identity}` : ''}`;
}

/** The trace grouped into the document's parts, in order, with each part's output and parameters. */
export function stageRows(steps: readonly TraceStep[]): StageRow[] {
  const groups: { key: string; part: string; steps: TraceStep[] }[] = [];
  for (const step of steps) {
    const { key, part } = partOf(step);
    const last = groups[groups.length - 1];
    if (last?.key === key) last.steps.push(step);
    else groups.push({ key, part, steps: [step] });
  }
  return groups.map((g) => ({
    key: g.key,
    part: g.part === 'Dense (softmax)' ? `Dense (softmax, ${g.steps[0]?.name})` : g.part,
    detail: detailOf(g.steps),
    layers: g.steps.length,
    outputShape: g.steps[g.steps.length - 1]?.outputShape ?? [],
    params: g.steps.reduce((n, s) => n + params(s), 0),
  }));
}

export interface SummaryRow {
  /** Keras' display name: the layer's name, or `activation_3`-style numbering for unnamed layers. */
  name: string;
  type: string;
  outputShape: number[];
  params: number;
  /** Names of the layers feeding this one, as Keras prints them: `bn2a_branch2c[0][0]`. */
  connectedTo: string[];
  /** The stage part this layer belongs to, for links from the overview. */
  key: string;
}

const AUTO_PREFIX: Record<string, string> = {
  InputLayer: 'input',
  Activation: 'activation',
  Add: 'add',
  ZeroPadding2D: 'zero_padding2d',
  MaxPooling2D: 'max_pooling2d',
  Flatten: 'flatten',
};

/** One row per layer, as `model.summary()` prints them; unnamed layers are numbered per type from 1. */
export function summaryRows(steps: readonly TraceStep[]): SummaryRow[] {
  const counts = new Map<string, number>();
  const names = new Map<string, string>();
  for (const step of steps) {
    if (step.name) {
      names.set(step.id, step.name);
      continue;
    }
    const prefix = AUTO_PREFIX[step.type] ?? step.type.toLowerCase();
    const n = (counts.get(prefix) ?? 0) + 1;
    counts.set(prefix, n);
    names.set(step.id, `${prefix}_${n}`);
  }
  return steps.map((step) => ({
    name: names.get(step.id) ?? step.id,
    type: step.type,
    outputShape: step.outputShape,
    params: params(step),
    connectedTo: step.inputs.map((id) => `${names.get(id) ?? id}[0][0]`),
    key: partOf(step).key,
  }));
}
