/**
 * The training worker: builds, trains and tests the lab's model off the page's main thread (see
 * src/lib/train/trainer-protocol.ts for why and for the messages). One run at a time; the page
 * starts a run with `train` and steers it with `pause`, `resume` and `stop`.
 */
import * as tf from '@tensorflow/tfjs';
import { resNet50 } from '../../lib/resnet/models';
import { smallResNet } from '../../lib/resnet/small';
import type { Dataset } from '../../lib/train/data';
import { modelConfig, type LabParams } from '../../lib/train/lab-params';
import { PauseGate, predictSplit, trainModel } from '../../lib/train/loop';
import type { FromTrainer, MemoryInfo, RunTiming, ToTrainer } from '../../lib/train/trainer-protocol';
import { useBackend } from './engine';

const send = (message: FromTrainer, transfer: Transferable[] = []) => self.postMessage(message, { transfer });
const memory = (): MemoryInfo => {
  const { numTensors, numBytes } = tf.memory();
  return { numTensors, numBytes };
};

const datasets = new Map<string, Dataset>();
let run: { gate: PauseGate; abort: AbortController; contextLost: boolean } | undefined;

/** Where the backend draws, when it is WebGL: the canvas whose context the browser may take away. */
function webglContext(): WebGLRenderingContext | undefined {
  return (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
}

/** The trained model as TF.js files in memory (model.json's content plus the weights). */
async function artifactsOf(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    saved = artifacts;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  if (!saved) throw new Error('the model could not be serialised');
  return saved;
}

async function train(params: LabParams, data: Dataset): Promise<void> {
  const current = { gate: new PauseGate(), abort: new AbortController(), contextLost: false };
  run = current;
  const engine = await useBackend(params.backend);
  send({ type: 'engine', engine, memory: memory() });
  const canvas = webglContext()?.canvas;
  let epochsDone = 0;
  const timing: RunTiming = { firstStepMs: NaN, bareMs: 0, wallMs: 0, images: 0 };
  // Reported at once: a step in flight may wait forever on a GPU that is gone, and the page then
  // ends this worker, which frees everything it held.
  const onLost = () => {
    current.contextLost = true;
    current.abort.abort();
    current.gate.resume();
    send({ type: 'done', stopped: true, epochs: epochsDone, reason: 'context-lost', timing, memory: memory() });
  };
  canvas?.addEventListener('webglcontextlost', onLost as EventListener, { once: true });
  const classes = data.manifest.classes.length;
  const big = params.preset === 'resnet50';
  const model = big ? resNet50([64, 64, 3], classes, { plain: !params.residual, batchNormMomentum: 0.9 }) : smallResNet(modelConfig(params, classes));
  try {
    const optimizer = params.optimizer === 'adam' ? tf.train.adam(params.lr) : tf.train.momentum(params.lr, 0.9);
    model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    send({ type: 'model', parameters: model.countParams() });
    const config = { epochs: params.epochs, batchSize: params.batch, trainSize: params.trainSize, classes, side: 28, seed: 2016, ...(big ? { modelInput: [64, 64, 3] as [number, number, number] } : {}) };
    let wallStart = NaN;
    const result = await trainModel(model, data.train, data.validation, config, {
      gate: current.gate,
      signal: current.abort.signal,
      onBatch: (report) => {
        if (report.epoch === 1 && report.batch === 1) {
          timing.firstStepMs = report.ms;
          wallStart = performance.now();
        } else {
          timing.bareMs += report.ms;
          timing.images += report.images;
          timing.wallMs = performance.now() - wallStart;
        }
        send({ type: 'batch', report, memory: memory() });
      },
      onEpoch: (report) => {
        epochsDone = report.epoch;
        send({ type: 'epoch', report, memory: memory() });
      },
    });
    if (current.contextLost) return;
    if (result.reason === 'diverged') {
      send({ type: 'done', ...result, timing, memory: memory() });
      return;
    }
    send({ type: 'testing' });
    const { predicted, matrix, accuracy } = await predictSplit(model, data.test, config);
    const artifacts = await artifactsOf(model);
    const weights = artifacts.weightData === undefined ? [] : [artifacts.weightData].flat();
    send({ type: 'done', ...result, timing, memory: memory(), test: { predicted, matrix, accuracy }, model: artifacts }, [predicted.buffer, ...weights]);
  } finally {
    canvas?.removeEventListener('webglcontextlost', onLost as EventListener);
    // After a lost context the page replaces this worker; freeing GPU memory could only fail.
    if (!current.contextLost) model.dispose();
    run = undefined;
  }
}

self.addEventListener('message', (event: MessageEvent<ToTrainer>) => {
  const message = event.data;
  if (message.type === 'train') {
    if (run) return;
    const { dataset } = message;
    if ('manifest' in dataset) datasets.set(dataset.manifest.name, dataset);
    const data = datasets.get('manifest' in dataset ? dataset.manifest.name : dataset.name);
    if (!data) {
      send({ type: 'failed', message: 'the training data did not reach the worker; press Train again' });
      return;
    }
    train(message.params, data).catch((error: unknown) => {
      run = undefined;
      send({ type: 'failed', message: error instanceof Error ? error.message : String(error), memory: memory() });
    });
  } else if (message.type === 'pause') run?.gate.pause();
  else if (message.type === 'resume') run?.gate.resume();
  else if (message.type === 'stop') {
    run?.abort.abort();
    run?.gate.resume();
  } else if (message.type === 'lose-context') webglContext()?.getExtension('WEBGL_lose_context')?.loseContext();
});
