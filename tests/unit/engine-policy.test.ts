import { describe, expect, test } from 'vitest';
import { chooseTrainingBackend, ENGINE_POLICY, engineFor, fallbackReason, isSoftwareRenderer, trainingBackendFor } from '../../src/lib/engine/policy';

const SWIFTSHADER = 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';
const RTX = 'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0)';

describe('backend choice', () => {
  const all = ['webgl', 'wasm', 'cpu'] as const;
  test.each([
    [RTX, all, 'webgl', /runs WebGL/],
    [SWIFTSHADER, all, 'wasm', /in software.*WebAssembly/],
    ['llvmpipe (LLVM 15.0.6, 256 bits)', all, 'wasm', /in software/],
    ['llvmpipe (LLVM 15.0.6, 256 bits)', ['webgl', 'cpu'], 'cpu', /CPU backend/],
    [null, all, 'wasm', /no WebGL/],
  ] as const)('%s → %s', (renderer, available, backend, reason) => {
    const choice = chooseTrainingBackend(renderer, available);
    expect(choice.backend).toBe(backend);
    expect(choice.reason).toMatch(reason);
  });

  test.each([
    ['webgpu', SWIFTSHADER, 'webgpu', /You chose webgpu/],
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

describe('which backend each user of TF.js gets', () => {
  test.each([
    // user, renderer, reader's pick, float32 renders → backend
    ['lab', RTX, 'auto', true, 'webgl'],
    ['lab', SWIFTSHADER, 'auto', true, 'wasm'],
    ['lab', SWIFTSHADER, 'webgpu', true, 'webgpu'],
    ['lab', 'Mali-G78', 'auto', false, 'wasm'],
    ['lab', 'Mali-G78', 'webgl', false, 'webgl'],
    ['landscape', RTX, 'auto', true, 'webgl'],
    ['landscape', SWIFTSHADER, 'webgpu', true, 'wasm'],
    ['notebook', SWIFTSHADER, 'auto', true, 'wasm'],
    ['notebook', null, 'cpu', true, 'wasm'],
    ['page', 'Mali-G78', 'auto', false, 'wasm'],
    ['page', RTX, 'auto', true, 'webgl'],
    ['demo', SWIFTSHADER, 'auto', true, 'webgl'],
    ['demo', null, 'wasm', true, 'webgl'],
  ] as const)('%s on %s, asked for %s (32-bit floats: %s) → %s', (user, renderer, choice, float32, backend) => {
    expect(engineFor(user, renderer, choice, float32).backend).toBe(backend);
  });

  test('only the lab heeds the reader, and everything that trains gets the training kernels', () => {
    const rows = Object.entries(ENGINE_POLICY).map(([user, rule]) => [user, rule.pick, rule.readerPicks, rule.training]);
    expect(rows).toEqual([
      ['lab', 'training', true, true],
      ['landscape', 'training', false, true],
      ['notebook', 'training', false, true],
      ['page', 'training', false, true],
      ['demo', 'webgl', false, false],
    ]);
  });

  test('a user that cannot pick gets the reason the lab would give on "auto"', () => {
    expect(engineFor('notebook', SWIFTSHADER, 'webgl')).toEqual(trainingBackendFor('auto', SWIFTSHADER));
    expect(engineFor('lab', SWIFTSHADER, 'webgl')).toEqual({ backend: 'webgl', reason: 'You chose webgl.' });
  });
});
