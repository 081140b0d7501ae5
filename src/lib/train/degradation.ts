/**
 * The degradation experiment's settings and the runs they make: four networks (plain twin and
 * ResNet, each at a shallow and a deep depth) trained on the same images for the same number of
 * steps. The page and the reference script (scripts/reference.ts) both take their runs from here,
 * so the band behind the reader's curves comes from the very settings the reader's runs use.
 */
import { parseInteger, type IntField } from '../state/fields';
import type { LabParams } from './lab-params';

export interface DegradationParams {
  /** Identity blocks per stage of the shallow pair. */
  shallow: number;
  /** Identity blocks per stage of the deep pair. */
  deep: number;
  /** Training steps (batches) per network. */
  steps: number;
  /** Seeds the weights and the order of the images of all four runs. */
  seed: number;
}

/** Images per step. */
export const DEGRADATION_BATCH = 32;

/** Training images of the data set the experiment uses (fashion-mnist's training split). */
const TRAIN_IMAGES = 5000;

/**
 * Every run is one pass over at most the training split, so the steps stop where the images do
 * (156 batches of 32 out of 5,000); more would need a second epoch.
 */
const MAX_STEPS = Math.floor(TRAIN_IMAGES / DEGRADATION_BATCH);

/** The settings every run shares and the reader does not change. */
export const DEGRADATION_FIXED = { dataset: 'fashion-mnist', preset: 'tiny', optimizer: 'adam', lr: 0.003, batch: DEGRADATION_BATCH } as const;

/** The fields, as the form and the address hold them. Defaults chosen by measurement: see scripts/reference.ts. */
export const DEGRADATION_FIELDS: readonly IntField[] = [
  { key: 'shallow', label: 'shallow: identity blocks per stage', min: 0, max: 6, default: 0 },
  { key: 'deep', label: 'deep: identity blocks per stage', min: 1, max: 6, default: 4 },
  { key: 'steps', label: 'steps per network', min: 2, max: MAX_STEPS, default: 120 },
  { key: 'seed', label: 'seed', min: 0, max: 9999, default: 1 },
];

export const DEGRADATION_DEFAULTS = Object.fromEntries(DEGRADATION_FIELDS.map((f) => [f.key, f.default])) as unknown as DegradationParams;

export type DegradationCheck = { ok: true; params: DegradationParams } | { ok: false; errors: Record<string, string> };

/**
 * Reads the fields; each bad value gets a message for its own field. The deep pair must be deeper
 * than the shallow one: that message goes beside the field just edited (`changed`), so it sits
 * where the reader is looking, and beside `deep` otherwise (a link, a reload).
 */
export function parseDegradation(raw: Record<string, string>, changed?: string): DegradationCheck {
  const errors: Record<string, string> = {};
  const values: Record<string, number> = {};
  for (const field of DEGRADATION_FIELDS) {
    const parsed = parseInteger(field, raw[field.key] ?? '');
    if (parsed.ok) values[field.key] = parsed.value;
    else errors[field.key] = parsed.message;
  }
  const { shallow, deep } = values;
  if (shallow !== undefined && deep !== undefined && deep <= shallow) {
    const at = changed === 'shallow' ? 'shallow' : 'deep';
    errors[at] = `The deep networks need more identity blocks per stage than the shallow ones (now ${shallow} and ${deep}).`;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, params: values as unknown as DegradationParams };
}

export type Network = 'plain' | 'resnet';
export type Depth = 'shallow' | 'deep';

export interface DegradationRun {
  /** `plain-deep` and the like: the same for every setting, so a reference matches by it. */
  id: `${Network}-${Depth}`;
  network: Network;
  depth: Depth;
  /** What the reader reads in the legend and the table. */
  label: string;
  /** The training worker's settings for this run. */
  params: LabParams;
}

/** The four runs, in the order they train: shallow plain, shallow ResNet, deep plain, deep ResNet. */
export function degradationRuns(p: DegradationParams): DegradationRun[] {
  return (['shallow', 'deep'] as const).flatMap((depth) =>
    (['plain', 'resnet'] as const).map((network) => {
      const blocks = p[depth];
      const params: LabParams = {
        ...DEGRADATION_FIXED,
        residual: network === 'resnet',
        epochs: 1,
        trainSize: p.steps * DEGRADATION_BATCH,
        depth: blocks,
        width: 1,
        backend: 'auto',
        seed: p.seed,
      };
      const label = `${network === 'resnet' ? 'ResNet' : 'plain'}, ${blocks} identity block${blocks === 1 ? '' : 's'} per stage`;
      return { id: `${network}-${depth}` as const, network, depth, label, params };
    }),
  );
}
