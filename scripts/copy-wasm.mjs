#!/usr/bin/env node
/**
 * Copies TF.js's WebAssembly binaries into public/wasm/, so the site serves them itself
 * (src/components/engine.ts calls setWasmPaths with the site's base path plus `wasm/`) and never fetches them from another host.
 */
import { copyFileSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const from = 'node_modules/@tensorflow/tfjs-backend-wasm/dist';
const to = 'public/wasm';
mkdirSync(to, { recursive: true });
for (const file of readdirSync(from).filter((f) => f.endsWith('.wasm'))) {
  const source = join(from, file);
  const target = join(to, file);
  const fresh = statSync(target, { throwIfNoEntry: false });
  if (!fresh || fresh.mtimeMs < statSync(source).mtimeMs || fresh.size !== statSync(source).size) copyFileSync(source, target);
}
