/**
 * Assembles our WebAssembly text (src/lib/engine/wasm/*.wat) into TypeScript modules that hold the
 * bytes, so the site, the tests and the benchmarks load them without a fetch or a build step
 * of their own. Run it after editing a .wat file: `npm run build:wasm`. A unit test
 * (bn-simd.test.ts) fails when a committed module no longer matches its source.
 *
 * Each module is assembled twice: importing a plain memory, as TF.js's single-threaded WASM
 * build has, and a shared one of up to 4 GiB, as its threaded build has (an import must match
 * the memory's kind).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assembleWat, WASM_SOURCES } from './wasm-sources.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
for (const { wat, out } of WASM_SOURCES) {
  const text = readFileSync(root + wat, 'utf8');
  const module = await assembleWat(text, wat);
  writeFileSync(root + out, module);
  console.log(`${wat} → ${out}`);
}
