/** The lab's engine line: which backend trains, why, and what it holds, in one sentence for the reader. */
import { formatCount } from '../../lib/resnet/format';
import type { EngineInfo, MemoryInfo } from '../../lib/train/trainer-protocol';

export interface EngineFigures {
  memory?: MemoryInfo;
  /** Kernels TF.js ran for one step of this run: each is a dispatch, and they set a small model's speed. */
  kernelsPerStep?: number;
  /** Tensors held after each epoch: the same number every time, or something leaks. */
  epochTensors: readonly number[];
}

export function engineLine(engine: EngineInfo, figures: EngineFigures): string {
  const memory = figures.memory ?? { numTensors: 0, numBytes: 0 };
  const threads = engine.threads === undefined ? '' : ` (${engine.threads} thread${engine.threads === 1 ? '' : 's'}${engine.simd ? ', SIMD' : ''})`;
  return (
    `Backend: ${engine.backend}${threads}, in a background thread. ${engine.reason} GPU renderer: ${engine.renderer ?? 'none'}. ` +
    `Tensors held for training: ${formatCount(memory.numTensors)}, ${(memory.numBytes / 2 ** 20).toFixed(1)} MB.` +
    (figures.kernelsPerStep === undefined ? '' : ` Kernels run per training step: ${formatCount(figures.kernelsPerStep)}.`) +
    (figures.epochTensors.length > 0 ? ` Tensors after each epoch: ${figures.epochTensors.join(', ')}.` : '')
  );
}
