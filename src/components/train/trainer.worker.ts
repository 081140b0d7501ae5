/**
 * The training worker: runs the lab's training sessions (src/lib/train/session.ts) off the page's
 * main thread (see src/lib/train/trainer-protocol.ts for why and for the messages). One run at a
 * time; the page starts it with `train` and steers it with `pause`, `resume` and `stop`. Between runs
 * it also looks inside a trained model for one image (`inspect`, src/lib/train/inspect.ts): the
 * model's files are already here after training, the backend is warm, and the page stays free.
 * While a run trains it declines, rather than slow the run or race it for the backend.
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../../lib/train/data';
import { memoryNow, TrainingSession } from '../../lib/train/session';
import { imageInput, inspectModel, type Inside } from '../../lib/train/inspect';
import type { FromTrainer, InspectReply, InspectRequest, ToTrainer } from '../../lib/train/trainer-protocol';
import type { BackendName } from '../../lib/engine/policy';
import { webglContext } from '../../lib/engine/tf-internals';
import { startEngine } from '../engine';

const send = (message: FromTrainer, transfer: Transferable[] = []) => self.postMessage(message, { transfer });
const datasets = new Map<string, Dataset>();
let session: TrainingSession | undefined;
const watched = new WeakSet<object>();
/** The model last looked inside, by its run's name; freed when another comes or a run starts. */
let held: { run: string; model: tf.LayersModel } | undefined;
/** The backend, once started by a run or by a look inside. */
let engine: Promise<unknown> | undefined;
/** Looks inside run one after another, so two requests never load the same files twice. */
let inspecting: Promise<void> = Promise.resolve();

async function startBackend(choice: 'auto' | BackendName) {
  const started = startEngine('lab', choice);
  engine = started;
  const info = await started;
  // The WebGL context the backend draws with, when it is WebGL: the browser may take it away.
  const canvas = webglContext(tf.backend())?.canvas;
  if (canvas && !watched.has(canvas)) {
    watched.add(canvas);
    canvas.addEventListener('webglcontextlost', () => session?.contextLost());
  }
  return info;
}

function release() {
  held?.model.dispose();
  held = undefined;
}

/** Every array the answer carries, to transfer rather than copy. */
function buffers(inside: Inside): ArrayBuffer[] {
  const { block } = inside;
  const arrays = [...inside.stages.flatMap((s) => s.maps), ...block.main, ...block.output, ...(block.shortcut ?? []), ...(block.added ?? [])];
  if (block.share) arrays.push(block.share);
  return arrays.map((a) => a.buffer as ArrayBuffer);
}

async function inspect({ run, model, image, block }: InspectRequest, reply: MessagePort): Promise<void> {
  const answer = (message: InspectReply, transfer: Transferable[] = []) => {
    reply.postMessage(message, transfer);
    reply.close();
  };
  const busy = () => answer({ ok: false, run, reason: 'busy', message: 'A model is training: look inside once it has finished.' });
  if (session) return busy();
  try {
    if (held?.run !== run) {
      if (!model) return answer({ ok: false, run, reason: 'unknown-model', message: `This worker does not hold the model of run ${run}: send its files.` });
      release();
      engine ??= startBackend('auto');
      await engine;
      held = { run, model: await tf.loadLayersModel(tf.io.fromMemory(model)) };
    }
    if (session) {
      // A run started while the model loaded: free it, so the run's memory readings hold its own tensors only.
      release();
      return busy();
    }
    const current = held.model;
    const x = imageInput(current, image);
    let inside: Inside;
    try {
      inside = inspectModel(current, x, block === undefined ? {} : { block });
    } finally {
      x.dispose();
    }
    answer({ ok: true, run, inside }, buffers(inside));
  } catch (error) {
    answer({ ok: false, run, reason: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}

self.addEventListener('message', (event: MessageEvent<ToTrainer>) => {
  const message = event.data;
  if (message.type === 'train') {
    if (session) return;
    release(); // a run's memory readings should not count a model kept for looking inside
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
  else if (message.type === 'inspect') {
    const { request, reply } = message;
    inspecting = inspecting.then(() => inspect(request, reply));
  }
});
