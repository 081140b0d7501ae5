/** The demos' fields, shared by their markup (FieldInput) and their scripts (checkField). */
import type { IntField } from '../../lib/state/fields';

export const IDENTITY_DEMO_N: IntField = { key: 'n', label: 'N', min: 1, max: 12, default: 6 };
export const GRADIENT_DEMO_DEPTH: IntField = { key: 'depth', label: 'depth', min: 3, max: 60, default: 20 };
