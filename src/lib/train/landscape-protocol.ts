/**
 * The messages between the loss-landscape figure (on the page) and its worker. Training two
 * networks and evaluating a grid of losses takes many seconds: in the worker, the page keeps
 * drawing and Stop answers meanwhile. Only plain data crosses: settings and images in; progress,
 * grid rows and the finished slices out.
 */
import type { Dataset } from './data';
import type { LandscapeEvent, LandscapeParams } from './landscape-experiment';
import type { EngineInfo } from './trainer-protocol';

export type ToLandscape =
  /** Runs the experiment; `dataset` is the whole data set the first time, its name after that. */
  | { type: 'start'; params: LandscapeParams; dataset: Dataset | { name: string } }
  /** Ends the run within one training step or one grid point; the worker answers with `done`. */
  | { type: 'stop' };

export type FromLandscape =
  | { type: 'engine'; engine: EngineInfo }
  | { type: 'event'; event: LandscapeEvent }
  | { type: 'done'; stopped: boolean; seconds: number }
  | { type: 'failed'; message: string };
