/** The training lab's settings: parsed from the form, each bad value with a message for its field. */
import { PRESETS, type PresetName, type SmallResNetConfig } from '../resnet/presets';
import { MAX_FIELD_CHARS, NUMBER, parseChoice, parseInteger, type ChoiceField, type Field, type IntField, type TextField } from '../state/fields';
import type { ScheduleName } from './schedule';

export interface LabParams {
  dataset: 'fashion-mnist' | 'fashion-mnist-large' | 'mnist';
  preset: PresetName | 'resnet50';
  residual: boolean;
  optimizer: 'adam' | 'sgd';
  /** The peak learning rate; under the constant schedule, the rate of every step. */
  lr: number;
  /** How the learning rate moves over the run (see schedule.ts). Absent: constant, as before schedules existed. */
  schedule?: ScheduleName;
  batch: number;
  epochs: number;
  trainSize: number;
  depth: number;
  width: number;
  backend: 'auto' | 'webgl' | 'wasm' | 'webgpu' | 'cpu';
  /**
   * Seeds both the weights (Glorot uniform) and the order of the images, so a run can be repeated
   * and runs can differ by their seed alone. Absent, the lab's fixed seeds: 0 for the weights (the
   * document's) and 2016 for the order.
   */
  seed?: number;
}

const INT_FIELDS: IntField[] = [
  { key: 'batch', label: 'batch size', min: 1, max: 512, default: 32 },
  { key: 'epochs', label: 'epochs', min: 1, max: 50, default: 2 },
  { key: 'trainSize', label: 'training images', min: 16, max: 60_000, default: 2000 },
  { key: 'depth', label: 'identity blocks per stage', min: 0, max: 4, default: 1 },
  { key: 'width', label: 'width multiplier', min: 1, max: 8, default: 1 },
];

const CHOICE_FIELDS = [
  { key: 'dataset', label: 'dataset', options: ['fashion-mnist', 'fashion-mnist-large', 'mnist'], default: 'fashion-mnist' },
  { key: 'preset', label: 'model', options: ['tiny', 'small', 'resnet50'], default: 'small' },
  { key: 'network', label: 'network', options: ['residual', 'plain'], default: 'residual' },
  { key: 'optimizer', label: 'optimizer', options: ['adam', 'sgd'], default: 'adam' },
  // Default constant, so a link from before schedules existed trains as it did.
  { key: 'schedule', label: 'schedule', options: ['constant', 'one-cycle'], default: 'constant' },
  { key: 'backend', label: 'backend', options: ['auto', 'webgl', 'wasm', 'webgpu', 'cpu'], default: 'auto' },
] as const satisfies readonly ChoiceField[];

/** The learning rate as the address carries it; parseLabParams reads it as a number. */
const LR_FIELD: TextField = { key: 'lr', label: 'learning rate', pattern: NUMBER, expects: 'a number, such as 0.003', default: '0.003' };

/** Every setting of the lab, as the address stores it (the defaults are the form's). */
export const LAB_FIELDS: readonly Field[] = [...CHOICE_FIELDS, LR_FIELD, ...INT_FIELDS];

type Choice<K extends (typeof CHOICE_FIELDS)[number]['key']> = Extract<(typeof CHOICE_FIELDS)[number], { key: K }>['options'][number];

export type LabCheck = { ok: true; params: LabParams } | { ok: false; errors: Record<string, string> };

export function parseLabParams(raw: Record<string, string>): LabCheck {
  const errors: Record<string, string> = {};
  const choices: Record<string, string> = {};
  for (const field of CHOICE_FIELDS) {
    const parsed = parseChoice(field, raw[field.key] ?? field.default);
    if (parsed.ok) choices[field.key] = parsed.value;
    else errors[field.key] = parsed.message;
  }
  const ints: Record<string, number> = {};
  for (const field of INT_FIELDS) {
    const parsed = parseInteger(field, raw[field.key] ?? '');
    if (parsed.ok) ints[field.key] = parsed.value;
    else errors[field.key] = parsed.message;
  }
  const lrText = (raw.lr ?? '').trim();
  const lr = Number(lrText);
  if ((raw.lr ?? '').length > MAX_FIELD_CHARS) errors.lr = `The learning rate is too long (over ${MAX_FIELD_CHARS} characters): enter a number, such as 0.003.`;
  else if (lrText === '') errors.lr = 'Enter a learning rate, such as 0.003.';
  else if (!NUMBER.test(lrText) || !Number.isFinite(lr)) errors.lr = 'The learning rate must be a number, such as 0.003.';
  else if (lr <= 0 || lr > 1) errors.lr = 'The learning rate must be above 0 and at most 1; 0.001 to 0.01 works well.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    params: {
      dataset: choices.dataset as Choice<'dataset'>,
      preset: choices.preset as Choice<'preset'>,
      residual: choices.network !== 'plain',
      optimizer: choices.optimizer as Choice<'optimizer'>,
      lr,
      schedule: choices.schedule as Choice<'schedule'>,
      batch: ints.batch as number,
      epochs: ints.epochs as number,
      trainSize: ints.trainSize as number,
      depth: ints.depth as number,
      width: ints.width as number,
      backend: choices.backend as Choice<'backend'>,
    },
  };
}

/**
 * The small model for these settings: the preset with `depth` identity blocks per stage and every
 * width × `width`. (The ResNet-50 preset is the lesson's model as it is: depth and width do not apply.)
 */
export function modelConfig(params: LabParams, classes: number): SmallResNetConfig {
  const preset = PRESETS[params.preset === 'resnet50' ? 'small' : params.preset];
  return {
    ...preset,
    classes,
    stem: preset.stem * params.width,
    stages: preset.stages.map((stage) => ({ ...stage, F1: stage.F1 * params.width, identityBlocks: params.depth })),
    residual: params.residual,
  };
}

/** The line under the lab's settings that says what model they build (the page renders it for the defaults, the lab on every edit). */
export function modelSummary(params: LabParams): string {
  if (params.preset === 'resnet50') {
    return (
      `${params.residual ? 'ResNet-50' : 'ResNet-50’s plain twin'}: the lesson's model, 23.6 million parameters, on the images resized to 64 × 64 × 3 ` +
      '(depth and width do not apply). It needs a real GPU: on WebAssembly or the CPU one step takes minutes.'
    );
  }
  const config = modelConfig(params, 10);
  const blocks = config.stages.length * (1 + config.stages[0]!.identityBlocks);
  return `${params.residual ? 'ResNet' : 'Plain twin'}: ${config.stages.length} stages, ${blocks} blocks, stem ${config.stem} filters, first stage F1 = ${config.stages[0]?.F1}.`;
}
