/**
 * The runs of a session, as the lab compares them: each run's settings, curves and final figures,
 * shown or hidden on the charts, renamed or deleted by the reader. Numbers only: a run's model and
 * tensors are freed when it ends (the lab keeps just the latest model, for its results panel).
 */
import { pickColour, RUN_PALETTE } from '../charts/run-colours';
import type { LabParams } from './lab-params';

export interface Point {
  x: number;
  y: number;
}

export interface Curves {
  trainLoss: Point[];
  trainAccuracy: Point[];
  validationLoss: Point[];
  validationAccuracy: Point[];
}

export const emptyCurves = (): Curves => ({ trainLoss: [], trainAccuracy: [], validationLoss: [], validationAccuracy: [] });

export type RunStatus = 'training' | 'done' | 'stopped' | 'failed';

export interface RunRecord {
  id: number;
  name: string;
  params: LabParams;
  status: RunStatus;
  visible: boolean;
  /** Its colour on the charts: an index into RUN_PALETTE, held by no other run while it is kept. */
  colour: number;
  curves: Curves;
  /** Accuracy on the test images, once tested. */
  testAccuracy?: number;
  /** True for a run that was training when its page went away, and so stopped there (run-store.ts). */
  left?: boolean;
}

/**
 * How many runs a session keeps, one per colour of the palette, so no two share a colour: past it,
 * the oldest finished run makes room (and frees its colour).
 */
export const MAX_RUNS = RUN_PALETTE.length;
export const MAX_NAME_CHARS = 40;

/** A run's default name: what it trained, in a few words. */
export function defaultName(id: number, p: LabParams): string {
  const model = p.preset === 'resnet50' ? 'ResNet-50' : `${p.preset === 'tiny' ? 'Tiny' : 'Small'}, depth ${p.depth}`;
  return `${id}. ${p.residual ? 'ResNet' : 'Plain'} · ${model}`;
}

/** Reads a new name: trimmed, not empty, not too long. */
export function checkName(raw: string): { ok: true; name: string } | { ok: false; message: string } {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (name === '') return { ok: false, message: 'A run needs a name: type a few words.' };
  if (name.length > MAX_NAME_CHARS) return { ok: false, message: `A run's name can be at most ${MAX_NAME_CHARS} characters.` };
  return { ok: true, name };
}

/** The last finite value of a curve, if any. */
export function last(points: readonly Point[]): number | undefined {
  for (let i = points.length - 1; i >= 0; i--) if (Number.isFinite(points[i]!.y)) return points[i]!.y;
  return undefined;
}

export class RunLog {
  #runs: RunRecord[] = [];
  #next = 1;

  list(): readonly RunRecord[] {
    return this.#runs;
  }

  /** The number the next run will take. */
  nextId(): number {
    return this.#next;
  }

  get(id: number): RunRecord | undefined {
    return this.#runs.find((r) => r.id === id);
  }

  /**
   * Starts a new run, shown, in the first colour no kept run holds; at MAX_RUNS, the oldest
   * finished run is dropped first to make room.
   */
  add(params: LabParams): RunRecord {
    while (this.#runs.length >= MAX_RUNS) {
      const oldest = this.#runs.findIndex((r) => r.status !== 'training');
      if (oldest < 0) break;
      this.#runs.splice(oldest, 1);
    }
    const id = this.#next++;
    // Only a log full of runs still training (never, as one run trains at a time) has no colour
    // free; it then shares one rather than refusing to train.
    const colour = pickColour(this.#runs.map((r) => r.colour)) ?? (id - 1) % MAX_RUNS;
    const run: RunRecord = { id, name: defaultName(id, params), params, status: 'training', visible: true, colour, curves: emptyCurves() };
    this.#runs.push(run);
    return run;
  }

  finish(id: number, status: Exclude<RunStatus, 'training'>, testAccuracy?: number): void {
    const run = this.get(id);
    if (!run) return;
    run.status = status;
    if (testAccuracy !== undefined) run.testAccuracy = testAccuracy;
  }

  rename(id: number, raw: string): { ok: true } | { ok: false; message: string } {
    const checked = checkName(raw);
    const run = this.get(id);
    if (checked.ok && run) run.name = checked.name;
    return checked.ok ? { ok: true } : checked;
  }

  setVisible(id: number, visible: boolean): void {
    const run = this.get(id);
    if (run) run.visible = visible;
  }

  /** Puts back the runs of an earlier page of this tab (run-store.ts); `next` numbers the next run. */
  restore(runs: readonly RunRecord[], next: number): void {
    this.#runs = runs.slice(-MAX_RUNS);
    this.#next = Math.max(next, ...runs.map((r) => r.id + 1), 1);
  }

  /** Deletes a finished run; a run still training stays (Stop it first). */
  remove(id: number): boolean {
    const index = this.#runs.findIndex((r) => r.id === id && r.status !== 'training');
    if (index < 0) return false;
    this.#runs.splice(index, 1);
    return true;
  }
}
