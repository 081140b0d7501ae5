/** Code that throws, or does not compile: the report still says where, and never throws itself. */
import { describe, expect, test } from 'vitest';
import { gradeExercise } from '../../src/lib/grading/exercise';
import { SOLUTIONS } from '../../src/lib/grading/solutions';
import { wrong, byId } from './grading-helpers';

describe('code that throws before it finishes', () => {
  test("still names the step whose shape went wrong: 'valid' padding makes the Add fail", () => {
    const source = wrong('identity-block', "padding: 'same'", "padding: 'valid'");
    const result = gradeExercise('identity-block', source);
    expect(byId(result.checks, 'runs')).toMatchObject({ pass: false });
    expect(result.error?.position?.line).toBe(source.split('\n').findIndex((l) => l.includes('tf.layers.add()')) + 1);
    expect(byId(result.checks, 'shapes')).toMatchObject({
      pass: false,
      message: 'res1a_branch2b: expected (None, 4, 4, 4), got (None, 3, 3, 4)',
      hint: "'valid' padding shrinks the map; this conv uses 'same'",
    });
  });

  test('and names the shortcut conv whose stride is wrong', () => {
    const source = wrong(
      'convolutional-block',
      "strides: [s, s], padding: 'valid', name: convNameBase + '1'",
      "strides: [1, 1], padding: 'valid', name: convNameBase + '1'",
    );
    const shapes = byId(gradeExercise('convolutional-block', source).checks, 'shapes');
    expect(shapes).toMatchObject({ pass: false, message: 'res1a_branch1: expected (None, 2, 2, 6), got (None, 4, 4, 6)' });
    expect(shapes?.hint).toMatch(/stride of \(2, 2\), not \(1, 1\)/);
  });
});

describe('errors in the code itself', () => {
  test('a syntax error gives its line and column', () => {
    const source = SOLUTIONS['identity-block'].replace('const XShortcut = X;', 'const XShortcut = ;');
    const line = source.split('\n').findIndex((l) => l.includes('const XShortcut = ;')) + 1;
    const result = gradeExercise('identity-block', source);
    expect(result.error).toMatchObject({ kind: 'syntax', position: { line } });
    expect(result.checks[0]?.message).toMatch(new RegExp(`^Syntax error \\(line ${line}, column \\d+\\)`));
  });

  test('an exception names the learner line that threw', () => {
    const source = SOLUTIONS['identity-block'].replace('const XShortcut = X;', 'const XShortcut = X;\n  const oops = (undefined as any).shape;');
    const line = source.split('\n').findIndex((l) => l.includes('oops')) + 1;
    const result = gradeExercise('identity-block', source);
    expect(result.error).toMatchObject({ kind: 'runtime', position: { line } });
    expect(result.checks[0]?.message).toMatch(/threw: Cannot read properties of undefined/);
  });

  test('code that defines no function of the right name says so', () => {
    const result = gradeExercise('convolutional-block', 'function convBlock() {}');
    expect(result.checks[0]?.message).toMatch(/must define a function named convolutionalBlock/);
  });

  test('imports are refused with a reason', () => {
    const result = gradeExercise('identity-block', `import * as tf from '@tensorflow/tfjs';\n${SOLUTIONS['identity-block']}`);
    expect(result.error).toMatchObject({ kind: 'syntax', position: { line: 1 } });
    expect(result.error?.message).toMatch(/tf is already in scope/);
  });
});
