import * as tf from '@tensorflow/tfjs';
import { registerKernels } from '../../src/lib/engine/register';
import { registerBatchNormLayer } from '../../src/lib/resnet/batch-norm';

// The unit tests' engine starter, as src/components/engine.ts is the site's: our fused kernels
// for the two backends Node runs (a test that trains on WASM registers WASM's training kernels
// itself), our BatchNorm layer for models loaded back, then TF.js's pure-JavaScript CPU backend.
await registerKernels('cpu');
await registerKernels('wasm');
registerBatchNormLayer();
await tf.setBackend('cpu');
