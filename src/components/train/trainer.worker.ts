/**
 * The training worker: runs the lab's training sessions (src/lib/train/session.ts) off the page's
 * main thread (see src/lib/train/trainer-protocol.ts for why and for the messages). One run at a
 * time; the page starts it with `train` and steers it with `pause`, `resume` and `stop`.
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../../lib/train/data';
import { memoryNow, TrainingSession } from '../../lib/train/session';
import type { FromTrainer, ToTrainer } from '../../lib/train/trainer-protocol';
import { useBackend } from '../backend';

const send = (message: FromTrainer, transfer: Transferable[] = []) => self.postMessage(message, { transfer });
const datasets = new Map<string, Dataset>();
let session: TrainingSession | undefined;
const watched = new WeakSet<object>();

/** The WebGL context the backend draws with, when it is WebGL: the browser may take it away. */
function webglContext(): WebGLRenderingContext | undefined {
  return (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
}

async function startBackend(choice: Parameters<typeof useBackend>[0]) {
  const engine = await useBackend(choice);
  const canvas = webglContext()?.canvas;
  if (canvas && !watched.has(canvas)) {
    watched.add(canvas);
    canvas.addEventListener('webglcontextlost', () => session?.contextLost());
  }
  return engine;
}

self.addEventListener('message', (event: MessageEvent<ToTrainer>) => {
  const message = event.data;
  if (message.type === 'train') {
    if (session) return;
    const { dataset } = message;
    if ('manifest' in dataset) datasets.set(dataset.manifest.name, dataset);
    const data = datasets.get('manifest' in dataset ? dataset.manifest.name : dataset.name);
    if (!data) {
      send({ type: 'failed', message: 'the training data did not reach the worker; press Train again' });
      return;
    }
    const current = new TrainingSession(message.params, data, { send, startBackend }, message.results);
    session = current;
    current
      .run()
      .catch((error: unknown) => send({ type: 'failed', message: error instanceof Error ? error.message : String(error), memory: memoryNow() }))
      .finally(() => {
        if (session === current) session = undefined;
      });
  } else if (message.type === 'pause') session?.gate.pause();
  else if (message.type === 'resume') session?.gate.resume();
  else if (message.type === 'stop') session?.stop();
});
