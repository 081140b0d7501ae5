/**
 * What the lesson components' code needs from their markup (StepReveal.astro): found once by
 * `findParts` (../parts.ts), and checked against the rendered markup by
 * tests/components/lesson.test.ts.
 */
import type { PartTable } from '../parts';

/** <resnet-step-reveal>: the button and the code it shows and hides. */
export const STEP_REVEAL_PARTS = {
  toggle: ['[data-toggle]', 'button'],
  code: ['[data-code]', 'div'],
} as const satisfies PartTable;
