/**
 * Keeping a trained model: download it as TF.js files (model.json + weights), or keep it in this
 * browser's IndexedDB across reloads, with a small versioned record of what it was trained on.
 * The record is validated when read; a bad one is dropped with a message, never a crash.
 */
import * as tf from '@tensorflow/tfjs';

const KEY = 'indexeddb://resnet-live-model';
const META = 'resnet-live:model';

interface Meta {
  version: 1;
  dataset: string;
  classes: string[];
  savedAt: string;
}

function readMeta(): Meta | null {
  try {
    const meta = JSON.parse(localStorage.getItem(META) ?? 'null') as Partial<Meta> | null;
    const ok = meta && meta.version === 1 && typeof meta.dataset === 'string' && Array.isArray(meta.classes) && meta.classes.every((c) => typeof c === 'string') && meta.classes.length <= 1000;
    return ok ? (meta as Meta) : null;
  } catch {
    return null;
  }
}

export async function downloadModel(model: tf.LayersModel): Promise<void> {
  await model.save('downloads://resnet-live-model');
}

export async function keepModel(model: tf.LayersModel, dataset: string, classes: string[]): Promise<void> {
  await model.save(KEY);
  const meta: Meta = { version: 1, dataset, classes, savedAt: new Date().toISOString() };
  localStorage.setItem(META, JSON.stringify(meta));
}

/** The kept model and its classes, or a reason there is none. */
export async function loadKeptModel(): Promise<{ model: tf.LayersModel; meta: Meta } | { reason: string }> {
  const meta = readMeta();
  if (!meta) return { reason: 'No model is kept in this browser yet (or its record was unreadable): train one and press Keep in this browser.' };
  try {
    return { model: await tf.loadLayersModel(KEY), meta };
  } catch (error) {
    return { reason: `The kept model could not be loaded: ${error instanceof Error ? error.message : String(error)}` };
  }
}
