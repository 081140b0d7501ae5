import { expect, test } from 'vitest';
import { PRESETS } from '../../src/lib/resnet';
import { LAB_FIELDS, modelConfig, modelSummary, parseLabParams } from '../../src/lib/train/lab-params';
import { defaults } from '../../src/lib/state/fields';
import { DRAWING_RECIPE } from '../../src/lib/train/recipe';

const good = {
  dataset: 'mnist',
  preset: 'tiny',
  network: 'plain',
  optimizer: 'sgd',
  schedule: 'one-cycle',
  lr: '0.01',
  batch: '16',
  epochs: '1',
  trainSize: '64',
  depth: '2',
  width: '4',
  backend: 'cpu',
};

test('reads the form', () => {
  expect(parseLabParams(good)).toEqual({
    ok: true,
    params: {
      dataset: 'mnist',
      preset: 'tiny',
      residual: false,
      optimizer: 'sgd',
      lr: 0.01,
      schedule: 'one-cycle',
      batch: 16,
      epochs: 1,
      trainSize: 64,
      depth: 2,
      width: 4,
      backend: 'cpu',
    },
  });
});

test.each([
  ['lr', '', /Enter a learning rate/],
  ['lr', '0', /above 0 and at most 1/],
  ['lr', '2', /above 0 and at most 1/],
  ['lr', '<script>', /must be a number/],
  ['lr', 'Infinity', /must be a number/],
  ['batch', '0', /batch size must be at least 1/],
  ['batch', '1e9', /batch size can be at most 512/],
  ['epochs', '1.5', /without decimals/],
  ['trainSize', '8', /at least 16/],
  ['depth', '-1', /at least 0/],
  ['width', '🧱', /whole number/],
  ['width', '9', /at most 8/],
  ['lr', `0.${'0'.repeat(9_990)}3`, /learning rate is too long \(over 64 characters\)/],
  ['lr', '1e309', /must be a number/],
  ['lr', '-0.01', /above 0 and at most 1/],
  ['batch', '3'.repeat(10_000), /batch size is too long/],
])('%s = %j gets a message', (key, value, message) => {
  const check = parseLabParams({ ...good, [key]: value });
  expect(check.ok).toBe(false);
  if (!check.ok) expect(check.errors[key]).toMatch(message);
});

test('a choice the lists do not have gets a message beside its field (a link can carry anything)', () => {
  const check = parseLabParams({ ...good, dataset: 'imagenet', preset: 'huge', optimizer: 'lbfgs', backend: 'tpu', network: '', schedule: 'step' });
  expect(check.ok).toBe(false);
  if (check.ok) return;
  expect(Object.keys(check.errors).sort()).toEqual(['backend', 'dataset', 'network', 'optimizer', 'preset', 'schedule']);
  expect(check.errors.schedule).toBe('Pick a schedule from the list: the link asked for one this page does not have.');
  expect(check.errors.preset).toBe('Pick a model from the list: the link asked for one this page does not have.');
});

test('settings a link leaves out take the form’s defaults, and the address codec knows every field', () => {
  const check = parseLabParams({ lr: '0.003', batch: '32', epochs: '2', trainSize: '2000', depth: '1', width: '1' });
  // A link from before schedules existed trains at a constant rate, as it did then.
  expect(check.ok && check.params).toMatchObject({
    dataset: 'fashion-mnist',
    preset: 'small',
    residual: true,
    optimizer: 'adam',
    schedule: 'constant',
    backend: 'auto',
  });
  expect(LAB_FIELDS.map((f) => f.key).sort()).toEqual([...Object.keys(good)].sort());
});

test('depth and width reshape the preset', () => {
  const check = parseLabParams({ ...good, preset: 'small', depth: '0', width: '2' });
  if (!check.ok) throw new Error('invalid');
  const config = modelConfig(check.params, 10);
  expect(config.stages.map((s) => [s.F1, s.identityBlocks])).toEqual([
    [16, 0],
    [32, 0],
    [64, 0],
  ]);
  expect(config.stem).toBe(PRESETS.small.stem * 2);
  expect(config.residual).toBe(false);
});

test.each([
  [{}, 'ResNet: 3 stages, 6 blocks, stem 16 filters, first stage F1 = 8.'],
  [{ network: 'plain', depth: '0', width: '2' }, 'Plain twin: 3 stages, 3 blocks, stem 32 filters, first stage F1 = 16.'],
  [{ preset: 'resnet50' }, /^ResNet-50: the lesson's model, 23.6 million parameters/],
])('the model summary under the settings %j', (changes, summary) => {
  const check = parseLabParams({ ...defaults(LAB_FIELDS), ...changes });
  if (!check.ok) throw new Error(JSON.stringify(check.errors));
  expect(modelSummary(check.params)).toMatch(summary);
});

test('the drawing recipe is valid settings: MNIST, all 8,000 training digits, Tiny at width 2 and depth 1, one-cycle Adam', () => {
  const check = parseLabParams({ ...defaults(LAB_FIELDS), ...DRAWING_RECIPE });
  if (!check.ok) throw new Error(JSON.stringify(check.errors));
  expect(check.params).toMatchObject({
    dataset: 'mnist',
    trainSize: 8000,
    preset: 'tiny',
    width: 2,
    depth: 1,
    optimizer: 'adam',
    schedule: 'one-cycle',
    lr: 0.02,
  });
  // Every key is a field of the form, so the address carries the recipe like any edit.
  expect(Object.keys(DRAWING_RECIPE).every((key) => LAB_FIELDS.some((f) => f.key === key))).toBe(true);
  expect(modelSummary(check.params)).toBe('ResNet: 2 stages, 4 blocks, stem 16 filters, first stage F1 = 8.');
});
