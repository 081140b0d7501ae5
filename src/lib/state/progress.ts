/**
 * Saved progress: which exercises are done, which steps' code the learner revealed as a hint,
 * and each cell's draft.
 *
 * Everything lives in the browser's localStorage under versioned keys. What is read back is
 * validated before use: a record that is corrupt, of another version, or written by something
 * else is dropped and reported, so the caller can tell the reader, and the page never crashes on
 * it. Storage can be missing or full (private windows, quotas): writes then fail quietly and the
 * course still works, only without memory.
 */
import { EXERCISES, LANGUAGE_LABELS, LANGUAGES, type ExerciseId, type Language } from '../course';

export const PROGRESS_KEY = 'resnet-live:progress';
export const DRAFT_PREFIX = 'resnet-live:draft:';
/**
 * The reader's language for code, shared with the site's code tabs (Starlight keeps the label of
 * the last tab picked under this key), so choosing Keras in a cell or in a lesson's tabs is one choice.
 */
export const LANGUAGE_KEY = 'starlight-synced-tabs__lang';
export const PROGRESS_VERSION = 1;
/** Drafts longer than this are not saved (a cell holds one function, not a library). */
export const MAX_DRAFT_CHARS = 100_000;
/**
 * Stored records longer than this are refused unread: a progress record is a few hundred
 * characters, and a draft at most MAX_DRAFT_CHARS of source that JSON may escape to twice that.
 */
const MAX_RECORD_CHARS = { progress: 10_000, draft: 2 * MAX_DRAFT_CHARS + 1_000 };

/** The part of the Web Storage API we use, so tests can pass a Map-backed stand-in. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface Progress {
  version: 1;
  done: Partial<Record<ExerciseId, string>>;
  /**
   * The steps whose code the learner revealed, per exercise, in the order taken (`['2b', 'final']`).
   * Added after the first records were written, so it is optional: a record without it reads as
   * no hints taken, and it is written only once a hint is.
   */
  hints?: Partial<Record<ExerciseId, string[]>>;
}

/** A step's id in a lesson: '2b', 'shortcut', 'final', 'head'. */
const STEP_ID = /^[a-z0-9][a-z0-9-]{0,31}$/;
/** More steps than any lesson has: a longer list was not written by the course. */
const MAX_HINTS = 16;

const isHintList = (v: unknown) =>
  Array.isArray(v) && v.length <= MAX_HINTS && new Set(v).size === v.length && v.every((step) => typeof step === 'string' && STEP_ID.test(step));

/** Why a stored record was dropped: unreadable or of a foreign shape, or from an older version. */
export type ResetReason = 'corrupt' | 'old-version';

/** A value read back from storage; `reset` says why a stored record had to be dropped, if one did. */
export type Read<T> = { value: T; reset?: ResetReason };

const isExercise = (id: string): id is ExerciseId => (EXERCISES as readonly string[]).includes(id);
const isDate = (v: unknown) => typeof v === 'string' && v.length < 40 && !Number.isNaN(Date.parse(v));

/** The stored JSON: undefined when there is none, null when it is unreadable or absurdly long. */
function parse(text: string | null, limit: number): unknown {
  if (text === null) return undefined;
  if (text.length > limit) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** A record that fails validation is from an older version if it says so, corrupt otherwise. */
function reasonFor(raw: unknown): ResetReason {
  const version = typeof raw === 'object' && raw !== null ? (raw as { version?: unknown }).version : undefined;
  return Number.isInteger(version) && (version as number) >= 0 && (version as number) < PROGRESS_VERSION ? 'old-version' : 'corrupt';
}

/** What the reader is told when a record was reset, in the course's own words. */
export function resetNotice(what: 'progress' | 'draft', reason: ResetReason): string {
  const saved = what === 'progress' ? 'Your saved progress' : 'Your saved code for this exercise';
  const cause = reason === 'old-version' ? 'came from an older version of the course' : 'could not be read';
  const effect = what === 'progress' ? 'exercises you finished are no longer marked as done' : 'the cell starts again from the skeleton';
  return `${saved} ${cause}, so it was reset: ${effect}.`;
}

function safely<T>(run: () => T, fallback: T): T {
  try {
    return run();
  } catch {
    return fallback;
  }
}

/**
 * Reads progress; `reset` says why a stored record was unusable. With `repair` (the default) it
 * is also removed; without, it is left for the page's one repairing read to remove and report.
 */
export function readProgress(store: KeyValueStore, repair = true): Read<Progress> {
  const empty: Progress = { version: PROGRESS_VERSION, done: {} };
  const raw = parse(
    safely(() => store.getItem(PROGRESS_KEY), null),
    MAX_RECORD_CHARS.progress,
  );
  if (raw === undefined) return { value: empty };
  const record = raw as { version?: unknown; done?: unknown; hints?: unknown };
  const isMap = (v: unknown): v is object => typeof v === 'object' && v !== null && !Array.isArray(v);
  const valid =
    isMap(raw) &&
    record.version === PROGRESS_VERSION &&
    isMap(record.done) &&
    Object.entries(record.done).every(([id, at]) => isExercise(id) && isDate(at)) &&
    (record.hints === undefined || (isMap(record.hints) && Object.entries(record.hints).every(([id, steps]) => isExercise(id) && isHintList(steps))));
  if (!valid) {
    if (repair) safely(() => store.removeItem(PROGRESS_KEY), undefined);
    return { value: empty, reset: reasonFor(raw) };
  }
  const hints = record.hints as Progress['hints'];
  const value: Progress = { version: PROGRESS_VERSION, done: { ...(record.done as Progress['done']) } };
  if (hints && Object.keys(hints).length > 0) value.hints = Object.fromEntries(Object.entries(hints).map(([id, steps]) => [id, [...steps]]));
  return { value };
}

export function markDone(store: KeyValueStore, id: ExerciseId, at = new Date()): Progress {
  const { value } = readProgress(store);
  const next: Progress = { ...value, done: { ...value.done, [id]: at.toISOString() } };
  safely(() => store.setItem(PROGRESS_KEY, JSON.stringify(next)), undefined);
  return next;
}

/** The steps of `id` whose code the learner revealed, in the order taken. */
export function hintsTaken(progress: Progress, id: ExerciseId): readonly string[] {
  return progress.hints?.[id] ?? [];
}

/**
 * Records that the learner revealed the code of `step` (an id such as '2b') in exercise `id`.
 * Taking the same hint again changes nothing. Returns the progress as now stored.
 */
export function recordHint(store: KeyValueStore, id: ExerciseId, step: string): Progress {
  if (!isExercise(id)) throw new RangeError(`recordHint: id must be one of ${EXERCISES.join(', ')}; got ${JSON.stringify(id)}`);
  if (!STEP_ID.test(step)) throw new RangeError(`recordHint: step must be a short id in lower case, such as '2b' or 'final'; got ${JSON.stringify(step)}`);
  const { value } = readProgress(store);
  const taken = hintsTaken(value, id);
  if (taken.includes(step) || taken.length >= MAX_HINTS) return value;
  const next: Progress = { ...value, hints: { ...value.hints, [id]: [...taken, step] } };
  safely(() => store.setItem(PROGRESS_KEY, JSON.stringify(next)), undefined);
  return next;
}

/** The done mark's words: 'Done ✓', or 'Done ✓, with 2 hints' when the learner revealed steps. */
export function doneText(hints: number): string {
  return hints === 0 ? 'Done ✓' : `Done ✓, with ${hints} hint${hints === 1 ? '' : 's'}`;
}

export interface Draft {
  version: 1;
  source: string;
  savedAt: string;
}

/**
 * Whose draft: an exercise's graded cell, or a notebook cell, named `cell:<page>/<cell>` (the
 * lesson's slug and the cell's name on it), so drafts of cells on different pages never meet.
 */
export type DraftId = ExerciseId | `cell:${string}`;

/** Where a cell's draft in `language` is kept; TF.js drafts keep the key they had before Keras cells. */
export function draftKey(id: DraftId, language: Language): string {
  return language === 'tfjs' ? DRAFT_PREFIX + id : `${DRAFT_PREFIX}${id}:${language}`;
}

/** The saved draft of a cell in `language`, or null; a corrupt draft is removed and reported. */
export function readDraft(store: KeyValueStore, id: DraftId, language: Language): Read<string | null> {
  const key = draftKey(id, language);
  const raw = parse(
    safely(() => store.getItem(key), null),
    MAX_RECORD_CHARS.draft,
  );
  if (raw === undefined) return { value: null };
  const draft = raw as Partial<Draft>;
  const valid =
    typeof raw === 'object' &&
    raw !== null &&
    draft.version === PROGRESS_VERSION &&
    typeof draft.source === 'string' &&
    draft.source.length <= MAX_DRAFT_CHARS &&
    isDate(draft.savedAt);
  if (!valid) {
    safely(() => store.removeItem(key), undefined);
    return { value: null, reset: reasonFor(raw) };
  }
  return { value: draft.source as string };
}

/** Saves a draft; returns false when it could not be kept (too long, or storage refused it). */
export function saveDraft(store: KeyValueStore, id: DraftId, language: Language, source: string, at = new Date()): boolean {
  if (source.length > MAX_DRAFT_CHARS) return false;
  const draft: Draft = { version: PROGRESS_VERSION, source, savedAt: at.toISOString() };
  return safely(() => {
    store.setItem(draftKey(id, language), JSON.stringify(draft));
    return true;
  }, false);
}

export function clearDraft(store: KeyValueStore, id: DraftId, language: Language): void {
  safely(() => store.removeItem(draftKey(id, language)), undefined);
}

/** The reader's language for code: the label the site's code tabs stored, TF.js if none or unknown. */
export function readLanguage(store: KeyValueStore): Language {
  const label = safely(() => store.getItem(LANGUAGE_KEY), null);
  return LANGUAGES.find((language) => LANGUAGE_LABELS[language] === label) ?? 'tfjs';
}

/** Remembers the reader's language for code, for the cells and the code tabs of every page. */
export function saveLanguage(store: KeyValueStore, language: Language): void {
  safely(() => store.setItem(LANGUAGE_KEY, LANGUAGE_LABELS[language]), undefined);
}
