/**
 * One training run of the lab, as the training worker runs it: build the model the settings
 * describe, train it, test it, and hand back its files — every step reported as a message (see
 * trainer-protocol.ts). No DOM and no worker API: messages leave through `send` and the backend
 * is started by `startBackend`, so the tests run a session in Node.
 */
import * as tf from '@tensorflow/tfjs';
import { resNet50 } from '../resnet/models';
import { smallResNet } from '../resnet/small';
import { FusedAdamOptimizer, FusedMomentumOptimizer } from '../engine/fused-optimizers';
import type { BackendName } from '../engine/policy';
import type { Dataset } from './data';
import { modelConfig, type LabParams } from './lab-params';
import { PauseGate, predictSplit, trainModel } from './loop';
import type { EngineInfo, FromTrainer, MemoryInfo, RunTiming } from './trainer-protocol';

export interface SessionDeps {
  send: (message: FromTrainer, transfer?: Transferable[]) => void;
  startBackend: (choice: 'auto' | BackendName) => Promise<EngineInfo>;
}

export const memoryNow = (): MemoryInfo => {
  const { numTensors, numBytes } = tf.memory();
  return { numTensors, numBytes };
};

/** The model as TF.js files in memory (model.json's content plus the weights). */
export async function artifactsOf(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!saved) throw new Error('the model could not be serialised');
  return saved;
}

export class TrainingSession {
  readonly gate = new PauseGate();
  readonly #abort = new AbortController();
  #lost = false;
  #epochs = 0;
  readonly #timing: RunTiming = { firstStepMs: NaN, bareMs: 0, wallMs: 0, images: 0 };

  constructor(
    readonly params: LabParams,
    readonly data: Dataset,
    readonly deps: SessionDeps,
    readonly results = true,
  ) {}

  stop(): void {
    this.#abort.abort();
    this.gate.resume();
  }

  /**
   * The GPU is gone. Reported at once: a step in flight may wait forever on a context that no
   * longer exists, and the page then ends the worker, which frees everything it held.
   */
  contextLost(): void {
    if (this.#lost) return;
    this.#lost = true;
    this.stop();
    this.deps.send({ type: 'done', stopped: true, epochs: this.#epochs, reason: 'context-lost', timing: this.#timing, memory: memoryNow() });
  }

  async run(): Promise<void> {
    const { params, data, deps } = this;
    const engine = await deps.startBackend(params.backend);
    deps.send({ type: 'engine', engine, memory: memoryNow() });
    const classes = data.manifest.classes.length;
    const big = params.preset === 'resnet50';
    const seeded = params.seed === undefined ? {} : { kernelInitializer: tf.initializers.glorotUniform({ seed: params.seed }) };
    const model = big
      ? resNet50([64, 64, 3], classes, { plain: !params.residual, batchNormMomentum: 0.9, ...seeded })
      : smallResNet(modelConfig(params, classes), seeded);
    // As tf.train.adam / tf.train.momentum, with one kernel per variable per step (src/lib/engine/fused-optimizers.ts).
    const optimizer = params.optimizer === 'adam' ? new FusedAdamOptimizer(params.lr) : new FusedMomentumOptimizer(params.lr, 0.9);
    try {
      model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
      const layers = model.layers.filter((l) => ['Conv2D', 'Dense'].includes(l.getClassName()) && !/_branch1$/.test(l.name)).length;
      deps.send({ type: 'model', parameters: model.countParams(), layers });
      const config = {
        epochs: params.epochs,
        batchSize: params.batch,
        trainSize: params.trainSize,
        classes,
        side: 28,
        seed: params.seed ?? 2016,
        // The rate field is the schedule's peak; constant (or none) leaves the optimizer's rate alone.
        ...(params.schedule && params.schedule !== 'constant' ? { schedule: { name: params.schedule, peak: params.lr } } : {}),
        ...(big ? { modelInput: [64, 64, 3] as [number, number, number] } : {}),
      };
      const timing = this.#timing;
      let wallStart = NaN;
      const result = await trainModel(model, data.train, data.validation, config, {
        gate: this.gate,
        signal: this.#abort.signal,
        onPaused: () => deps.send({ type: 'paused' }),
        onBatch: (report) => {
          // The first step (backend warm-up, shader compiles) is timed apart from the rest.
          if (report.epoch === 1 && report.batch === 1) {
            timing.firstStepMs = report.ms;
            wallStart = performance.now();
          } else {
            timing.bareMs += report.ms;
            timing.images += report.images;
            timing.wallMs = performance.now() - wallStart;
          }
          if (report.kernels !== undefined) timing.kernelsPerStep = report.kernels;
          deps.send({ type: 'batch', report, memory: memoryNow() });
        },
        onEpoch: (report) => {
          this.#epochs = report.epoch;
          deps.send({ type: 'epoch', report, memory: memoryNow() });
        },
      });
      if (this.#lost) return;
      if (result.reason === 'diverged' || !this.results) {
        deps.send({ type: 'done', ...result, timing, memory: memoryNow() });
        return;
      }
      deps.send({ type: 'testing', timing });
      const { predicted, matrix, accuracy } = await predictSplit(model, data.test, config);
      const artifacts = await artifactsOf(model);
      const weights = artifacts.weightData === undefined ? [] : [artifacts.weightData].flat();
      const memory = memoryNow();
      deps.send({ type: 'done', ...result, timing, memory, test: { predicted, matrix, accuracy }, model: artifacts }, [predicted.buffer, ...weights]);
    } finally {
      // After a lost context, freeing GPU memory could only fail; the page ends the worker instead.
      // The optimizer's own variables (Adam's moments) are not the model's: free them too.
      if (!this.#lost) {
        model.dispose();
        optimizer.dispose();
      }
    }
  }
}
