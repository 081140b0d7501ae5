/**
 * The block explorer's hyperparameters: their fields, and one function that turns what the
 * reader typed into either a shape trace or a message per field. Shapes come from the trace,
 * so checking costs microseconds and allocates no tensor.
 */
import { type ChoiceField, type Field, type RawValues, parseChoice, parseField } from '../state/fields';
import type { BlockKind, BlockOrder } from './blocks';
import { ResNetArgumentError, requireImageShape } from './errors';
import { blockSpec } from './preact';
import { inputStep, traceBlockFrom, type TraceStep } from './trace';

export interface BlockParams {
  f: number;
  F1: number;
  F2: number;
  F3: number;
  s: number;
  H: number;
  W: number;
  C: number;
  m: number;
  stage: number;
  block: string;
  /** Where BatchNorm and ReLU go; the document's post-activation order when absent. */
  order?: BlockOrder;
}

/** Weights plus activations (float32) a block may need before the page refuses to run it. */
export const MEMORY_BUDGET_BYTES = 256 * 1024 * 1024;

const int = (key: string, label: string, def: number, max: number): Field => ({ key, label, min: 1, max, default: def });

/** The fields in the order the explorer shows them; the defaults are the document's test case. */
export function blockFields(kind: BlockKind): Field[] {
  return [
    int('H', 'Height', 4, 1024),
    int('W', 'Width', 4, 1024),
    int('C', 'Channels', 6, 4096),
    int('m', 'm', 3, 256),
    int('f', 'f', 2, 31),
    int('F1', 'F1', 2, 4096),
    int('F2', 'F2', 4, 4096),
    int('F3', 'F3', 6, 4096),
    ...(kind === 'convolutional' ? [int('s', 's', 2, 64)] : []),
    int('stage', 'stage', 1, 99),
    { key: 'block', label: 'block', pattern: /^[a-z]{1,2}$/, expects: 'one or two lowercase letters, such as a', default: 'a' },
  ];
}

/**
 * The block's order, a select beside the number fields. It is not in blockFields: those are the
 * document's hyperparameters, typed as text, and links written before the switch existed carry
 * none of it, so they open on the document's order, as they always did.
 */
export const ORDER_FIELD = {
  key: 'order',
  label: 'Order',
  options: ['post', 'pre'],
  default: 'post',
} as const satisfies ChoiceField;

/** What each order is called in the select. */
export const ORDER_LABELS: Record<BlockOrder, string> = {
  post: 'Post-activation (this course)',
  pre: 'Pre-activation (He et al. 2016b)',
};

/** Every field an explorer keeps in its link: the hyperparameters, then the order. */
export function explorerFields(kind: BlockKind): Field[] {
  return [...blockFields(kind), ORDER_FIELD];
}

export interface MemoryEstimate {
  weightBytes: number;
  activationBytes: number;
}

/** float32 bytes for the weights and for every step's output on a batch of m. */
export function estimateMemory(steps: readonly TraceStep[], m: number): MemoryEstimate {
  const weights = steps.reduce((sum, s) => sum + s.trainable + s.nonTrainable, 0);
  const cells = steps.reduce((sum, s) => sum + s.outputShape.reduce((a, b) => a * b, 1), 0);
  return { weightBytes: 4 * weights, activationBytes: 4 * cells * m };
}

export type BlockCheck = { ok: true; params: BlockParams; steps: TraceStep[]; memory: MemoryEstimate } | { ok: false; errors: Record<string, string> };

/** Which field a library error is about. */
const FIELD_OF_ARGUMENT: Record<string, string> = { filters: 'F3', f: 'f', s: 's', inputShape: 'H', stage: 'stage', block: 'block' };

const megabytes = (bytes: number) => `${Math.round(bytes / 2 ** 20).toLocaleString('en-US')} MB`;

/**
 * Checks raw field values for a block. On success, the trace and its memory estimate; otherwise a
 * message per field at fault. `blame` names the field to hold responsible for an over-budget
 * block (the one the reader just changed); without it, the largest size field is blamed.
 */
export function checkBlock(kind: BlockKind, raw: RawValues, blame?: string): BlockCheck {
  const errors: Record<string, string> = {};
  const values: Record<string, number | string> = {};
  for (const field of blockFields(kind)) {
    const parsed = parseField(field, raw[field.key] ?? '');
    if (parsed.ok) values[field.key] = parsed.value;
    else errors[field.key] = parsed.message;
  }
  const order = parseChoice(ORDER_FIELD, raw[ORDER_FIELD.key] ?? ORDER_FIELD.default);
  if (order.ok) values[ORDER_FIELD.key] = order.value;
  else errors[ORDER_FIELD.key] = 'Pick an order from the list: the link asked for one this page does not have.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const params = { s: 1, ...values } as BlockParams;
  const { f, F1, F2, F3, s, H, W, C, m, stage, block } = params;
  let steps: TraceStep[];
  try {
    const input = inputStep([...requireImageShape('inputShape', [H, W, C])]);
    steps = [input, ...traceBlockFrom(blockSpec(kind, params.order ?? 'post', f, [F1, F2, F3], stage, block, s), input)];
  } catch (error) {
    if (!(error instanceof ResNetArgumentError)) throw error;
    // F3 ≠ Channels is one mistake seen from two fields: blame the one the reader just changed.
    const field = error.argument === 'filters' && blame === 'C' ? 'C' : (FIELD_OF_ARGUMENT[error.argument] ?? 'H');
    return { ok: false, errors: { [field]: error.message } };
  }
  const memory = estimateMemory(steps, m);
  const total = memory.weightBytes + memory.activationBytes;
  if (total > MEMORY_BUDGET_BYTES) {
    const sizes = ['H', 'W', 'C', 'm', 'F1', 'F2', 'F3', 'f'];
    const field = blame && sizes.includes(blame) ? blame : sizes.reduce((a, b) => (Number(values[b]) > Number(values[a]) ? b : a));
    const label = blockFields(kind).find((f) => f.key === field)?.label ?? field;
    return {
      ok: false,
      errors: {
        [field]:
          `This block would need about ${megabytes(total)} (weights ${megabytes(memory.weightBytes)}, ` +
          `activations ${megabytes(memory.activationBytes)}), over the page's ${megabytes(MEMORY_BUDGET_BYTES)} budget. Make ${label} smaller.`,
      },
    };
  }
  return { ok: true, params, steps, memory };
}
