/**
 * The ResNet-50 explorer's hyperparameters: input size, classes, and for each of stages 2–5 the
 * number of identity blocks and the filters [F1, F2, F3]. Checked against the shape trace, so an
 * input too small for some stage is reported with the stage that breaks.
 */
import { type Field, type RawValues, parseField } from '../state/fields';
import { MAX_IDENTITY_BLOCKS, RESNET50_STAGES, type StageSpec } from './blocks';
import { ResNetArgumentError } from './errors';
import { fitsResNet50, traceResNet50, type TraceStep } from './trace';

export interface ResNet50Params {
  inputShape: [number, number, number];
  classes: number;
  stages: StageSpec[];
}

/** Stage numbers as the document counts them: stage 1 is the stem, blocks start at stage 2. */
export const BLOCK_STAGES = [2, 3, 4, 5] as const;

/** Field keys of one stage: `s3n` (identity blocks), `s3F1`, `s3F2`, `s3F3`. */
export const stageKeys = (stage: number) => ({
  n: `s${stage}n`,
  F1: `s${stage}F1`,
  F2: `s${stage}F2`,
  F3: `s${stage}F3`,
});

export function resNet50Fields(): Field[] {
  const fields: Field[] = [
    { key: 'H', label: 'Height', min: 1, max: 4096, default: 64 },
    { key: 'W', label: 'Width', min: 1, max: 4096, default: 64 },
    { key: 'C', label: 'Channels', min: 1, max: 64, default: 3 },
    { key: 'classes', label: 'classes', min: 1, max: 100_000, default: 6 },
  ];
  RESNET50_STAGES.forEach((stage, i) => {
    const number = BLOCK_STAGES[i] as number;
    const keys = stageKeys(number);
    fields.push({ key: keys.n, label: `Stage ${number} identity blocks`, min: 0, max: MAX_IDENTITY_BLOCKS, default: stage.identityBlocks });
    (['F1', 'F2', 'F3'] as const).forEach((name, j) => {
      fields.push({ key: keys[name], label: `Stage ${number} ${name}`, min: 1, max: 8192, default: stage.filters[j] as number });
    });
  });
  return fields;
}

export type ResNet50Check = { ok: true; params: ResNet50Params; steps: TraceStep[] } | { ok: false; errors: Record<string, string> };

/** The field to show a trace error beside: its stage's first field, or Height for the stem and
 * for errors that belong to no stage. */
function fieldOfError(error: ResNetArgumentError): string {
  return error.stage !== undefined && error.stage >= 2 ? stageKeys(error.stage).n : 'H';
}

/**
 * Checks raw field values for ResNet-50. An input too small for the network gets its message
 * beside each side that is too small (so beside Width when only the width is): height and width
 * shrink independently through the same windows, so each side is tried as a square.
 */
export function checkResNet50(raw: RawValues): ResNet50Check {
  const errors: Record<string, string> = {};
  const values: Record<string, number> = {};
  for (const field of resNet50Fields()) {
    const parsed = parseField(field, raw[field.key] ?? '');
    if (parsed.ok) values[field.key] = parsed.value as number;
    else errors[field.key] = parsed.message;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const v = (key: string) => values[key] as number;
  const params: ResNet50Params = {
    inputShape: [v('H'), v('W'), v('C')],
    classes: v('classes'),
    stages: RESNET50_STAGES.map((stage, i) => {
      const keys = stageKeys(BLOCK_STAGES[i] as number);
      return { ...stage, identityBlocks: v(keys.n), filters: [v(keys.F1), v(keys.F2), v(keys.F3)] };
    }),
  };
  try {
    return { ok: true, params, steps: traceResNet50(params.inputShape, params.classes, params.stages) };
  } catch (error) {
    if (!(error instanceof ResNetArgumentError)) throw error;
    if (error.argument !== 'inputShape') return { ok: false, errors: { [fieldOfError(error)]: error.message } };
    const tooSmall = (['H', 'W'] as const).filter((side) => !fitsResNet50([v(side), v(side), v('C')], params.classes, params.stages));
    const fields = tooSmall.length > 0 ? tooSmall : ['H'];
    return { ok: false, errors: Object.fromEntries(fields.map((field) => [field, error.message])) };
  }
}
