/**
 * Loads the image datasets that `scripts/build-data.mjs` writes under `public/data/<name>/`, and
 * turns examples into batches. No DOM and no TF.js: bytes come in through an injected
 * `fetchBytes` (the browser passes one built on fetch, the tests one that reads files), typed
 * arrays go out, and the training loop makes tensors from them.
 *
 * Everything loaded is checked against the manifest (lengths, checksums, label range, class
 * counts) so a truncated download or a file cached from an older build fails here, with a
 * message that says what to do, rather than as a strange loss curve later.
 */
import { fnv1a } from './checksum.mjs';

/** Pixels per image: 28 × 28 × 1, one byte each (0 = background). */
export const IMAGE_BYTES = 784;

export const DATASET_NAMES = ['fashion-mnist', 'fashion-mnist-large', 'mnist'] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

/** What the lab loads unless the reader picks another: 6,000 images, 4.7 MB. */
export const DEFAULT_DATASET: DatasetName = 'fashion-mnist';

export const SPLIT_NAMES = ['train', 'validation', 'test'] as const;
export type SplitName = (typeof SPLIT_NAMES)[number];

export interface FileEntry {
  file: string;
  bytes: number;
  /** FNV-1a (32-bit) of the file's bytes. */
  fnv1a: number;
}

export interface SplitEntry {
  count: number;
  /** Examples per class, indexed like `classes`. */
  classCounts: number[];
  images: FileEntry;
  labels: FileEntry;
}

export interface Manifest {
  name: string;
  title: string;
  imageShape: [number, number, number];
  classes: string[];
  source: Record<string, string | number>;
  split: { prng: string; seed: number; method: string };
  /** Bytes of all the .bin files together. */
  totalBytes: number;
  splits: Record<SplitName, SplitEntry>;
}

/** One part of a dataset: `images` is count × 784 bytes, row-major; `labels` the class indices. */
export interface Split {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}

export interface Dataset extends Record<SplitName, Split> {
  manifest: Manifest;
}

/** Fetches a URL's bytes, reporting bytes received so far when it can. */
export type FetchBytes = (url: string, onBytes?: (loaded: number) => void) => Promise<Uint8Array>;

export interface LoadProgress {
  /** Bytes of .bin files received so far, over all files. */
  loaded: number;
  /** `manifest.totalBytes`. */
  total: number;
}

export interface LoadOptions {
  fetchBytes: FetchBytes;
  onProgress?: (progress: LoadProgress) => void;
  /**
   * Where the dataset folders are: the site's base path plus `data/` (`/data/` at a host's root,
   * `/resnet-live/data/` under a sub-path). Required, so no caller can forget the base.
   */
  baseUrl: string;
}

/** A dataset file that is missing, damaged or out of step with its manifest. */
export class DatasetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatasetError';
  }
}

const REBUILD = 'Rebuild the data with `npm run data` (or `npm run build`) and reload the page.';

/** Loads the manifest, then the six files in parallel, and checks them all. */
export async function loadDataset(name: DatasetName, { fetchBytes, onProgress, baseUrl }: LoadOptions): Promise<Dataset> {
  if (!DATASET_NAMES.includes(name)) {
    throw new DatasetError(`Unknown dataset ${JSON.stringify(name)}: use one of ${DATASET_NAMES.join(', ')}.`);
  }
  const dir = `${baseUrl.replace(/\/?$/, '/')}${name}/`;
  const manifest = parseManifest(name, await fetchBytes(`${dir}manifest.json`));

  const loaded = new Map<string, number>();
  const report = (file: string, bytes: number) => {
    loaded.set(file, bytes);
    let sum = 0;
    for (const n of loaded.values()) sum += n;
    onProgress?.({ loaded: sum, total: manifest.totalBytes });
  };
  onProgress?.({ loaded: 0, total: manifest.totalBytes });
  const fetchFile = async (entry: FileEntry) => {
    const bytes = await fetchBytes(`${dir}${entry.file}`, (n) => report(entry.file, n));
    checkFile(name, entry, bytes);
    report(entry.file, bytes.length);
    return bytes;
  };
  const parts = await Promise.all(
    SPLIT_NAMES.map(async (split) => {
      const entry = manifest.splits[split];
      const [images, labels] = await Promise.all([fetchFile(entry.images), fetchFile(entry.labels)]);
      checkLabels(name, split, manifest, labels);
      return { images, labels, count: entry.count } satisfies Split;
    }),
  );
  const [train, validation, test] = parts as [Split, Split, Split];
  return { manifest, train, validation, test };
}

/**
 * As `loadDataset`, for code that cannot await (a Python cell's `load_dataset()`): `readFile`
 * returns the bytes of one file of the dataset's folder, by name (`manifest.json`,
 * `train-images.bin`), or throws. Checked as `loadDataset` checks what it fetched.
 */
export function readDataset(name: DatasetName, readFile: (file: string) => Uint8Array): Dataset {
  if (!DATASET_NAMES.includes(name)) {
    throw new DatasetError(`Unknown dataset ${JSON.stringify(name)}: use one of ${DATASET_NAMES.join(', ')}.`);
  }
  const manifest = parseManifest(name, readFile('manifest.json'));
  const readChecked = (entry: FileEntry) => {
    const bytes = readFile(entry.file);
    checkFile(name, entry, bytes);
    return bytes;
  };
  const [train, validation, test] = SPLIT_NAMES.map((split) => {
    const entry = manifest.splits[split];
    const images = readChecked(entry.images);
    const labels = readChecked(entry.labels);
    checkLabels(name, split, manifest, labels);
    return { images, labels, count: entry.count } satisfies Split;
  }) as [Split, Split, Split];
  return { manifest, train, validation, test };
}

function parseManifest(name: string, bytes: Uint8Array): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new DatasetError(`${name}/manifest.json is not valid JSON (${(error as Error).message}). ${REBUILD}`);
  }
  return checkManifest(name, raw);
}

function checkManifest(name: string, raw: unknown): Manifest {
  const m = raw as Partial<Manifest> | null;
  const bad = (what: string): never => {
    throw new DatasetError(`${name}/manifest.json: ${what}. ${REBUILD}`);
  };
  if (typeof m !== 'object' || m === null) return bad('expected an object');
  if (m.name !== name) bad(`it is for ${JSON.stringify(m.name)}, not ${JSON.stringify(name)}`);
  if (!Array.isArray(m.classes) || m.classes.length < 2 || m.classes.length > 256) bad('classes must list 2 to 256 names');
  if (JSON.stringify(m.imageShape) !== '[28,28,1]') bad(`imageShape is ${JSON.stringify(m.imageShape)}, expected [28, 28, 1]`);
  let total = 0;
  for (const split of SPLIT_NAMES) {
    const s = m.splits?.[split];
    if (!s || !Number.isSafeInteger(s.count) || s.count < 1) return bad(`splits.${split}.count must be a positive integer`);
    if (s.images?.bytes !== s.count * IMAGE_BYTES) bad(`splits.${split}.images.bytes must be count × ${IMAGE_BYTES} = ${s.count * IMAGE_BYTES}`);
    if (s.labels?.bytes !== s.count) bad(`splits.${split}.labels.bytes must equal count (${s.count})`);
    if (!Array.isArray(s.classCounts) || s.classCounts.length !== m.classes?.length) bad(`splits.${split}.classCounts needs one count per class`);
    total += s.images.bytes + s.labels.bytes;
  }
  if (m.totalBytes !== total) bad(`totalBytes is ${m.totalBytes} but the files add up to ${total}`);
  return m as Manifest;
}

function checkFile(name: string, entry: FileEntry, bytes: Uint8Array): void {
  if (bytes.length !== entry.bytes) {
    throw new DatasetError(
      `${name}/${entry.file} has ${bytes.length.toLocaleString('en-US')} bytes, but manifest.json says ${entry.bytes.toLocaleString('en-US')}: the file is truncated or from another build. ${REBUILD}`,
    );
  }
  if (fnv1a(bytes) !== entry.fnv1a) {
    throw new DatasetError(`${name}/${entry.file} does not match the checksum in manifest.json: the file is damaged or from another build. ${REBUILD}`);
  }
}

function checkLabels(name: string, split: SplitName, manifest: Manifest, labels: Uint8Array): void {
  const counts = new Array<number>(manifest.classes.length).fill(0);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] as number;
    if (label >= counts.length) {
      throw new DatasetError(`${name}/${split}-labels.bin: example ${i} has label ${label}, but there are only ${counts.length} classes. ${REBUILD}`);
    }
    counts[label] = (counts[label] as number) + 1;
  }
  if (counts.join() !== manifest.splits[split].classCounts.join()) {
    throw new DatasetError(
      `${name}/${split}-labels.bin has ${counts.join(', ')} examples per class; manifest.json says ${manifest.splits[split].classCounts.join(', ')}. ${REBUILD}`,
    );
  }
}

export interface Batch {
  size: number;
  /** size × 784 floats in [0, 1]: a [size, 28, 28, 1] tensor's data, row-major. */
  pixels: Float32Array;
  /** size class indices. */
  labels: Int32Array;
  /** size × numClasses, 1 at each example's class; only when `oneHot` was asked for. */
  oneHot?: Float32Array;
}

/** 0–255 → [0, 1], computed once: a lookup is faster than dividing 784 times per image. */
const SCALE = Float32Array.from({ length: 256 }, (_, v) => v / 255);

/**
 * The examples at `indices` of `split` as float pixels and labels. Pass `{ oneHot: numClasses }`
 * for one-hot labels as well (what `categoricalCrossentropy` wants).
 */
export function toBatch(split: Split, indices: ArrayLike<number>, options: { oneHot?: number } = {}): Batch {
  const size = indices.length;
  const pixels = new Float32Array(size * IMAGE_BYTES);
  const labels = new Int32Array(size);
  const classes = options.oneHot;
  if (classes !== undefined && !(Number.isSafeInteger(classes) && classes > 0)) {
    throw new RangeError(`toBatch: oneHot must be the number of classes, a positive integer; got ${classes}.`);
  }
  const oneHot = classes === undefined ? undefined : new Float32Array(size * classes);
  for (let k = 0; k < size; k++) {
    const i = indices[k] as number;
    if (!(Number.isInteger(i) && i >= 0 && i < split.count)) {
      throw new RangeError(`toBatch: index ${i} (at position ${k}) is outside the split's 0–${split.count - 1}.`);
    }
    const from = i * IMAGE_BYTES;
    for (let p = 0; p < IMAGE_BYTES; p++) pixels[k * IMAGE_BYTES + p] = SCALE[split.images[from + p] as number] as number;
    const label = split.labels[i] as number;
    labels[k] = label;
    if (oneHot && classes !== undefined) {
      if (label >= classes) throw new RangeError(`toBatch: example ${i} has label ${label}, not below oneHot = ${classes}.`);
      oneHot[k * classes + label] = 1;
    }
  }
  return oneHot ? { size, pixels, labels, oneHot } : { size, pixels, labels };
}
