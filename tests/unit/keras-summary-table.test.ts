/**
 * `model.summary()` as Keras prints it: the assignment's notebook's table (name, output shape,
 * parameters, connections), Keras's column widths, and the totals with thousands separators.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { kerasNames, modelSummary, pythonShape, summaryTable, type ModelSummary } from '../../src/lib/keras/summary-table';
import { identityBlock, resNet50 } from '../../src/lib/resnet';

const RULE_98 = '_'.repeat(98);

describe('summaryTable', () => {
  test('a model with a shortcut: four columns in 98 characters, one line per extra input', () => {
    const summary: ModelSummary = {
      name: 'block',
      sequentialLike: false,
      trainable: 1234,
      nonTrainable: 24,
      rows: [
        { name: 'input_1', className: 'InputLayer', outputShape: '[(None, 4, 4, 6)]', params: 0, connections: [] },
        { name: 'res1a_branch2a', className: 'Conv2D', outputShape: '(None, 4, 4, 6)', params: 42, connections: ['input_1[0][0]'] },
        { name: 'add', className: 'Add', outputShape: '(None, 4, 4, 6)', params: 0, connections: ['res1a_branch2a[0][0]', 'input_1[0][0]'] },
      ],
    };
    expect(summaryTable(summary)).toEqual([
      'Model: "block"',
      RULE_98,
      // As tf.keras 2 prints it: columns end at 32, 53, 65 and 98.
      'Layer (type)                    Output Shape         Param #     Connected to                     ',
      '='.repeat(98),
      'input_1 (InputLayer)            [(None, 4, 4, 6)]    0                                            ',
      RULE_98,
      'res1a_branch2a (Conv2D)         (None, 4, 4, 6)      42          input_1[0][0]                    ',
      RULE_98,
      'add (Add)                       (None, 4, 4, 6)      0           res1a_branch2a[0][0]             ',
      '                                                                 input_1[0][0]                    ',
      '='.repeat(98),
      'Total params: 1,258',
      'Trainable params: 1,234',
      'Non-trainable params: 24',
      RULE_98,
    ]);
  });

  test('a chain: three columns in 65 characters, no connections', () => {
    const lines = summaryTable({
      name: 'tiny',
      sequentialLike: true,
      trainable: 0,
      nonTrainable: 0,
      rows: [{ name: 'flat', className: 'Flatten', outputShape: '(None, 4)', params: 0, connections: ['input_1[0][0]'] }],
    });
    expect(lines.slice(1, 5)).toEqual([
      '_'.repeat(65),
      'Layer (type)                 Output Shape              Param #   ',
      '='.repeat(65),
      'flat (Flatten)               (None, 4)                 0         ',
    ]);
  });

  test('a field longer than its column is cut, one space before the next column', () => {
    const [, , , , line] = summaryTable({
      name: 'm',
      sequentialLike: false,
      trainable: 0,
      nonTrainable: 0,
      rows: [{ name: 'bn2a_branch2a', className: 'BatchNormalization', outputShape: '(None, 15, 15, 64)', params: 256, connections: ['res2a_branch2a[0][0]'] }],
    });
    // Keras's own line for this layer in the assignment's notebook.
    expect(line).toBe('bn2a_branch2a (BatchNormalizati (None, 15, 15, 64)   256         res2a_branch2a[0][0]             ');
  });
});

test.each([
  [[null, 15, 15, 256], '(None, 15, 15, 256)'],
  [[null, 6], '(None, 6)'],
  [[null], '(None,)'],
])('pythonShape(%j) is %s', (shape, text) => {
  expect(pythonShape(shape)).toBe(text);
});

describe('kerasNames', () => {
  test('numbers the layers nobody named as Keras does, in model order; the learner’s names stay', () => {
    const renamed = kerasNames([
      { name: 'input7', className: 'InputLayer' },
      { name: 'conv2d_Conv2D31', className: 'Conv2D' },
      { name: 'activation_Activation12', className: 'Activation' },
      { name: 'activation_Activation15', className: 'Activation' },
      { name: 'res2a_branch2a', className: 'Conv2D' },
      { name: 'add_Add3', className: 'Add' },
    ]);
    expect(Object.fromEntries(renamed)).toEqual({
      input7: 'input_1',
      conv2d_Conv2D31: 'conv2d',
      activation_Activation12: 'activation',
      activation_Activation15: 'activation_1',
      add_Add3: 'add',
    });
  });

  test('never gives a layer a name the learner already used', () => {
    const renamed = kerasNames([
      { name: 'add', className: 'Dense' },
      { name: 'add_Add3', className: 'Add' },
      { name: 'add_1', className: 'Conv2D' },
      { name: 'add_Add4', className: 'Add' },
    ]);
    expect(Object.fromEntries(renamed)).toEqual({ add_Add3: 'add_2', add_Add4: 'add_3' });
  });

  test('a learner’s name that only looks like TF.js’s (its class differs) is kept', () => {
    expect(kerasNames([{ name: 'stage_Two2', className: 'Conv2D' }]).size).toBe(0);
  });
});

describe('modelSummary of the reference', () => {
  test('ResNet-50: 23,600,006 parameters, 23,546,886 trainable and 53,120 not (the moving means and variances)', () => {
    const model = resNet50([64, 64, 3], 6);
    try {
      const summary = modelSummary(model);
      expect(summary).toMatchObject({ name: 'ResNet50', sequentialLike: false, trainable: 23_546_886, nonTrainable: 53_120 });
      expect(summary.rows).toHaveLength(177);
      expect(summary.rows.slice(0, 4)).toEqual([
        { name: 'input_1', className: 'InputLayer', outputShape: '[(None, 64, 64, 3)]', params: 0, connections: [] },
        { name: 'zero_padding2d', className: 'ZeroPadding2D', outputShape: '(None, 70, 70, 3)', params: 0, connections: ['input_1[0][0]'] },
        // 7 × 7 × 3 × 64 weights + 64 biases.
        { name: 'conv1', className: 'Conv2D', outputShape: '(None, 32, 32, 64)', params: 9472, connections: ['zero_padding2d[0][0]'] },
        { name: 'bn_conv1', className: 'BatchNormalization', outputShape: '(None, 32, 32, 64)', params: 256, connections: ['conv1[0][0]'] },
      ]);
      // 2048 × 6 + 6.
      expect(summary.rows.at(-1)).toEqual({ name: 'fc6', className: 'Dense', outputShape: '(None, 6)', params: 12294, connections: ['flatten[0][0]'] });
      expect(summaryTable(summary).slice(-5)).toEqual([
        '='.repeat(98),
        'Total params: 23,600,006',
        'Trainable params: 23,546,886',
        'Non-trainable params: 53,120',
        RULE_98,
      ]);
    } finally {
      model.dispose();
    }
  });

  test('an identity block: the Add lists the main path and the shortcut', () => {
    const X = tf.input({ shape: [4, 4, 6] });
    const model = tf.model({ inputs: X, outputs: identityBlock(X, 2, [2, 4, 6], 1, 'a') });
    try {
      const add = modelSummary(model).rows.find((row) => row.className === 'Add');
      expect(add).toEqual({ name: 'add', className: 'Add', outputShape: '(None, 4, 4, 6)', params: 0, connections: ['bn1a_branch2c[0][0]', 'input_1[0][0]'] });
    } finally {
      model.dispose();
    }
  });
});
