import { describe, expect, test } from 'vitest';
import { checkBlock, MEMORY_BUDGET_BYTES } from '../../src/lib/resnet/block-params';
import { checkResNet50 } from '../../src/lib/resnet/resnet50-params';
import { formatShape } from '../../src/lib/resnet/format';
import { defaults } from '../../src/lib/state/fields';
import { blockFields } from '../../src/lib/resnet/block-params';
import { resNet50Fields } from '../../src/lib/resnet/resnet50-params';

const identity = (changes: Record<string, string>) => ({ ...defaults(blockFields('identity')), ...changes });
const conv = (changes: Record<string, string>) => ({ ...defaults(blockFields('convolutional')), ...changes });
const shapesOf = (check: ReturnType<typeof checkBlock>) =>
  check.ok ? Object.fromEntries(check.steps.map((s) => [s.id, formatShape(s.outputShape)])) : check.errors;

describe('block explorer fields', () => {
  const small = { H: '4', W: '4', C: '6', f: '2', F1: '2', F2: '4', F3: '6' };

  test('the identity block on (4, 4, 6), f 2, filters [2, 4, 6]', () => {
    expect(shapesOf(checkBlock('identity', identity(small)))).toMatchObject({
      res1a_branch2a: '(None, 4, 4, 2)',
      res1a_branch2b: '(None, 4, 4, 4)',
      bn1a_branch2c: '(None, 4, 4, 6)',
      relu_1a: '(None, 4, 4, 6)',
    });
  });

  test('the convolutional block with s 2 halves the map', () => {
    expect(shapesOf(checkBlock('convolutional', conv({ ...small, s: '2' })))).toMatchObject({
      res1a_branch2a: '(None, 2, 2, 2)',
      res1a_branch1: '(None, 2, 2, 6)',
      relu_1a: '(None, 2, 2, 6)',
    });
  });

  test('stage and block name the layers', () => {
    const check = checkBlock('identity', identity({ stage: '3', block: 'd' }));
    expect(check.ok && check.steps.map((s) => s.name).filter(Boolean)).toContain('bn3d_branch2b');
  });

  test.each([
    ['identity', { F3: '8' }, undefined, 'F3', /F3 is 8 but the input has 6.*convolutional block/],
    ['identity', { C: '8' }, 'C', 'C', /F3 is 6 but the input has 8/],
    ['identity', { f: '0' }, undefined, 'f', /f must be at least 1/],
    ['identity', { f: '2.5' }, undefined, 'f', /without decimals/],
    ['identity', { H: '' }, undefined, 'H', /Enter a value for Height/],
    ['identity', { W: '-3' }, undefined, 'W', /Width must be at least 1/],
    ['identity', { m: 'many' }, undefined, 'm', /m must be a whole number/],
    ['identity', { block: '<img>' }, undefined, 'block', /block must be one or two lowercase letters/],
    ['convolutional', { s: '0' }, undefined, 's', /s must be at least 1/],
    ['convolutional', { s: '1e309' }, undefined, 's', /at most 64/],
    ['convolutional', { H: '1024', W: '1024', C: '64', F1: '64', F2: '64', F3: '256', m: '64' }, 'm', 'm', /over the page's 256 MB budget\. Make m smaller/],
    ['identity', { F2: '4096', F1: '4096', F3: '4096', C: '4096' }, undefined, 'C', /budget/],
  ] as const)('%s %j → a message on %s', (kind, changes, blame, field, message) => {
    const check = checkBlock(kind, kind === 'identity' ? identity(changes) : conv(changes), blame);
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(Object.keys(check.errors)).toEqual([field]);
      expect(check.errors[field]).toMatch(message);
    }
  });

  test('the memory estimate counts float32 weights and activations', () => {
    const check = checkBlock('identity', identity({}));
    expect(check.ok && check.memory).toEqual({ weightBytes: 4 * (14 + 8 + 36 + 16 + 30 + 24), activationBytes: 4 * 3 * 16 * (6 + 2 * 3 + 4 * 3 + 6 * 4) });
    expect(MEMORY_BUDGET_BYTES).toBe(268_435_456);
  });
});

describe('ResNet-50 explorer fields', () => {
  const raw = (changes: Record<string, string>) => ({ ...defaults(resNet50Fields()), ...changes });

  test('defaults give the document model', () => {
    const check = checkResNet50(raw({}));
    expect(check.ok && check.steps).toHaveLength(177);
  });

  test('224 × 224 gives (None, 7, 7, 2048) after stage 5', () => {
    const check = checkResNet50(raw({ H: '224', W: '224' }));
    expect(check.ok && formatShape(check.steps.find((s) => s.id === 'relu_5c')!.outputShape)).toBe('(None, 7, 7, 2048)');
  });

  test('fewer identity blocks and other filters change the model', () => {
    const check = checkResNet50(raw({ s3n: '0', s4F3: '512', classes: '10' }));
    expect(check.ok && check.steps.some((s) => s.id.startsWith('res3b'))).toBe(false);
    expect(check.ok && check.steps.at(-1)?.name).toBe('fc10');
    expect(check.ok && check.steps.find((s) => s.id === 'relu_4f')?.outputShape).toEqual([4, 4, 512]);
  });

  test.each([
    [{ H: '16' }, ['H'], /avg_pool \(after stage 5\).*37 × 37/],
    [{ H: '16', W: '16' }, ['H', 'W'], /avg_pool \(after stage 5\).*37 × 37/],
    [{ W: '1' }, ['W'], /max_pool \(stage 1\)/],
    [{ H: '2' }, ['H'], /max_pool \(stage 1\)/],
    [{ H: '36', W: '37' }, ['H'], /37 × 37/],
    [{ H: '37', W: '36' }, ['W'], /37 × 37/],
    [{ s2n: '26' }, ['s2n'], /Stage 2 identity blocks can be at most 25/],
    [{ s5F2: '0' }, ['s5F2'], /Stage 5 F2 must be at least 1/],
    [{ classes: 'NaN' }, ['classes'], /classes must be a whole number/],
  ])('%j → a message on %j', (changes, fields, message) => {
    const check = checkResNet50(raw(changes));
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(Object.keys(check.errors).sort()).toEqual(fields);
    for (const field of fields) expect(check.errors[field]).toMatch(message);
  });
});
