/** How shapes and counts are written everywhere in the course. */

/** Keras notation with the batch axis: [15, 15, 256] → "(None, 15, 15, 256)". */
export function formatShape(shape: readonly number[], batch: number | null = null): string {
  return `(${[batch === null ? 'None' : String(batch), ...shape.map(String)].join(', ')})`;
}

const grouping = new Intl.NumberFormat('en-US');

/** Thousands separators regardless of the reader's locale: 23600006 → "23,600,006". */
export function formatCount(n: number): string {
  return grouping.format(n);
}
