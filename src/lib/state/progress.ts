/**
 * Saved progress: which exercises are done, and each cell's draft.
 *
 * Everything lives in the browser's localStorage under versioned keys. What is read back is
 * validated before use: a record that is corrupt, of another version, or written by something
 * else is dropped and reported, so the caller can tell the reader, and the page never crashes on
 * it. Storage can be missing or full (private windows, quotas): writes then fail quietly and the
 * course still works, only without memory.
 */
import type { ExerciseId } from '../grading/types';

export const PROGRESS_KEY = 'resnet-live:progress';
export const DRAFT_PREFIX = 'resnet-live:draft:';
export const PROGRESS_VERSION = 1;
export const EXERCISES: readonly ExerciseId[] = ['identity-block', 'convolutional-block', 'resnet50'];
/** Drafts longer than this are not saved (a cell holds one function, not a library). */
export const MAX_DRAFT_CHARS = 100_000;

/** The part of the Web Storage API we use, so tests can pass a Map-backed stand-in. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface Progress {
  version: 1;
  done: Partial<Record<ExerciseId, string>>;
}

export type Read<T> = { value: T; reset: boolean };

const isExercise = (id: string): id is ExerciseId => (EXERCISES as readonly string[]).includes(id);
const isDate = (v: unknown) => typeof v === 'string' && v.length < 40 && !Number.isNaN(Date.parse(v));

function parse(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function safely<T>(run: () => T, fallback: T): T {
  try {
    return run();
  } catch {
    return fallback;
  }
}

/**
 * Reads progress; `reset` is true when a stored record was unusable. With `repair` (the default)
 * it is also removed; without, it is left for the code cell to repair and report.
 */
export function readProgress(store: KeyValueStore, repair = true): Read<Progress> {
  const empty: Progress = { version: PROGRESS_VERSION, done: {} };
  const raw = parse(safely(() => store.getItem(PROGRESS_KEY), null));
  if (raw === undefined) return { value: empty, reset: false };
  const record = raw as { version?: unknown; done?: unknown };
  const valid =
    typeof raw === 'object' &&
    raw !== null &&
    record.version === PROGRESS_VERSION &&
    typeof record.done === 'object' &&
    record.done !== null &&
    !Array.isArray(record.done) &&
    Object.entries(record.done).every(([id, at]) => isExercise(id) && isDate(at));
  if (!valid) {
    if (repair) safely(() => store.removeItem(PROGRESS_KEY), undefined);
    return { value: empty, reset: true };
  }
  return { value: { version: PROGRESS_VERSION, done: { ...(record.done as Progress['done']) } }, reset: false };
}

export function markDone(store: KeyValueStore, id: ExerciseId, at = new Date()): Progress {
  const { value } = readProgress(store);
  const next: Progress = { ...value, done: { ...value.done, [id]: at.toISOString() } };
  safely(() => store.setItem(PROGRESS_KEY, JSON.stringify(next)), undefined);
  return next;
}

export interface Draft {
  version: 1;
  source: string;
  savedAt: string;
}

/** The saved draft of a cell, or null; a corrupt draft is removed and reported. */
export function readDraft(store: KeyValueStore, id: ExerciseId): Read<string | null> {
  const key = DRAFT_PREFIX + id;
  const raw = parse(safely(() => store.getItem(key), null));
  if (raw === undefined) return { value: null, reset: false };
  const draft = raw as Partial<Draft>;
  const valid = typeof raw === 'object' && raw !== null && draft.version === PROGRESS_VERSION && typeof draft.source === 'string' && draft.source.length <= MAX_DRAFT_CHARS && isDate(draft.savedAt);
  if (!valid) {
    safely(() => store.removeItem(key), undefined);
    return { value: null, reset: true };
  }
  return { value: draft.source as string, reset: false };
}

/** Saves a draft; returns false when it could not be kept (too long, or storage refused it). */
export function saveDraft(store: KeyValueStore, id: ExerciseId, source: string, at = new Date()): boolean {
  if (source.length > MAX_DRAFT_CHARS) return false;
  const draft: Draft = { version: PROGRESS_VERSION, source, savedAt: at.toISOString() };
  return safely(() => {
    store.setItem(DRAFT_PREFIX + id, JSON.stringify(draft));
    return true;
  }, false);
}

export function clearDraft(store: KeyValueStore, id: ExerciseId): void {
  safely(() => store.removeItem(DRAFT_PREFIX + id), undefined);
}
