/**
 * FNV-1a, 32 bits: a cheap checksum that scripts/build-data.mjs writes into each dataset's
 * manifest and the loader (data.ts) recomputes, to catch a stale or damaged file that still has
 * the right length (a cached file from an older build, say). One copy for both sides, in plain
 * JavaScript with its types beside it (checksum.d.mts), so that the build, on plain Node, imports
 * it as it is.
 *
 * @param {Uint8Array} bytes
 * @returns {number} an unsigned 32-bit integer
 */
export function fnv1a(bytes) {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ /** @type {number} */ (bytes[i]), 0x01000193);
  return h >>> 0;
}
