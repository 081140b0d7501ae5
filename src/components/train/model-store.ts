/**
 * Keeping a trained model: download it as TF.js files (model.json + weights), keep it in this
 * browser's IndexedDB across reloads, and load either back. What the model was trained on (the
 * data set and its class names) travels inside the model's own metadata, and is validated when
 * read back: a model that did not come from this course is refused with a message, never a crash.
 * A kept model that cannot be used (damaged, or kept by an older version of the course) is
 * removed when found, so the reader is told once and the slot is free for the next model.
 */
import * as tf from '@tensorflow/tfjs';

const KEY = 'indexeddb://resnet-live-model';

export interface ModelMeta {
  course: 'resnet-live';
  version: 1;
  dataset: string;
  classes: string[];
  savedAt: string;
}

function validMeta(value: unknown): ModelMeta | null {
  const meta = value as Partial<ModelMeta> | null | undefined;
  const ok =
    meta?.course === 'resnet-live' &&
    meta.version === 1 &&
    typeof meta.dataset === 'string' &&
    Array.isArray(meta.classes) &&
    meta.classes.length > 0 &&
    meta.classes.length <= 1000 &&
    meta.classes.every((c) => typeof c === 'string') &&
    typeof meta.savedAt === 'string';
  return ok ? (meta as ModelMeta) : null;
}

function stamp(model: tf.LayersModel, dataset: string, classes: string[]): void {
  const meta: ModelMeta = { course: 'resnet-live', version: 1, dataset, classes, savedAt: new Date().toISOString() };
  model.setUserDefinedMetadata(meta as unknown as Record<string, unknown>);
}

export async function downloadModel(model: tf.LayersModel, dataset: string, classes: string[]): Promise<void> {
  stamp(model, dataset, classes);
  await model.save('downloads://resnet-live-model');
}

const STORAGE_OFF =
  'this browser does not let pages keep data (private windows often turn it off), so no model can be kept here: ' +
  'download the model instead, and load its files next time.';

/**
 * Whether this browser lets the page open an IndexedDB database at all. Asked only after TF.js
 * failed, to tell "not allowed here" from "damaged"; the probe database is deleted again.
 */
async function indexedDbAllowed(): Promise<boolean> {
  const name = 'resnet-live-probe';
  try {
    if (!globalThis.indexedDB) return false;
    const open = indexedDB.open(name);
    return await new Promise<boolean>((resolve) => {
      open.onsuccess = () => {
        open.result.close();
        indexedDB.deleteDatabase(name);
        resolve(true);
      };
      open.onerror = () => resolve(false);
    });
  } catch {
    return false;
  }
}

export async function keepModel(model: tf.LayersModel, dataset: string, classes: string[]): Promise<void> {
  stamp(model, dataset, classes);
  try {
    await model.save(KEY);
  } catch (error) {
    if (!(await indexedDbAllowed())) throw new Error(STORAGE_OFF);
    throw error;
  }
}

export type Loaded = { model: tf.LayersModel; meta: ModelMeta } | { reason: string };

function checked(model: tf.LayersModel): Loaded {
  const meta = validMeta(model.getUserDefinedMetadata());
  if (meta && model.outputs[0]?.shape.at(-1) === meta.classes.length) return { model, meta };
  model.dispose();
  return { reason: 'This model was not saved by this course (it has no class names, or not one per output), so it cannot be used here.' };
}

const UNUSABLE =
  'The model kept in this browser could not be read (it may have been kept by an older version of the course), so it was removed: ' +
  'train a model and press Keep in this browser again.';

/** Removes the kept model; a record too damaged for TF.js to remove is left, and reported again next time. */
async function forgetKept(): Promise<Loaded> {
  await tf.io.removeModel(KEY).catch(() => undefined);
  return { reason: UNUSABLE };
}

/** Why loading failed: storage turned off, or a record that cannot be used (then removed). */
async function loadFailed(): Promise<Loaded> {
  if (!(await indexedDbAllowed())) return { reason: `This browser keeps no model: ${STORAGE_OFF}` };
  return forgetKept();
}

/** The model kept in this browser, or why there is none. */
export async function loadKeptModel(): Promise<Loaded> {
  // Whether a model is kept is read from TF.js's own index of saved models (keyed by URL), not
  // from the wording of the error a load of a missing model throws.
  let kept: boolean;
  try {
    kept = KEY in (await tf.io.listModels());
  } catch {
    return loadFailed();
  }
  if (!kept) return { reason: 'No model is kept in this browser yet: train one and press Keep in this browser.' };
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel(KEY);
  } catch {
    return loadFailed();
  }
  const loaded = checked(model);
  return 'reason' in loaded ? forgetKept() : loaded;
}

/** A downloaded model: its model.json and its weights file(s), chosen together. */
export async function loadModelFiles(files: FileList | File[]): Promise<Loaded> {
  const list = [...files];
  const json = list.find((f) => f.name.endsWith('.json'));
  const weights = list.filter((f) => f.name.endsWith('.bin'));
  if (!json || weights.length === 0) return { reason: 'Choose both files together: the model’s .json file and its .weights.bin file.' };
  try {
    return checked(await tf.loadLayersModel(tf.io.browserFiles([json, ...weights])));
  } catch (error) {
    return { reason: `Those files could not be loaded as a model: ${error instanceof Error ? error.message : String(error)}` };
  }
}
