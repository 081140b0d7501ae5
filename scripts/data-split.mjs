/**
 * The split logic of `build-data.mjs`, apart from its file handling so the unit tests can run it.
 *
 * A split is a list of source indices per part (train, validation, test). It is:
 *  - fixed: one seeded PRNG (mulberry32) drives every random choice, in a fixed order, so the
 *    same source and seed give the same indices on every machine and every run;
 *  - stratified: each class is split in the same proportions as the whole, with quotas from
 *    integer largest-remainder apportionment (no floating point, ties to the lower class);
 *  - disjoint: every source index lands in at most one part. Byte-identical images must be
 *    removed first (`dedupe`), or the same picture could still sit in train and test.
 */
import { createHash } from 'node:crypto';
import { mulberry32 } from '../src/lib/train/prng.mjs';

/** Pixels per image: 28 × 28 × 1. */
export const IMAGE_BYTES = 784;

/** The parts of a split, in the order they draw from each class's shuffled list. */
export const PARTS = /** @type {const} */ (['test', 'validation', 'train']);

/**
 * Fisher–Yates shuffle in place.
 * @template T
 * @param {T[]} items
 * @param {() => number} random
 * @returns {T[]}
 */
export function shuffle(items, random) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = /** @type {T} */ (items[i]);
    items[i] = /** @type {T} */ (items[j]);
    items[j] = t;
  }
  return items;
}

/**
 * Splits `total` into integer shares proportional to `weights` (largest remainder, ties to the
 * lower index). Integer arithmetic only, so the result never depends on float rounding.
 * @param {number} total
 * @param {number[]} weights non-negative integers
 * @returns {number[]}
 */
export function apportion(total, weights) {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) throw new Error(`apportion: cannot share ${total} among weights that are all 0.`);
  const shares = weights.map((w) => Math.floor((total * w) / sum));
  const order = weights.map((w, i) => ({ i, rest: (total * w) % sum })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  let left = total - shares.reduce((a, b) => a + b, 0);
  for (const { i } of order) {
    if (left-- <= 0) break;
    shares[i] = /** @type {number} */ (shares[i]) + 1;
  }
  return shares;
}

/**
 * Finds byte-identical images. Keeps the first copy of an image repeated within one class; drops
 * every copy of an image that appears under two different labels, since its label is unknowable.
 * `duplicates` counts same-label repeats dropped, `conflicting` every copy dropped for a clash.
 * @param {Uint8Array} images N × 784
 * @param {Uint8Array} labels N
 * @returns {{ keep: number[], duplicates: number, conflicting: number }} `keep`: source indices in order
 */
export function dedupe(images, labels) {
  /** @type {Map<string, { label: number, conflict: boolean }>} */
  const groups = new Map();
  /** @type {{ label: number, conflict: boolean }[]} */
  const groupOf = [];
  /** @type {boolean[]} */
  const first = [];
  for (let i = 0; i < labels.length; i++) {
    const key = imageHash(images, i);
    const label = /** @type {number} */ (labels[i]);
    let group = groups.get(key);
    first.push(group === undefined);
    if (group === undefined) groups.set(key, (group = { label, conflict: false }));
    else if (group.label !== label) group.conflict = true;
    groupOf.push(group);
  }
  /** @type {number[]} */
  const keep = [];
  let duplicates = 0;
  let conflicting = 0;
  groupOf.forEach((group, i) => {
    if (group.conflict) conflicting++;
    else if (first[i]) keep.push(i);
    else duplicates++;
  });
  return { keep, duplicates, conflicting };
}

/**
 * A hash of image `i`'s 784 bytes, to compare images without keeping 784-character keys.
 * @param {Uint8Array} images
 * @param {number} i
 */
export function imageHash(images, i) {
  return createHash('sha1')
    .update(images.subarray(i * IMAGE_BYTES, (i + 1) * IMAGE_BYTES))
    .digest('base64');
}

/**
 * How many of `indices` belong to each class.
 * @param {ArrayLike<number>} indices
 * @param {Uint8Array} labels
 * @param {number} numClasses
 */
export function classCounts(indices, labels, numClasses) {
  const counts = new Array(numClasses).fill(0);
  for (let k = 0; k < indices.length; k++) counts[/** @type {number} */ (labels[/** @type {number} */ (indices[k])])]++;
  return counts;
}

/**
 * A fixed, seeded, stratified split of `indices` into test, validation and train.
 * Each class's indices are shuffled once; test takes its quota from the front, validation the
 * next, train the next. Each part is then shuffled so the classes are interleaved.
 * `balance: 'proportional'` (for a split that uses all the data) makes quotas proportional to
 * what each class has left, so each class keeps its share of every part, ±1; `'equal'` (for a
 * subset of a nearly balanced source) gives every class the same quota, ±1.
 * @param {{ indices: number[], labels: Uint8Array, numClasses: number, seed: number,
 *           sizes: { train: number, validation: number, test: number },
 *           balance?: 'proportional' | 'equal' }} options
 * @returns {{ train: number[], validation: number[], test: number[] }}
 */
export function stratifiedSplit({ indices, labels, numClasses, sizes, seed, balance = 'proportional' }) {
  const random = mulberry32(seed);
  /** @type {number[][]} */
  const byClass = Array.from({ length: numClasses }, () => []);
  for (const i of indices) {
    const label = /** @type {number} */ (labels[i]);
    if (!(label < numClasses)) throw new Error(`stratifiedSplit: index ${i} has label ${label}, not below ${numClasses}.`);
    /** @type {number[]} */ (byClass[label]).push(i);
  }
  for (const list of byClass) shuffle(list, random);
  const available = byClass.map((list) => list.length);
  const taken = new Array(numClasses).fill(0);
  /** @type {Record<string, number[]>} */
  const parts = {};
  for (const part of PARTS) {
    // Shares of what is left, not of the class totals: the parts' roundings then never add up to
    // more than a class holds, and a part that takes all that is left takes it exactly.
    const quotas = apportion(
      sizes[part],
      available.map((n, c) => (balance === 'equal' ? 1 : n - taken[c])),
    );
    /** @type {number[]} */
    const chosen = [];
    quotas.forEach((quota, c) => {
      const from = taken[c];
      if (from + quota > /** @type {number} */ (available[c])) {
        throw new Error(
          `stratifiedSplit: class ${c} has ${available[c]} images, too few for the ${part} quota of ${quota} after ${from} already taken. Make the sizes smaller.`,
        );
      }
      chosen.push(.../** @type {number[]} */ (byClass[c]).slice(from, from + quota));
      taken[c] = from + quota;
    });
    parts[part] = shuffle(chosen, random);
  }
  return { train: /** @type {number[]} */ (parts.train), validation: /** @type {number[]} */ (parts.validation), test: /** @type {number[]} */ (parts.test) };
}

/**
 * A stratified subset of `size` of `indices`: the first of each class in the order given, so a
 * smaller dataset is nested in a larger one (the small test part ⊂ the large test part, …).
 * Keeps the input order, which is already shuffled.
 * @param {number[]} indices
 * @param {Uint8Array} labels
 * @param {number} numClasses
 * @param {number} size
 * @returns {number[]}
 */
export function stratifiedSubset(indices, labels, numClasses, size) {
  if (size > indices.length) throw new Error(`stratifiedSubset: asked for ${size} of ${indices.length} indices.`);
  const quotas = apportion(size, classCounts(indices, labels, numClasses));
  return indices.filter((i) => {
    const c = /** @type {number} */ (labels[i]);
    const left = /** @type {number} */ (quotas[c]);
    quotas[c] = left - 1;
    return left > 0;
  });
}
