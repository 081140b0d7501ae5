#!/usr/bin/env node
/**
 * Copies the Pyodide files that Keras (Python) cells need into public/pyodide/, so the site
 * serves Python itself (src/lib/keras/runtime.ts loads it from `withBase('pyodide/')`) and never
 * fetches it from another host. Only the runtime and the standard library: the course's Keras is
 * our own Python on TF.js, so no package (numpy, …) is served, and the lock file is written with
 * Pyodide's own header and no packages, so nothing can ask for one.
 */
import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const from = 'node_modules/pyodide';
// Another folder may be named (the unit tests load Pyodide from a copy, to test this list).
const to = process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? 'public/pyodide';
/**
 * What loadPyodide reads: its module, the Emscripten module and its binary, the standard library;
 * and the module's source map, which pyodide.mjs names (a browser's developer tools, and Vite in
 * the unit tests, look for it).
 */
const FILES = ['pyodide.mjs', 'pyodide.mjs.map', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip'];

mkdirSync(to, { recursive: true });
let bytes = 0;
for (const file of FILES) {
  const source = join(from, file);
  const target = join(to, file);
  const fresh = statSync(target, { throwIfNoEntry: false });
  const size = statSync(source).size;
  if (!fresh || fresh.mtimeMs < statSync(source).mtimeMs || fresh.size !== size) copyFileSync(source, target);
  bytes += size;
}

// loadPyodide checks the lock file's ABI against its own, so the header is Pyodide's own.
const { info } = JSON.parse(readFileSync(join(from, 'pyodide-lock.json'), 'utf8'));
const lock = `${JSON.stringify({ info, packages: {} })}\n`;
const lockFile = join(to, 'pyodide-lock.json');
if (readFileSync(lockFile, { encoding: 'utf8', flag: 'a+' }) !== lock) writeFileSync(lockFile, lock);
bytes += lock.length;

if (process.argv.includes('--verbose')) console.log(`${to}: ${FILES.length + 1} files, ${(bytes / 1e6).toFixed(1)} MB`);
