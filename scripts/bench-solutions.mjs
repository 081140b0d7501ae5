// The reference solutions, for the grading benchmark: src/lib/grading/snippets.ts and
// solutions.ts compiled together into one module (their imports between them dropped).
import { transform } from 'sucrase';
import { readFileSync } from 'node:fs';

const read = (name) => readFileSync(new URL(`../src/lib/grading/${name}`, import.meta.url), 'utf8').replace(/^import .*$/gm, '');
const { code } = transform(read('snippets.ts') + read('solutions.ts'), { transforms: ['typescript'], disableESTransforms: true });
const module = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
export const SOLUTIONS = module.SOLUTIONS;
