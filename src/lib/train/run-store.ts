/**
 * The lab's runs as text, so they outlive the page: the lab writes them to the tab's
 * sessionStorage as they change and when the page goes away, and the lab on the next page of the
 * same tab (lesson 6 or /lab/) reads them back. Pure: the component holds the storage.
 *
 * The text is versioned JSON. Decoding never throws: anything it cannot use whole (another
 * version, a hand-edited or truncated record, a run whose settings no longer parse) reads as no
 * runs at all, so a bad record costs the reader the old runs, never the lab. A run still training
 * when the page went away cannot go on (the page's worker ended with it): it comes back stopped,
 * marked `left`. Numbers only: no model travels this way.
 */
import { parseLabParams, type LabParams } from './lab-params';
import { checkName, MAX_RUNS, type Curves, type Point, type RunRecord, type RunStatus } from './runs';
import { RUN_PALETTE } from '../charts/run-colours';

/** Bumped whenever the shape of the record changes; older records are ignored. */
export const RUN_STORE_VERSION = 1;
/** At most this many characters are stored (sessionStorage holds about 5 MB a site, shared). */
export const MAX_STORED_CHARS = 500_000;
/** A curve longer than this is thinned (every k-th point, and always the last) before it is stored. */
export const MAX_POINTS_PER_CURVE = 1_000;

/** The runs of a session and the number the next run takes. */
export interface StoredRuns {
  runs: readonly RunRecord[];
  next: number;
}

const CURVES = ['trainLoss', 'trainAccuracy', 'validationLoss', 'validationAccuracy'] as const;
const STATUSES: readonly RunStatus[] = ['training', 'done', 'stopped', 'failed'];

/** Six significant digits: enough for any chart or table, and about half the characters. */
const round = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(6)) : null);

/** A curve as flat pairs `[x0, y0, x1, y1, …]`, thinned to at most `max` points; NaN is `null`. */
export function packCurve(points: readonly Point[], max = MAX_POINTS_PER_CURVE): (number | null)[] {
  if (!Number.isInteger(max) || max < 2) throw new RangeError(`packCurve: max must be a whole number of at least 2, got ${max}.`);
  const step = Math.ceil(points.length / max);
  const kept = points.filter((_, i) => i % step === 0 || i === points.length - 1).slice(-max);
  return kept.flatMap((p) => [round(p.x), round(p.y)]);
}

function unpackCurve(flat: unknown): Point[] | undefined {
  if (!Array.isArray(flat) || flat.length % 2 !== 0) return undefined;
  const points: Point[] = [];
  for (let i = 0; i < flat.length; i += 2) {
    const x: unknown = flat[i];
    const y: unknown = flat[i + 1];
    if (typeof x !== 'number' || !(typeof y === 'number' || y === null)) return undefined;
    points.push({ x, y: y ?? Number.NaN });
  }
  return points;
}

/** The settings as the address writes them, so that reading them back goes through the form's own checks. */
function rawParams(p: LabParams): Record<string, string> {
  return {
    dataset: p.dataset,
    preset: p.preset,
    network: p.residual ? 'residual' : 'plain',
    optimizer: p.optimizer,
    schedule: p.schedule ?? 'constant',
    lr: String(p.lr),
    batch: String(p.batch),
    epochs: String(p.epochs),
    trainSize: String(p.trainSize),
    depth: String(p.depth),
    width: String(p.width),
    backend: p.backend,
  };
}

function packRun(run: RunRecord, maxPoints: number) {
  return {
    id: run.id,
    name: run.name,
    params: { ...rawParams(run.params), ...(run.params.seed === undefined ? {} : { seed: run.params.seed }) },
    status: run.status,
    ...(run.left ? { left: true } : {}),
    visible: run.visible,
    colour: run.colour,
    ...(run.testAccuracy === undefined ? {} : { testAccuracy: run.testAccuracy }),
    curves: Object.fromEntries(CURVES.map((k) => [k, packCurve(run.curves[k], maxPoints)])),
  };
}

/**
 * The runs as stored text, or undefined when even the newest run alone does not fit in `maxChars`.
 * Past the cap, curves are thinned further (down to 100 points), then the oldest runs are left out.
 */
export function encodeRuns({ runs, next }: StoredRuns, maxChars = MAX_STORED_CHARS): string | undefined {
  const text = (list: readonly RunRecord[], maxPoints: number) =>
    JSON.stringify({ version: RUN_STORE_VERSION, next, runs: list.map((r) => packRun(r, maxPoints)) });
  for (let maxPoints = MAX_POINTS_PER_CURVE; maxPoints >= 100; maxPoints = Math.floor(maxPoints / 2)) {
    const all = text(runs, maxPoints);
    if (all.length <= maxChars) return all;
  }
  for (let from = 1; from < runs.length; from++) {
    const some = text(runs.slice(from), 100);
    if (some.length <= maxChars) return some;
  }
  return undefined;
}

function decodeRun(value: unknown): RunRecord | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const r = value as Record<string, unknown>;
  const name = typeof r.name === 'string' ? checkName(r.name) : undefined;
  const raw = r.params as Record<string, unknown> | null;
  if (!Number.isInteger(r.id) || (r.id as number) < 1 || !name?.ok || typeof raw !== 'object' || raw === null) return undefined;
  const strings = Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  const parsed = parseLabParams(strings);
  const seed = raw.seed;
  if (!parsed.ok || (seed !== undefined && !Number.isSafeInteger(seed))) return undefined;
  if (!STATUSES.includes(r.status as RunStatus) || typeof r.visible !== 'boolean') return undefined;
  if (!Number.isInteger(r.colour) || (r.colour as number) < 0 || (r.colour as number) >= RUN_PALETTE.length) return undefined;
  const accuracy = r.testAccuracy;
  if (accuracy !== undefined && (typeof accuracy !== 'number' || !(accuracy >= 0 && accuracy <= 1))) return undefined;
  const stored = r.curves as Record<string, unknown> | null;
  if (typeof stored !== 'object' || stored === null) return undefined;
  const curves = Object.fromEntries(CURVES.map((k) => [k, unpackCurve(stored[k])]));
  if (CURVES.some((k) => curves[k] === undefined)) return undefined;
  // The page that trained it has gone, and its worker with it: the run ends where it was.
  const left = r.status === 'training' || r.left === true;
  return {
    id: r.id as number,
    name: name.name,
    params: seed === undefined ? parsed.params : { ...parsed.params, seed: seed as number },
    status: r.status === 'training' ? 'stopped' : (r.status as RunStatus),
    ...(left ? { left: true } : {}),
    visible: r.visible,
    colour: r.colour as number,
    ...(accuracy === undefined ? {} : { testAccuracy: accuracy }),
    curves: curves as unknown as Curves,
  };
}

/** Reads stored runs back; anything unusable (bad JSON, another version, one bad run) is no runs. */
export function decodeRuns(text: string | null | undefined): StoredRuns | undefined {
  if (typeof text !== 'string' || text.length === 0 || text.length > MAX_STORED_CHARS) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { version, next, runs } = value as Record<string, unknown>;
  if (version !== RUN_STORE_VERSION || !Number.isInteger(next) || !Array.isArray(runs) || runs.length > MAX_RUNS) return undefined;
  const decoded = runs.map(decodeRun);
  if (decoded.some((r) => r === undefined)) return undefined;
  const list = decoded as RunRecord[];
  const ids = new Set(list.map((r) => r.id));
  // Ids name the runs, and colours tell them apart on the charts: both unique, ids below the next one.
  const colours = new Set(list.map((r) => r.colour));
  if (ids.size !== list.length || colours.size !== list.length || list.some((r) => r.id >= (next as number))) return undefined;
  return { runs: list, next: next as number };
}
