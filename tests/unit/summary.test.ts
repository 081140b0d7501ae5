import { expect, test } from 'vitest';
import { formatCount, formatShape, traceResNet50 } from '../../src/lib/resnet';
import { stageRows, summaryRows } from '../../src/lib/resnet/summary';

// Stage 2 by hand: conv block 4,160 + 256 + 36,928 + 256 + 16,640 + 1,024 + 16,640 + 1,024 = 76,928,
// two identity blocks of 16,448 + 256 + 36,928 + 256 + 16,640 + 1,024 = 71,552 each: 220,032.
test('the stage outline of ResNet-50 for (64, 64, 3) and 6 classes', () => {
  const rows = stageRows(traceResNet50()).map((r) => [r.part, r.detail, r.layers, formatShape(r.outputShape), formatCount(r.params)]);
  expect(rows).toEqual([
    ['Input', 'the image', 1, '(None, 64, 64, 3)', '0'],
    ['Zero-padding', 'pad (3, 3)', 1, '(None, 70, 70, 3)', '0'],
    ['Stage 1', 'CONV2D 7×7 /2 → BatchNorm → ReLU → MaxPool 3×3 /2', 4, '(None, 15, 15, 64)', '9,728'],
    ['Stage 2', 'CONV BLOCK + ID BLOCK ×2', 32, '(None, 15, 15, 256)', '220,032'],
    ['Stage 3', 'CONV BLOCK + ID BLOCK ×3', 42, '(None, 8, 8, 512)', '1,230,336'],
    ['Stage 4', 'CONV BLOCK + ID BLOCK ×5', 62, '(None, 4, 4, 1024)', '7,129,088'],
    ['Stage 5', 'CONV BLOCK + ID BLOCK ×2', 32, '(None, 2, 2, 2048)', '14,998,528'],
    ['Average pool', 'avg_pool', 1, '(None, 1, 1, 2048)', '0'],
    ['Flatten', 'no hyperparameters', 1, '(None, 2048)', '0'],
    ['Dense (softmax, fc6)', 'fc6', 1, '(None, 6)', '12,294'],
  ]);
  expect(stageRows(traceResNet50()).reduce((n, r) => n + r.params, 0)).toBe(23_600_006);
});

test('the Keras-style summary has 177 rows, numbered unnamed layers and their connections', () => {
  const rows = summaryRows(traceResNet50());
  expect(rows).toHaveLength(177);
  expect(rows.slice(0, 3).map((r) => [r.name, r.type, r.connectedTo])).toEqual([
    ['input_1', 'InputLayer', []],
    ['zero_padding2d_1', 'ZeroPadding2D', ['input_1[0][0]']],
    ['conv1', 'Conv2D', ['zero_padding2d_1[0][0]']],
  ]);
  const add = rows.find((r) => r.name === 'add_1');
  expect(add?.connectedTo).toEqual(['bn2a_branch2c[0][0]', 'bn2a_branch1[0][0]']);
  expect(rows.at(-1)).toMatchObject({ name: 'fc6', type: 'Dense', params: 12_294, connectedTo: ['flatten_1[0][0]'] });
  expect(new Set(rows.map((r) => r.name)).size).toBe(177);
});
