/** Plain-words names for trace steps, for tables and diagrams. */
import type { TraceStep } from './trace';

const COMPONENT: Record<string, string> = { '2a': 'first', '2b': 'second', '2c': 'third' };

/** The document's name for a step's kind: CONV2D, BatchNorm, ReLU, Add, … */
export function describeKind(step: TraceStep): string {
  if (step.path === 'input') return 'Input';
  if (step.type === 'Conv2D') return 'CONV2D';
  if (step.type === 'BatchNormalization') return 'BatchNorm';
  if (step.type === 'Activation') return 'ReLU';
  return step.type;
}

/** "CONV2D (first component)", "ReLU after the add", "Shortcut CONV2D", … */
export function describeStep(step: TraceStep): string {
  if (step.path === 'input') return 'Input';
  const part = step.name?.match(/_branch(2[abc]|1)$/)?.[1] ?? step.id.match(/_(2[abc])$/)?.[1];
  const kind = describeKind(step);
  if (step.path === 'shortcut') return `Shortcut ${kind}`;
  if (step.path === 'merge') return step.type === 'Add' ? 'Add shortcut and main path' : 'ReLU after the add';
  if (part && COMPONENT[part]) return `${kind} (${COMPONENT[part]} component)`;
  return kind;
}
