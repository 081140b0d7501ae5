/** Picks the TF.js backend for the live components: WebGL where the browser has it, else the CPU. */
import * as tf from '@tensorflow/tfjs';

export async function chooseBackend(): Promise<string> {
  if (tf.getBackend() === 'webgl') return 'webgl';
  try {
    if (await tf.setBackend('webgl')) return 'webgl';
  } catch {
    // No WebGL in this browser: fall through to the CPU.
  }
  await tf.setBackend('cpu');
  return 'cpu';
}
