/**
 * Our WebAssembly modules (the .wat files here, assembled by scripts/build-wasm.mjs), bound to
 * the memory of TF.js's WASM backend so they work on its tensors where they lie.
 */

import { backendMemory } from '../tf-internals';

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** A module's two builds (bn-simd-wasm.ts, …): importing a plain memory, and a shared one. */
export interface ModuleBytes {
  plain: string;
  shared: string;
}

/**
 * Binds modules to backends' memories, compiling each module synchronously (they are a few
 * kilobytes) once per memory. `bind` answers null where the module cannot run: a backend whose
 * memory it cannot find, or a browser without SIMD; the caller then takes its plain path.
 */
export function simdBinder<Exports>(bytes: ModuleBytes): (backend: unknown) => Exports | null {
  const instances = new WeakMap<WebAssembly.Memory, Exports | null>();
  return (backend) => {
    const memory = backendMemory(backend);
    if (memory == null) return null;
    if (!instances.has(memory)) {
      let exports: Exports | null = null;
      try {
        const isShared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
        const module = new WebAssembly.Module(decode(isShared ? bytes.shared : bytes.plain));
        exports = new WebAssembly.Instance(module, { env: { memory } }).exports as Exports;
      } catch {
        // No SIMD (or a memory the import does not fit): the plain path runs instead.
        exports = null;
      }
      instances.set(memory, exports);
    }
    return instances.get(memory) ?? null;
  };
}
