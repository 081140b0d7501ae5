import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { OUT_DIR, SEED } from '../../scripts/build-data.mjs';
import { readSource } from '../../scripts/data-sources.mjs';
import { apportion, dedupe, stratifiedSplit } from '../../scripts/data-split.mjs';
import {
  DATASET_NAMES,
  DEFAULT_DATASET,
  IMAGE_BYTES,
  SPLIT_NAMES,
  loadDataset,
  toBatch,
  type Dataset,
  type DatasetName,
  type FetchBytes,
} from '../../src/lib/train/data';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** What the browser's fetch does, from the files the build step wrote. */
const readPublic: FetchBytes = async (url) => new Uint8Array(await readFile(join(ROOT, 'public', url)));

const loaded = new Map<DatasetName, Dataset>();

beforeAll(async () => {
  // A no-op (~0.2 s) when the files are newer than their inputs; builds them on a fresh clone.
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-data.mjs')], { stdio: 'ignore' });
  for (const name of DATASET_NAMES) loaded.set(name, await loadDataset(name, { baseUrl: '/data/', fetchBytes: readPublic }));
}, 120_000);

const hashes = (images: Uint8Array) =>
  Array.from({ length: images.length / IMAGE_BYTES }, (_, i) =>
    createHash('sha1')
      .update(images.subarray(i * IMAGE_BYTES, (i + 1) * IMAGE_BYTES))
      .digest('hex'),
  );
const countClasses = (labels: Uint8Array, n: number) => {
  const counts = new Array<number>(n).fill(0);
  for (const l of labels) counts[l] = (counts[l] ?? 0) + 1;
  return counts;
};

// Mean pixel of the whole datasets, on 0–255: Fashion-MNIST 72.9, MNIST 33.3.
describe.each([
  ['fashion-mnist', 10, [65, 81]],
  ['fashion-mnist-large', 10, [65, 81]],
  ['mnist', 10, [28, 39]],
] as const)('%s', (name, numClasses, [meanLo, meanHi]) => {
  const data = () => loaded.get(name) as Dataset;

  test('counts per split match the manifest and the file sizes', () => {
    for (const split of SPLIT_NAMES) {
      const { count, images, labels } = data()[split];
      expect(count).toBe(data().manifest.splits[split].count);
      expect(images.length).toBe(count * IMAGE_BYTES);
      expect(labels.length).toBe(count);
    }
    expect(data().manifest.classes).toHaveLength(numClasses);
  });

  test(`the split is seeded with mulberry32(${SEED})`, () => {
    expect(data().manifest.split).toMatchObject({ prng: 'mulberry32', seed: SEED });
  });

  test('labels are in range and their counts match the manifest', () => {
    for (const split of SPLIT_NAMES) {
      expect(Math.max(...data()[split].labels)).toBeLessThan(numClasses);
      expect(countClasses(data()[split].labels, numClasses)).toEqual(data().manifest.splits[split].classCounts);
    }
  });

  test('stratified: each class is within ±1 of its proportional share of every split', () => {
    const totals = SPLIT_NAMES.map((s) => countClasses(data()[s].labels, numClasses)).reduce((a, b) => a.map((x, c) => x + (b[c] as number)));
    const all = totals.reduce((a, b) => a + b);
    for (const split of SPLIT_NAMES) {
      const { count, labels } = data()[split];
      countClasses(labels, numClasses).forEach((n, c) =>
        expect(Math.abs(n - (count * (totals[c] as number)) / all), `${split}, class ${c}`).toBeLessThanOrEqual(1),
      );
    }
  });

  test(`pixels span 0–255 with a mean in [${meanLo}, ${meanHi}]`, () => {
    for (const split of SPLIT_NAMES) {
      const { images } = data()[split];
      let min = 255;
      let max = 0;
      let sum = 0;
      for (const v of images) {
        min = Math.min(min, v);
        max = Math.max(max, v);
        sum += v;
      }
      expect([min, max]).toEqual([0, 255]);
      expect(sum / images.length).toBeGreaterThan(meanLo);
      expect(sum / images.length).toBeLessThan(meanHi);
    }
  });

  test('no image appears twice, within a split or across splits', () => {
    const all = SPLIT_NAMES.flatMap((split) => hashes(data()[split].images));
    expect(new Set(all).size).toBe(all.length);
  });
});

describe.each(['fashion-mnist', 'fashion-mnist-large'] as const)('%s is class-balanced', (name) => {
  test.each(SPLIT_NAMES)('%s: each class within ±1 of the mean per class', (split) => {
    const { labels, count } = (loaded.get(name) as Dataset)[split];
    for (const n of countClasses(labels, 10)) expect(Math.abs(n - count / 10)).toBeLessThanOrEqual(1);
  });
});

test('the default download (fashion-mnist) is at most 5 MB, manifest included', async () => {
  const dir = join(OUT_DIR, DEFAULT_DATASET);
  const manifest = (loaded.get(DEFAULT_DATASET) as Dataset).manifest;
  const files = ['manifest.json', ...SPLIT_NAMES.flatMap((s) => [manifest.splits[s].images.file, manifest.splits[s].labels.file])];
  const bytes = (await Promise.all(files.map((f) => stat(join(dir, f))))).reduce((sum, s) => sum + s.size, 0);
  expect(bytes).toBeLessThanOrEqual(5_000_000);
  expect(SPLIT_NAMES.map((s) => manifest.splits[s].count)).toEqual([5_000, 500, 500]);
});

test('fashion-mnist is nested in fashion-mnist-large: each split inside the same split', () => {
  const small = loaded.get('fashion-mnist') as Dataset;
  const large = loaded.get('fashion-mnist-large') as Dataset;
  for (const split of SPLIT_NAMES) {
    const inLarge = new Set(hashes(large[split].images));
    expect(
      hashes(small[split].images).every((h) => inLarge.has(h)),
      split,
    ).toBe(true);
  }
});

describe('the split logic (scripts/data-split.mjs)', () => {
  // 3 classes of 40, 30 and 30 examples, in order.
  const labels = Uint8Array.from({ length: 100 }, (_, i) => (i < 40 ? 0 : i < 70 ? 1 : 2));
  const indices = Array.from(labels.keys());
  const sizes = { train: 70, validation: 10, test: 20 };

  test('is deterministic: the same seed twice gives the same indices, another seed others', () => {
    const a = stratifiedSplit({ indices, labels, numClasses: 3, sizes, seed: SEED });
    expect(stratifiedSplit({ indices, labels, numClasses: 3, sizes, seed: SEED })).toEqual(a);
    expect(stratifiedSplit({ indices, labels, numClasses: 3, sizes, seed: SEED + 1 })).not.toEqual(a);
  });

  test('is stratified and disjoint, and uses every index when the sizes add up to all', () => {
    const parts = stratifiedSplit({ indices, labels, numClasses: 3, sizes, seed: SEED });
    expect(
      countClasses(
        Uint8Array.from(parts.test, (i) => labels[i] as number),
        3,
      ),
    ).toEqual([8, 6, 6]);
    expect(
      countClasses(
        Uint8Array.from(parts.validation, (i) => labels[i] as number),
        3,
      ),
    ).toEqual([4, 3, 3]);
    expect([...parts.train, ...parts.validation, ...parts.test].sort((x, y) => x - y)).toEqual(indices);
  });

  test("balance: 'equal' gives every class the same count however uneven the classes", () => {
    const parts = stratifiedSplit({ indices, labels, numClasses: 3, sizes: { train: 30, validation: 3, test: 6 }, seed: SEED, balance: 'equal' });
    const counts = (part: number[]) =>
      countClasses(
        Uint8Array.from(part, (i) => labels[i] as number),
        3,
      );
    expect([counts(parts.train), counts(parts.validation), counts(parts.test)]).toEqual([
      [10, 10, 10],
      [1, 1, 1],
      [2, 2, 2],
    ]);
  });

  test('refuses sizes larger than the data', () => {
    expect(() => stratifiedSplit({ indices, labels, numClasses: 3, sizes: { ...sizes, train: 71 }, seed: SEED })).toThrow(/too few.*Make the sizes smaller/);
  });

  test.each([
    [10, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]],
    [10, [3, 3, 3], [4, 3, 3]],
    [5, [10, 0, 10], [3, 0, 2]],
    [100, [863, 1127], [43, 57]],
  ])('apportion(%i, %j) = %j', (total, weights, shares) => {
    expect(apportion(total, weights)).toEqual(shares);
  });

  test('dedupe keeps the first of a repeated image and drops every copy of one with two labels', () => {
    const images = new Uint8Array(5 * IMAGE_BYTES);
    [1, 2, 1, 3, 3].forEach((fill, i) => images.fill(fill, i * IMAGE_BYTES, (i + 1) * IMAGE_BYTES));
    expect(dedupe(images, Uint8Array.from([0, 0, 0, 1, 2]))).toEqual({ keep: [0, 1], duplicates: 1, conflicting: 2 });
  });

  test('the mnist files are exactly what the split function gives from the package', () => {
    const source = readSource('mnist');
    const parts = stratifiedSplit({
      indices: dedupe(source.images, source.labels).keep,
      labels: source.labels,
      numClasses: 10,
      sizes: { train: 8000, validation: 1000, test: 1000 },
      seed: SEED,
    });
    const mnist = loaded.get('mnist') as Dataset;
    for (const split of SPLIT_NAMES) {
      expect(Buffer.from(mnist[split].labels).equals(Buffer.from(parts[split].map((i) => source.labels[i] as number)))).toBe(true);
      const first = parts[split][0] as number;
      expect(mnist[split].images.subarray(0, IMAGE_BYTES)).toEqual(source.images.subarray(first * IMAGE_BYTES, (first + 1) * IMAGE_BYTES));
    }
  });
});

describe('toBatch', () => {
  const split = () => (loaded.get('fashion-mnist') as Dataset).test;

  test('scales pixels to [0, 1] and copies the labels, in the order asked', () => {
    const batch = toBatch(split(), [3, 0, 3]);
    expect(batch.size).toBe(3);
    expect(batch.pixels).toHaveLength(3 * IMAGE_BYTES);
    expect(Array.from(batch.labels)).toEqual([split().labels[3], split().labels[0], split().labels[3]]);
    for (let p = 0; p < IMAGE_BYTES; p++) expect(batch.pixels[IMAGE_BYTES + p]).toBeCloseTo((split().images[p] as number) / 255, 6);
    expect(Math.max(...batch.pixels)).toBeLessThanOrEqual(1);
    expect(batch.oneHot).toBeUndefined();
  });

  test('gives one-hot labels when asked: one 1 per row, at the label', () => {
    const { oneHot, labels } = toBatch(split(), [0, 1, 2, 3], { oneHot: 10 });
    for (let k = 0; k < 4; k++) {
      const row = Array.from((oneHot as Float32Array).subarray(k * 10, (k + 1) * 10));
      expect(row.indexOf(1)).toBe(labels[k]);
      expect(row.reduce((a, b) => a + b)).toBe(1);
    }
  });

  test.each([
    [[500], {}, /index 500 \(at position 0\) is outside the split's 0–499/],
    [[1.5], {}, /index 1\.5/],
    [[0], { oneHot: 0 }, /oneHot must be the number of classes/],
  ])('refuses indices %j with %j', (indices, options, message) => {
    expect(() => toBatch(split(), indices, options)).toThrow(message);
  });
});
