/**
 * scripts/copy-pyodide.mjs copies all that Keras cells need: Pyodide loads from the copy alone
 * (the files the site will serve) and builds a block.
 */
import * as tf from '@tensorflow/tfjs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { loadKeras } from '../../src/lib/keras/runtime';
import { PYTHON_SOURCES } from '../../src/components/python/sources';
import { PYTHON_SOLUTIONS } from '../../src/components/python/solutions';
import { callFor, LOAD_TIMEOUT } from './keras-helpers';

const folder = mkdtempSync(join(tmpdir(), 'pyodide-copy-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

test(
  'the copied files alone load Pyodide and build a block',
  async () => {
    execFileSync(process.execPath, ['scripts/copy-pyodide.mjs', folder]);
    expect(readdirSync(folder).sort()).toEqual([
      'pyodide-lock.json',
      'pyodide.asm.mjs',
      'pyodide.asm.wasm',
      'pyodide.mjs',
      'pyodide.mjs.map',
      'python_stdlib.zip',
    ]);
    // No package is listed, so nothing can be fetched from another host.
    expect(JSON.parse(readFileSync(join(folder, 'pyodide-lock.json'), 'utf8')).packages).toEqual({});
    const stages: string[] = [];
    const keras = await loadKeras({ indexURL: `${folder}/`, sources: PYTHON_SOURCES, tf, onProgress: (p) => stages.push(p.stage) });
    expect(stages).toEqual(['runtime', 'keras', 'ready']);
    const result = keras.build(PYTHON_SOLUTIONS['identity-block'], callFor('identity-block'));
    result.dispose();
    expect(result.ok).toBe(true);
  },
  LOAD_TIMEOUT,
);
