/**
 * AvgPoolGrad for TF.js's WASM backend, fast where the pool covers the whole map: the global
 * average pool before our models' classifier (avg_pool in small.ts and ResNet-50).
 *
 * There every input pixel receives its channel's output gradient divided by the map's area. The
 * backend's own kernel instead visits, for each input pixel, every output position whose window
 * might hold it, through the whole window: measured on the Small preset, its one call took
 * about 3 % of a training step. This one writes one pixel's channels and copies them along
 * the map with `copyWithin` (native memmove). Any other pooling keeps the built-in kernel.
 */
import * as tf from '@tensorflow/tfjs';
import { attrsOf, requireInput } from '../kernel-args';
import { as4D, asHeapBackend, heapF32 } from './wasm-backend';

/** Whether the pool is one window over the whole map, without padding. */
export function isGlobalPool(info: tf.backend_util.Conv2DInfo): boolean {
  const { top, bottom, left, right } = info.padInfo;
  return (
    info.outHeight === 1 &&
    info.outWidth === 1 &&
    info.filterHeight === info.inHeight &&
    info.filterWidth === info.inWidth &&
    info.dilationHeight === 1 &&
    info.dilationWidth === 1 &&
    top === 0 &&
    bottom === 0 &&
    left === 0 &&
    right === 0
  );
}

/**
 * dx (batch, height, width, channels) from dy (batch, 1, 1, channels): every pixel of image b
 * gets dy[b, 0, 0, :] / (height · width).
 */
export function globalAvgPoolGradInto(dy: Float32Array, dx: Float32Array, batch: number, height: number, width: number, channels: number): void {
  const scale = 1 / (height * width);
  const image = height * width * channels;
  for (let b = 0; b < batch; b++) {
    const start = b * image;
    for (let c = 0; c < channels; c++) dx[start + c] = dy[b * channels + c]! * scale;
    // Double the filled run until it covers the image.
    for (let filled = channels; filled < image; filled *= 2) {
      dx.copyWithin(start + filled, start, start + Math.min(filled, image - filled));
    }
  }
}

/** @param fallback the backend's own AvgPoolGrad, for every pool that is not global. */
export function makeAvgPoolGradWasm(fallback: tf.KernelFunc | undefined): tf.KernelFunc {
  return (args) => {
    const input = requireInput(args.inputs, 'input', tf.AvgPoolGrad);
    const dy = requireInput(args.inputs, 'dy', tf.AvgPoolGrad);
    const { filterSize, strides, pad } = attrsOf<tf.AvgPoolGradAttrs>(args);
    const info = tf.backend_util.computePool2DInfo(as4D(input.shape), filterSize, strides, 1, pad);
    if (!isGlobalPool(info)) {
      if (fallback == null) throw new Error('AvgPoolGrad: only a pool over the whole map is supported here.');
      return fallback(args);
    }
    const backend = asHeapBackend(args.backend, tf.AvgPoolGrad);
    const dx = backend.makeOutput(input.shape, 'float32');
    if (info.batchSize * info.inHeight * info.inWidth * info.inChannels === 0) return dx;
    // Views only now: makeOutput may have grown (and so detached) the heap.
    globalAvgPoolGradInto(heapF32(backend, dy), heapF32(backend, dx), info.batchSize, info.inHeight, info.inWidth, info.inChannels);
    return dx;
  };
}
