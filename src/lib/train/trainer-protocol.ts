/**
 * The messages between the training lab (on the page) and its training worker. Training runs in
 * the worker so that a long step — half a second for the Small model on WebAssembly, seconds on
 * software WebGL — never blocks the page: the charts redraw and the buttons answer meanwhile.
 * Only plain data crosses: settings in; reports, results and the trained model's files out.
 */
import type { io } from '@tensorflow/tfjs';
import type { Dataset } from './data';
import type { Inside } from './inspect';
import type { BatchReport, EpochReport, StopReason } from './loop';
import type { LabParams } from './lab-params';

export interface EngineInfo {
  backend: string;
  /** Why this backend, in a sentence for the reader. */
  reason: string;
  renderer: string | null;
  /** WebAssembly's threads (1 without cross-origin isolation); absent on other backends. */
  threads?: number;
  /** Whether BatchNorm's passes run in WebAssembly SIMD (src/lib/engine/wasm/bn-simd.ts); absent on other backends. */
  simd?: boolean;
}

export interface MemoryInfo {
  numTensors: number;
  numBytes: number;
}

/** Speed of a run, the first step (backend warm-up) apart, for the benchmark. */
export interface RunTiming {
  firstStepMs: number;
  /** Time spent preparing batches and in `trainOnBatch`: what a bare loop also spends. */
  bareMs: number;
  /** Wall time from the end of the first step to the end of the last. */
  wallMs: number;
  images: number;
  /** Kernels TF.js ran for one training step (the second), when the run had one. */
  kernelsPerStep?: number;
}

export interface TestResult {
  predicted: Uint8Array;
  matrix: number[][];
  accuracy: number;
}

export type ToTrainer =
  | {
      type: 'train';
      params: LabParams;
      /** The data set, sent once per worker; later runs on the same data name it only. */
      dataset: Dataset | { name: string };
      /** false: end after training, without testing or sending the model (the degradation experiment). */
      results: boolean;
    }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  /** Look inside a trained model (src/lib/train/inspect.ts); the answer comes on `reply`, not as a FromTrainer. */
  | { type: 'inspect'; request: InspectRequest; reply: MessagePort };

/**
 * One look inside a trained model for one image. The worker keeps the last model it loaded, by
 * `run`, so the files travel once per run: the page leaves `model` out once this worker has it.
 */
export interface InspectRequest {
  /** Names the model: a new name replaces (and frees) the one the worker holds. */
  run: string;
  model?: io.ModelArtifacts;
  /** 28 × 28 grey levels in [0, 1], light on dark, as the own-image panel makes them. */
  image: Float32Array;
  /** The block to take apart, such as "3a"; the first when absent. */
  block?: string;
}

/**
 * The answer on the request's port. `busy`: a run is training, which the worker does not slow
 * down; `unknown-model`: the worker does not hold `run` (it was restarted), so send the files again.
 */
export type InspectReply = { ok: true; run: string; inside: Inside } | { ok: false; run: string; reason: 'busy' | 'unknown-model' | 'failed'; message: string };

export type FromTrainer =
  | { type: 'engine'; engine: EngineInfo; memory: MemoryInfo }
  /** `layers`: the convolution and dense layers on the main path, the network's depth. */
  | { type: 'model'; parameters: number; layers: number }
  | { type: 'batch'; report: BatchReport; memory: MemoryInfo }
  | { type: 'epoch'; report: EpochReport; memory: MemoryInfo }
  /** The run has stopped at the end of its current step and waits for `resume`. */
  | { type: 'paused' }
  /** Training is over (its speed known); testing begins. */
  | { type: 'testing'; timing: RunTiming }
  | {
      type: 'done';
      stopped: boolean;
      epochs: number;
      reason?: StopReason | 'context-lost';
      timing: RunTiming;
      memory: MemoryInfo;
      /** Absent when the run ended without a usable model (diverged, context lost). */
      test?: TestResult;
      model?: io.ModelArtifacts;
    }
  | { type: 'failed'; message: string; memory?: MemoryInfo };
