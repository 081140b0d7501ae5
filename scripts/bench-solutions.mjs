// The reference solutions, for the grading benchmark (compiled from src/lib/grading/solutions.ts).
import { transform } from 'sucrase';
import { readFileSync } from 'node:fs';

const source = readFileSync(new URL('../src/lib/grading/solutions.ts', import.meta.url), 'utf8');
const { code } = transform(source.replace(/^import .*$/m, ''), { transforms: ['typescript'], disableESTransforms: true });
const module = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
export const SOLUTIONS = module.SOLUTIONS;
