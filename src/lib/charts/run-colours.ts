/**
 * The colours of the lab's runs. Each run holds one colour of the palette from the moment it starts
 * until it is deleted, and no two runs hold the same one, so no two curves on screen share a
 * colour. Starlight's named colours would not do: in the light theme its accent and its blue are
 * the same colour, and its orange and green fall under 3:1 on white.
 *
 * Every colour here stands at least 3:1 against both themes' backgrounds and panels (WCAG 1.4.11:
 * luminance between about 0.17 and 0.28 clears white and Starlight's near-black alike), and any
 * two are at least 25 apart in CIELAB (ΔE*ab): hues an eye tells apart, not shades of one. The
 * lab's stylesheet gives class `run-<index>` the colour at that index (lab.css; a unit test holds
 * the two together).
 */

/** The palette, in the order runs take it: the first free colour goes to a new run. */
export const RUN_PALETTE = [
  { name: 'blue', css: '#3b6fe8' },
  { name: 'vermilion', css: '#d55e00' },
  { name: 'green', css: '#00916b' },
  { name: 'magenta', css: '#c2449a' },
  { name: 'olive', css: '#8f8200' },
  { name: 'violet', css: '#9a56e0' },
  { name: 'teal', css: '#0a8bb0' },
  { name: 'red', css: '#d63a3a' },
] as const;

/**
 * The first palette index not in `taken` (the colours the runs still kept hold), or undefined when
 * every colour is held: the caller must free one (delete a run) first.
 */
export function pickColour(taken: Iterable<number>): number | undefined {
  const held = new Set(taken);
  for (const [index] of RUN_PALETTE.entries()) if (!held.has(index)) return index;
  return undefined;
}
