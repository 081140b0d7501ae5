/**
 * The convolutional block is graded twice: at its test case's s = 2, then at s = 1. A block with
 * the stride written in as 2, ignoring its argument s, builds the right model at s = 2 and passes
 * every check there; only the second case shows it. The second case runs once the first passes,
 * and its failures are reported with "With s = 1" in front, naming the stride that ignored s.
 */
import type * as tf from '@tensorflow/tfjs';
import { formatShape } from '../resnet/format';
import { fail } from './grade';
import { report, TEST_CASES } from './judge';
import type { Check, GradeReport } from './types';

/** The stride the convolutional block is graded at after its test case's own. */
export const SECOND_STRIDE = 1;

const CASE = TEST_CASES['convolutional-block'];

/** The block's output at stride `s` on the test case: a 1×1 'valid' conv of stride s takes n to ⌊(n − 1)/s⌋ + 1. */
export function expectedOutput(s: number): string {
  const [height, width] = CASE.input;
  const side = (n: number) => Math.floor((n - 1) / s) + 1;
  return formatShape([side(height), side(width), CASE.filters[2]]);
}

const pair = (v: unknown) => (Array.isArray(v) ? `(${v.join(', ')})` : String(v));

/**
 * Which of the two convs that take stride s (2a and the shortcut's) has another stride in a build
 * at `s`, as a hint; undefined when both follow s. `made`: the layers the build made.
 */
export function strideFault(made: readonly tf.layers.Layer[], s: number): string | undefined {
  const base = `res${CASE.stage}${CASE.block}_branch`;
  const wrong = made.filter((layer) => {
    if (layer.getClassName() !== 'Conv2D' || (layer.name !== `${base}2a` && layer.name !== `${base}1`)) return false;
    return pair(layer.getConfig().strides) !== pair([s, s]);
  });
  const main = wrong.find((layer) => layer.name.endsWith('2a'));
  const shortcut = wrong.find((layer) => layer.name.endsWith('_branch1'));
  const which = main && shortcut ? "2a's stride and the shortcut's" : main ? "2a's stride" : shortcut ? "the shortcut's stride" : undefined;
  if (!which) return undefined;
  const strides = pair((main ?? shortcut)?.getConfig().strides);
  return `${which} should be (s, s), not ${strides}: the block must use its argument s, which is ${s} here`;
}

const notChecked = (check: Check) => check.skipped === true;

/**
 * The report of both cases: `first` (at the test case's s, passed) and `second` (at
 * SECOND_STRIDE). `fault` is strideFault's hint for the second build; `output`, the shape the
 * learner's block returned there, when it returned one.
 */
export function withSecondStride(first: GradeReport, second: GradeReport, fault?: string, output?: string): GradeReport {
  const s = SECOND_STRIDE;
  if (second.passed) return report(first.checks.map((check) => ({ ...check, message: `${check.message} Also with s = ${s}.` })));
  let checks = second.checks.map((check, i) => {
    if (check.pass) return first.checks[i] as Check;
    return notChecked(check) ? check : { ...check, message: `With s = ${s}: ${check.message}` };
  });
  if (fault) {
    const shapes = checks.findIndex((check) => check.id === 'shapes');
    const target = !checks[shapes]?.pass && !notChecked(checks[shapes] as Check) ? shapes : checks.findIndex((check) => !check.pass);
    checks = checks.map((check, i) => {
      if (i !== target) return check;
      if (check.id === 'shapes' && output)
        return fail('shapes', `With s = ${s} the block's output should be ${expectedOutput(s)}, but it is ${output}.`, fault);
      return { ...check, hint: fault };
    });
  }
  return report(checks, second.error);
}
