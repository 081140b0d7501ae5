import { describe, expect, test } from 'vitest';
import { chooseTrainingBackend, fallbackReason, isSoftwareRenderer, trainingBackendFor } from '../../src/lib/train/backend';
import { accuracyOf, confusionMatrix, formatDuration, Pace, Smoother } from '../../src/lib/train/metrics';

test('the smoother starts at the first value and follows a step', () => {
  const s = new Smoother(0.9);
  expect(s.add(2)).toBeCloseTo(2);
  let last = 0;
  for (let i = 0; i < 100; i++) last = s.add(1);
  expect(last).toBeCloseTo(1, 3);
});

test('confusion matrix and accuracy', () => {
  const m = confusionMatrix([0, 0, 1, 2, 2, 2], [0, 1, 1, 2, 2, 0], 3);
  expect(m).toEqual([
    [1, 1, 0],
    [0, 1, 0],
    [1, 0, 2],
  ]);
  expect(accuracyOf(m)).toBeCloseTo(4 / 6);
  expect(accuracyOf(confusionMatrix([], [], 3))).toBe(0);
});

test('pace in images per second and time left', () => {
  const pace = new Pace(3);
  for (const ms of [1000, 1000, 500, 500]) pace.add(100, ms);
  expect(pace.imagesPerSecond()).toBeCloseTo(300 / 2);
  expect(pace.secondsLeft(300)).toBeCloseTo(2);
  expect(new Pace().secondsLeft(10)).toBeNull();
});

test.each([
  [null, '—'],
  [42.4, '42 s'],
  [65, '1 min 05 s'],
  [3 * 3600 + 61, '3 h 01 min'],
])('formatDuration(%s) is %s', (s, text) => expect(formatDuration(s)).toBe(text));

describe('backend choice', () => {
  const all = ['webgl', 'wasm', 'cpu'] as const;
  test.each([
    ['ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0)', all, 'webgl', /runs WebGL/],
    ['ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)', all, 'wasm', /in software.*WebAssembly/],
    ['llvmpipe (LLVM 15.0.6, 256 bits)', all, 'wasm', /in software/],
    ['llvmpipe (LLVM 15.0.6, 256 bits)', ['webgl', 'cpu'], 'cpu', /CPU backend/],
    [null, all, 'wasm', /no WebGL/],
  ] as const)('%s → %s', (renderer, available, backend, reason) => {
    const choice = chooseTrainingBackend(renderer, available);
    expect(choice.backend).toBe(backend);
    expect(choice.reason).toMatch(reason);
  });

  test.each([
    ['webgpu', 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)', 'webgpu', /You chose webgpu/],
    ['auto', 'Apple M2', 'webgl', /runs WebGL/],
    ['auto', 'llvmpipe (LLVM 15.0.6, 256 bits)', 'wasm', /in software/],
    ['auto', null, 'wasm', /no WebGL/],
  ] as const)('the lab asks for %s on %s → %s', (choice, renderer, backend, reason) => {
    const picked = trainingBackendFor(choice, renderer);
    expect(picked.backend).toBe(backend);
    expect(picked.reason).toMatch(reason);
  });

  describe('a GPU that renders only 16-bit floats', () => {
    const mali = 'Mali-G78';
    test('does not train by default: WASM, and the reader is told why', () => {
      expect(chooseTrainingBackend(mali, all, false)).toEqual({
        backend: 'wasm',
        reason:
          "Your GPU (Mali-G78) renders only 16-bit floats, in which small values such as Adam's squared gradients round to zero, so training runs on WebAssembly (WASM), in 32-bit floats. You can still pick WebGL.",
      });
      expect(trainingBackendFor('auto', mali, false).backend).toBe('wasm');
      expect(chooseTrainingBackend(mali, ['webgl', 'cpu'], false)).toMatchObject({ backend: 'cpu', reason: /16-bit floats.*the CPU backend/ });
    });

    test('a reader who picks WebGL keeps it, warned', () => {
      const picked = trainingBackendFor('webgl', mali, false);
      expect(picked.backend).toBe('webgl');
      expect(picked.reason).toBe(
        "You chose webgl. Beware: this GPU renders only 16-bit floats, in which small values such as Adam's squared gradients round to zero, so losses may drift from a 32-bit run; WebAssembly (WASM) keeps 32-bit floats.",
      );
      expect(trainingBackendFor('webgl', mali, true).reason).toBe('You chose webgl.');
      expect(trainingBackendFor('wasm', mali, false).reason).toBe('You chose wasm.');
    });

    test('a software renderer keeps its own reason, and a 32-bit GPU still trains on WebGL', () => {
      expect(trainingBackendFor('auto', 'Google SwiftShader', false).reason).toMatch(/in software/);
      expect(trainingBackendFor('auto', mali, true).backend).toBe('webgl');
    });
  });

  test('a backend that fails to start is named, with why, before the CPU takes over', () => {
    expect(fallbackReason('webgpu', new Error('this browser has no WebGPU'))).toBe(
      'webgpu could not start here (this browser has no WebGPU), so training runs on the CPU backend.',
    );
    expect(fallbackReason('wasm', 'no memory')).toMatch(/^wasm could not start here \(no memory\)/);
  });

  test('software renderers are recognised', () => {
    expect(isSoftwareRenderer('Google SwiftShader')).toBe(true);
    expect(isSoftwareRenderer('Apple M2')).toBe(false);
    expect(isSoftwareRenderer(null)).toBe(false);
  });
});
