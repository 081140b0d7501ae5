/**
 * The training lab's state, as one explicit machine rather than flags and disabled buttons:
 *
 *   idle → loading → training ⇄ paused → testing → done
 *                       └──────────┴──→ (Stop) → testing → stopped
 *   any running phase → failed;  done | stopped | failed → loading (Train again)
 *
 * `loading` covers the data download and the backend's start, `testing` the test images after
 * training. A Stop is a request: training ends after the current batch, and the model as it is
 * still gets tested, so `stopping` travels with the phase until the run ends. Pure, so every
 * transition is unit-tested; the component only renders `controls(state)`.
 */

export type LabPhase = 'idle' | 'loading' | 'training' | 'paused' | 'testing' | 'done' | 'stopped' | 'failed';

export interface LabState {
  phase: LabPhase;
  /** The reader pressed Stop; the run ends at the next step boundary. */
  stopping: boolean;
}

export type LabEvent =
  /** Train (or Train the pair) pressed, or the pair's second run begins. */
  | { type: 'start' }
  /** The data is here and the backend started: the first step runs. */
  | { type: 'training' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  /** Training is over; the test images run. */
  | { type: 'testing' }
  /** The run ended: `stopped` when it ended early (Stop, or the loss diverged). */
  | { type: 'finished'; stopped: boolean }
  | { type: 'failed' };

export const INITIAL: LabState = { phase: 'idle', stopping: false };

const RUNNING: readonly LabPhase[] = ['loading', 'training', 'paused', 'testing'];

export function isRunning(state: LabState): boolean {
  return RUNNING.includes(state.phase);
}

/** The state after `event`; an event that does not apply leaves the state as it is. */
export function transition(state: LabState, event: LabEvent): LabState {
  const to = (phase: LabPhase, stopping = state.stopping): LabState => ({ phase, stopping });
  switch (event.type) {
    case 'start':
      return isRunning(state) ? state : to('loading', false);
    case 'training':
      return state.phase === 'loading' ? to('training') : state;
    case 'pause':
      return state.phase === 'training' && !state.stopping ? to('paused') : state;
    case 'resume':
      return state.phase === 'paused' ? to('training') : state;
    case 'stop':
      // A paused run resumes into its end: the worker stops at the step boundary it waits on.
      return ['loading', 'training', 'paused'].includes(state.phase) ? to(state.phase === 'paused' ? 'training' : state.phase, true) : state;
    case 'testing':
      return state.phase === 'training' || state.phase === 'paused' ? to('testing') : state;
    case 'finished':
      return isRunning(state) ? to(event.stopped || state.stopping ? 'stopped' : 'done', false) : state;
    case 'failed':
      return isRunning(state) ? to('failed', false) : state;
    default: {
      const never: never = event;
      return never;
    }
  }
}

export interface LabControls {
  train: boolean;
  pause: boolean;
  resume: boolean;
  stop: boolean;
  /** The settings can be edited (not while a run uses them). */
  fields: boolean;
}

/** Which buttons work in a state. Train also needs valid settings, which the form decides. */
export function controls(state: LabState): LabControls {
  const running = isRunning(state);
  return {
    train: !running,
    pause: state.phase === 'training' && !state.stopping,
    resume: state.phase === 'paused',
    stop: running && !state.stopping && state.phase !== 'testing',
    fields: !running,
  };
}
