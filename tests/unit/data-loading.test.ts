/**
 * loadDataset: the files the build step wrote come back whole, under any base path, with their
 * progress; damaged ones are refused with a clear message.
 */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { fnv1a } from '../../src/lib/train/checksum.mjs';
import { loadDataset, type DatasetName, type FetchBytes } from '../../src/lib/train/data';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** What the browser's fetch does, from the files the build step wrote. */
const readPublic: FetchBytes = async (url) => new Uint8Array(await readFile(join(ROOT, 'public', url)));

beforeAll(() => {
  // A no-op (~0.2 s) when the files are newer than their inputs; builds them on a fresh clone.
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-data.mjs')], { stdio: 'ignore' });
}, 120_000);

describe('loadDataset rejects damaged data with a clear message', () => {
  /** Serves the real files, with `change` applied to the one named `file`. */
  const tampered =
    (file: string, change: (bytes: Uint8Array) => Uint8Array): FetchBytes =>
    async (url) => {
      const bytes = await readPublic(url);
      return url.endsWith(`/${file}`) ? change(bytes) : bytes;
    };
  const editManifest = (edit: (m: Record<string, any>) => void) => (bytes: Uint8Array) => {
    const m = JSON.parse(new TextDecoder().decode(bytes));
    edit(m);
    return new TextEncoder().encode(JSON.stringify(m));
  };

  test.each([
    [
      'a truncated image file',
      'train-images.bin',
      (b: Uint8Array) => b.slice(0, -784),
      /train-images\.bin has 3,919,216 bytes, but manifest\.json says 3,920,000: the file is truncated.*npm run data/,
    ],
    ['a changed byte', 'test-images.bin', (b: Uint8Array) => b.map((v, i) => (i === 1000 ? v ^ 1 : v)), /test-images\.bin does not match the checksum/],
    [
      'a label file of the wrong size',
      'validation-labels.bin',
      (b: Uint8Array) => b.slice(1),
      /validation-labels\.bin has 499 bytes, but manifest\.json says 500/,
    ],
    ['a manifest that is not JSON', 'manifest.json', () => new TextEncoder().encode('{"name":'), /manifest\.json is not valid JSON/],
    ['a manifest for another dataset', 'manifest.json', editManifest((m) => (m.name = 'mnist')), /it is for "mnist", not "fashion-mnist"/],
    [
      'a manifest with a wrong byte count',
      'manifest.json',
      editManifest((m) => (m.splits.test.images.bytes = 1)),
      /splits\.test\.images\.bytes must be count × 784 = 392000/,
    ],
  ])('%s', async (_, file, change, message) => {
    await expect(loadDataset('fashion-mnist', { baseUrl: '/data/', fetchBytes: tampered(file, change) })).rejects.toThrow(message);
  });

  test('a label out of range (checksum made to match)', async () => {
    const bad = (b: Uint8Array) => b.map((v, i) => (i === 7 ? 200 : v));
    const labels = bad(await readPublic('/data/fashion-mnist/test-labels.bin'));
    const fetchBytes = async (url: string) => {
      if (url.endsWith('/test-labels.bin')) return labels;
      return url.endsWith('/manifest.json') ? editManifest((m) => (m.splits.test.labels.fnv1a = fnv1a(labels)))(await readPublic(url)) : readPublic(url);
    };
    await expect(loadDataset('fashion-mnist', { baseUrl: '/data/', fetchBytes })).rejects.toThrow(
      /test-labels\.bin: example 7 has label 200, but there are only 10 classes/,
    );
  });

  test('an unknown dataset name', async () => {
    await expect(loadDataset('cifar-10' as DatasetName, { baseUrl: '/data/', fetchBytes: readPublic })).rejects.toThrow(
      /Unknown dataset "cifar-10": use one of fashion-mnist/,
    );
  });
});

test('loadDataset reports progress up to the total bytes', async () => {
  const seen: number[] = [];
  await loadDataset('mnist', {
    baseUrl: '/data/',
    fetchBytes: readPublic,
    onProgress: ({ loaded, total }) => (seen.push(loaded), expect(total).toBe(7_850_000)),
  });
  expect(seen[0]).toBe(0);
  expect(seen.at(-1)).toBe(7_850_000);
  expect(seen).toEqual([...seen].sort((a, b) => a - b));
});

test.each([['/resnet-live/data/'], ['/resnet-live/data']])('loadDataset fetches every file under the base path it is given (%s)', async (baseUrl) => {
  const urls: string[] = [];
  // The files are the same wherever the site is published: strip the sub-path to read them.
  const fetchBytes: FetchBytes = async (url) => (urls.push(url), readPublic(url.replace(/^\/resnet-live/, '')));
  await loadDataset('fashion-mnist', { baseUrl, fetchBytes });
  expect(urls).toHaveLength(7);
  for (const url of urls) expect(url).toMatch(/^\/resnet-live\/data\/fashion-mnist\/[\w.-]+$/);
});
