import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { gradeExercise } from '../../src/lib/grading/exercise';
import { SKELETONS } from '../../src/lib/grading/skeletons';
import { SOLUTIONS } from '../../src/lib/grading/solutions';
import type { Check } from '../../src/lib/grading/types';
import { byId, first, wrong } from './grading-helpers';

describe.each(['identity-block', 'convolutional-block', 'resnet50'] as const)('%s', (id) => {
  test('the reference solution passes every check', () => {
    // ResNet-50's reference is built once per worker and kept: warm it up before counting tensors.
    if (id === 'resnet50') gradeExercise(id, SOLUTIONS[id]);
    const before = tf.memory().numTensors;
    const result = gradeExercise(id, SOLUTIONS[id]);
    expect(result.checks.map((c) => [c.id, c.pass, c.message])).toEqual(result.checks.map((c) => [c.id, true, c.message]));
    expect(result.passed).toBe(true);
    expect(result.checks.map((c) => c.id)).toEqual(['runs', 'shapes', 'layers', 'params', 'outputs']);
    for (const c of result.checks) expect(c.message).not.toMatch(/document|lecture/i);
    expect(tf.memory().numTensors).toBe(before);
  });

  test("the skeleton speaks in the course's own terms", () => {
    expect(SKELETONS[id]).not.toMatch(/document|lecture/i);
  });

  test('the untouched skeleton runs but fails, naming the first missing step', () => {
    const result = gradeExercise(id, SKELETONS[id]);
    expect(result.passed).toBe(false);
    expect(result.checks[0]?.pass).toBe(true);
    expect(first(result.checks)?.id).toBe('shapes');
    expect(first(result.checks)?.hint).toMatch(/^write this step, and name it convNameBase \+ '2(a|b)'$/);
    expect(first(result.checks)?.message).toMatch(
      id === 'resnet50'
        ? /^res3a_branch2a: expected \(None, 8, 8, 128\), but there is no layer named/
        : /^res1a_branch2b: expected .* but there is no layer named res1a_branch2b/,
    );
  });
});

type Case = [label: string, source: string, check: Check['id'], message: RegExp, hint?: RegExp];

const identityCases: Case[] = [
  [
    "wrong padding: 'valid' on 2b",
    wrong('identity-block', "padding: 'same'", "padding: 'valid'"),
    'shapes',
    /^res1a_branch2b: expected \(None, 4, 4, 4\), got \(None, 3, 3, 4\)$/,
    /'valid' padding shrinks the map; this conv uses 'same'/,
  ],
  [
    'wrong stride on 2a',
    wrong('identity-block', "strides: [1, 1], padding: 'valid', name: convNameBase + '2a'", "strides: [2, 2], padding: 'valid', name: convNameBase + '2a'"),
    'shapes',
    /^res1a_branch2a: expected \(None, 4, 4, 2\), got \(None, 2, 2, 2\)$/,
    /stride of \(1, 1\), not \(2, 2\)/,
  ],
  [
    'a ReLU after 2c',
    wrong(
      'identity-block',
      "name: bnNameBase + '2c' }).apply(X) as tf.SymbolicTensor;",
      "name: bnNameBase + '2c' }).apply(X) as tf.SymbolicTensor;\n  X = tf.layers.activation({ activation: 'relu' }).apply(X) as tf.SymbolicTensor;",
    ),
    'layers',
    /output is Activation\(Add\(Activation\(bn1a_branch2c\), input\)\)/,
    /third component has no ReLU/,
  ],
  [
    'a missing ReLU after 2a',
    wrong(
      'identity-block',
      /(name: bnNameBase \+ '2a' \}\)\.apply\(X\) as tf\.SymbolicTensor;)\n\s*X = tf\.layers\.activation\(\{ activation: 'relu' \}\)\.apply\(X\) as tf\.SymbolicTensor;/,
      '$1',
    ),
    'layers',
    /res1a_branch2b reads from bn1a_branch2a; it should read from Activation\(bn1a_branch2a\)/,
    /a ReLU belongs here/,
  ],
  [
    'wrong layer names',
    wrong('identity-block', "const bnNameBase = 'bn' + stage", "const bnNameBase = 'batchnorm' + stage"),
    'shapes',
    /^bn1a_branch2a: expected \(None, 4, 4, 2\), but there is no layer named bn1a_branch2a/,
    /name it bnNameBase \+ '2a'/,
  ],
  [
    'filters in the wrong order',
    wrong('identity-block', 'const [F1, F2, F3] = filters;', 'const [F2, F1, F3] = filters;'),
    'shapes',
    /^res1a_branch2a: expected \(None, 4, 4, 2\), got \(None, 4, 4, 4\)$/,
    /has 2 filters, not 4: check the order of \[F1, F2, F3\]/,
  ],
  [
    'a shortcut from the wrong tensor',
    wrong('identity-block', 'tf.layers.add().apply([X, XShortcut])', 'tf.layers.add().apply([X, X])'),
    'layers',
    /output is Activation\(Add\(bn1a_branch2c, bn1a_branch2c\)\); it should be Activation\(Add\(bn1a_branch2c, input\)\)/,
    /the block input X itself/,
  ],
  [
    'a 5×5 window instead of f × f',
    wrong('identity-block', 'kernelSize: [f, f]', 'kernelSize: [5, 5]'),
    'layers',
    /res1a_branch2b: its settings differ/,
    /filters have shape \(2, 2\), not \(5, 5\)/,
  ],
  [
    'BatchNorm over axis 1',
    wrong('identity-block', "axis: 3, name: bnNameBase + '2b'", "axis: 1, name: bnNameBase + '2b'"),
    'layers',
    /^bn1a_branch2b: its settings differ/,
    /normalizes axis 1; it should normalize the channels, axis 3/,
  ],
  ['no return', wrong('identity-block', '  return X;\n}', '}'), 'runs', /returned undefined; it should return the block's output, a tf\.SymbolicTensor/],
];

const convCases: Case[] = [
  [
    'the stride on 2b instead of 2a',
    wrong(
      'convolutional-block',
      "strides: [s, s], padding: 'valid', name: convNameBase + '2a'",
      "strides: [1, 1], padding: 'valid', name: convNameBase + '2a'",
    ).replace("strides: [1, 1], padding: 'same'", "strides: [s, s], padding: 'same'"),
    'shapes',
    /^res1a_branch2a: expected \(None, 2, 2, 2\), got \(None, 4, 4, 2\)$/,
    /stride of \(2, 2\), not \(1, 1\)/,
  ],
  [
    'a missing shortcut BatchNorm',
    wrong(
      'convolutional-block',
      /\n\s*XShortcut = tf\.layers\.batchNormalization\(\{ axis: 3, name: bnNameBase \+ '1' \}\)\.apply\(XShortcut\) as tf\.SymbolicTensor;/,
      '',
    ),
    'shapes',
    /^bn1a_branch1: expected \(None, 2, 2, 6\), but there is no layer named bn1a_branch1/,
  ],
  [
    "wrong padding: 'valid' on 2b",
    wrong('convolutional-block', "padding: 'same'", "padding: 'valid'"),
    'shapes',
    /^res1a_branch2b: expected \(None, 2, 2, 4\), got \(None, 1, 1, 4\)$/,
    /'valid' padding shrinks the map/,
  ],
  [
    'a ReLU after 2c',
    wrong(
      'convolutional-block',
      "name: bnNameBase + '2c' }).apply(X) as tf.SymbolicTensor;",
      "name: bnNameBase + '2c' }).apply(X) as tf.SymbolicTensor;\n  X = tf.layers.activation({ activation: 'relu' }).apply(X) as tf.SymbolicTensor;",
    ),
    'layers',
    /Activation\(bn1a_branch2c\)/,
    /third component has no ReLU/,
  ],
  [
    'a wrongly named shortcut conv',
    wrong('convolutional-block', "name: convNameBase + '1'", "name: convNameBase + 'sc'"),
    'shapes',
    /^res1a_branch1: expected \(None, 2, 2, 6\), but there is no layer named res1a_branch1/,
  ],
  [
    'filters in the wrong order',
    wrong('convolutional-block', 'const [F1, F2, F3] = filters;', 'const [F1, F3, F2] = filters;'),
    'shapes',
    /^res1a_branch2b: expected \(None, 2, 2, 4\), got \(None, 2, 2, 6\)$/,
    /has 4 filters, not 6/,
  ],
  [
    'a shortcut from the main path instead of X',
    wrong(
      'convolutional-block',
      '.apply(XShortcut) as tf.SymbolicTensor;\n  XShortcut = tf.layers.batchNormalization',
      '.apply(X) as tf.SymbolicTensor;\n  XShortcut = tf.layers.batchNormalization',
    ).replace("strides: [s, s], padding: 'valid', name: convNameBase + '1'", "strides: [1, 1], padding: 'valid', name: convNameBase + '1'"),
    'layers',
    /res1a_branch1: its settings differ/,
    /stride of \(2, 2\), not \(1, 1\)/,
  ],
  [
    'the shortcut conv with the wrong stride',
    wrong('convolutional-block', "strides: [s, s], padding: 'valid', name: convNameBase + '1'", "strides: [1, 1], padding: 'valid', name: convNameBase + '1'"),
    'runs',
    /^convolutionalBlock\(X, 2, \[2, 4, 6\], 1, 'a', 2\) threw: /,
  ],
];

const modelCases: Case[] = [
  [
    'stage 3 with stride 1',
    wrong('resnet50', "3, 'a', 2)", "3, 'a', 1)"),
    'shapes',
    /^res3a_branch2a: expected \(None, 8, 8, 128\), got \(None, 15, 15, 128\)$/,
    /stride of \(2, 2\), not \(1, 1\)/,
  ],
  [
    'stage 4 with four identity blocks',
    wrong('resnet50', "['b', 'c', 'd', 'e', 'f']", "['b', 'c', 'd', 'e']"),
    'shapes',
    /^res4f_branch2a: expected .* but there is no layer named res4f_branch2a/,
  ],
  [
    'a misnamed average pool',
    wrong('resnet50', "name: 'avg_pool'", "name: 'avgpool'"),
    'shapes',
    /^avg_pool: expected \(None, 1, 1, 2048\), but there is no layer named avg_pool/,
    /^write this step, and name it 'avg_pool'$/,
  ],
  [
    'a Dense layer without softmax',
    wrong('resnet50', "activation: 'softmax', ", ''),
    'layers',
    /fc6: its settings differ/,
    /activation is 'linear', not 'softmax'/,
  ],
  [
    'stage 5 filters [512, 512, 1024]',
    wrong('resnet50', '[512, 512, 2048], 5, block', '[512, 512, 1024], 5, block').replace("[512, 512, 2048], 5, 'a', 2", "[512, 512, 1024], 5, 'a', 2"),
    'shapes',
    /^res5a_branch2c: expected \(None, 2, 2, 2048\), got \(None, 2, 2, 1024\)$/,
  ],
  [
    'a max-pool of (2, 2)',
    wrong('resnet50', 'poolSize: [3, 3]', 'poolSize: [2, 2]'),
    'shapes',
    /^res2a_branch2a: expected \(None, 15, 15, 64\), got \(None, 16, 16, 64\)$/,
    /goes wrong before it/,
  ],
  [
    'returning the tensor instead of a model',
    wrong('resnet50', "return tf.model({ inputs: XInput, outputs: X, name: 'ResNet50' });", 'return X;'),
    'runs',
    /returned a SymbolicTensor; it should return a tf\.LayersModel/,
  ],
];

describe.each([
  ['identity-block', identityCases],
  ['convolutional-block', convCases],
  ['resnet50', modelCases],
] as const)('wrong %s solutions', (id, cases) => {
  const named = cases.map(([label, source, check, message, hint]) => ({ label, source, check, message, hint }));
  test.each(named)('$label fails the $check check', ({ source, check, message, hint }) => {
    const result = gradeExercise(id, source);
    expect(result.passed).toBe(false);
    const failed = byId(result.checks, check);
    expect(failed?.pass).toBe(false);
    expect(failed?.message).toMatch(message);
    if (hint) expect(failed?.hint).toMatch(hint);
    // What the learner reads refers to nothing outside the course.
    for (const c of result.checks) expect(`${c.message} ${c.hint ?? ''}`).not.toMatch(/document|lecture/i);
    // Every check before the first failure passed: the failure is reported where it happens.
    const at = result.checks.findIndex((c) => !c.pass);
    expect(result.checks.slice(0, at).every((c) => c.pass)).toBe(true);
  });
});
