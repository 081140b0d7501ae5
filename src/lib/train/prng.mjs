/**
 * mulberry32: a 32-bit seeded PRNG, tiny and good enough for shuffling. The data split
 * (scripts/data-split.mjs), the training loop's shuffle and the tests all draw from this one copy,
 * so the same seed gives the same numbers everywhere. Plain JavaScript with its types beside it
 * (prng.d.mts), so that the build scripts, which run on plain Node, import it as it is.
 *
 * @param {number} seed
 * @returns {() => number} floats in [0, 1)
 */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
