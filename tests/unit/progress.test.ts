import { describe, expect, test } from 'vitest';
import {
  clearDraft,
  doneText,
  DRAFT_PREFIX,
  hintsTaken,
  LANGUAGE_KEY,
  markDone,
  PROGRESS_KEY,
  readDraft,
  readLanguage,
  readProgress,
  recordHint,
  resetNotice,
  saveDraft,
  saveLanguage,
  type KeyValueStore,
} from '../../src/lib/state/progress';

class MemoryStore implements KeyValueStore {
  data = new Map<string, string>();
  getItem = (key: string) => this.data.get(key) ?? null;
  setItem = (key: string, value: string) => void this.data.set(key, value);
  removeItem = (key: string) => void this.data.delete(key);
}

/** Storage that refuses everything, like a browser with storage disabled. */
const refusing: KeyValueStore = {
  getItem: () => {
    throw new Error('SecurityError');
  },
  setItem: () => {
    throw new Error('QuotaExceededError');
  },
  removeItem: () => {
    throw new Error('SecurityError');
  },
};

describe('progress', () => {
  test('starts empty and remembers a finished exercise', () => {
    const store = new MemoryStore();
    expect(readProgress(store)).toEqual({ value: { version: 1, done: {} } });
    markDone(store, 'identity-block', new Date('2026-11-26T12:00:00Z'));
    markDone(store, 'resnet50', new Date('2026-11-26T13:00:00Z'));
    expect(readProgress(store).value.done).toEqual({ 'identity-block': '2026-11-26T12:00:00.000Z', resnet50: '2026-11-26T13:00:00.000Z' });
  });

  test.each([
    ['not JSON', '{"version":1,', 'corrupt'],
    ['an older version', JSON.stringify({ version: 0, done: {} }), 'old-version'],
    ['an older version of another shape', JSON.stringify({ version: 0, finished: ['identity-block'] }), 'old-version'],
    ['a newer version', JSON.stringify({ version: 2, done: {} }), 'corrupt'],
    ['a version that is not a number', JSON.stringify({ version: '0', done: {} }), 'corrupt'],
    ['a foreign record', JSON.stringify({ theme: 'dark' }), 'corrupt'],
    ['an unknown exercise', JSON.stringify({ version: 1, done: { 'hack<script>': '2026-01-01' } }), 'corrupt'],
    ['a bad date', JSON.stringify({ version: 1, done: { resnet50: 'yesterday' } }), 'corrupt'],
    ['an array', JSON.stringify([1, 2]), 'corrupt'],
    ['null', 'null', 'corrupt'],
    ['a bare string', '"done"', 'corrupt'],
    ['a huge string', 'x'.repeat(2_000_000), 'corrupt'],
    ['huge valid-looking JSON', JSON.stringify({ version: 1, done: {}, padding: 'x'.repeat(20_000) }), 'corrupt'],
  ])('a bad record (%s) is reset and reported as %s, never thrown', (_label, text, reason) => {
    const store = new MemoryStore();
    store.setItem(PROGRESS_KEY, text);
    expect(readProgress(store, false)).toEqual({ value: { version: 1, done: {} }, reset: reason });
    expect(store.getItem(PROGRESS_KEY)).toBe(text); // left in place without repair
    expect(readProgress(store)).toEqual({ value: { version: 1, done: {} }, reset: reason });
    expect(store.getItem(PROGRESS_KEY)).toBeNull();
    expect(readProgress(store).reset).toBeUndefined();
  });

  test('storage that refuses everything leaves the course working, without memory', () => {
    expect(readProgress(refusing)).toEqual({ value: { version: 1, done: {} } });
    expect(() => markDone(refusing, 'identity-block')).not.toThrow();
    expect(saveDraft(refusing, 'identity-block', 'tfjs', 'x')).toBe(false);
    expect(readDraft(refusing, 'identity-block', 'tfjs')).toEqual({ value: null });
  });
});

describe('hints taken', () => {
  test('a record written before hints were kept still loads, with no hints', () => {
    const store = new MemoryStore();
    const old = JSON.stringify({ version: 1, done: { 'identity-block': '2026-11-26T12:00:00.000Z' } });
    store.setItem(PROGRESS_KEY, old);
    const read = readProgress(store);
    expect(read).toEqual({ value: { version: 1, done: { 'identity-block': '2026-11-26T12:00:00.000Z' } } });
    expect(hintsTaken(read.value, 'identity-block')).toEqual([]);
    expect(store.getItem(PROGRESS_KEY)).toBe(old);
  });

  test('each revealed step is recorded once, per exercise, in the order taken, beside the done marks', () => {
    const store = new MemoryStore();
    markDone(store, 'resnet50', new Date('2026-11-26T13:00:00Z'));
    recordHint(store, 'identity-block', 'final');
    recordHint(store, 'identity-block', '2b');
    recordHint(store, 'identity-block', 'final');
    const progress = recordHint(store, 'convolutional-block', 'shortcut');
    expect(progress.hints).toEqual({ 'identity-block': ['final', '2b'], 'convolutional-block': ['shortcut'] });
    expect(JSON.parse(store.getItem(PROGRESS_KEY) ?? '')).toEqual({
      version: 1,
      done: { resnet50: '2026-11-26T13:00:00.000Z' },
      hints: { 'identity-block': ['final', '2b'], 'convolutional-block': ['shortcut'] },
    });
    // Finishing an exercise keeps its hints.
    markDone(store, 'identity-block', new Date('2026-11-27T09:00:00Z'));
    expect(hintsTaken(readProgress(store).value, 'identity-block')).toEqual(['final', '2b']);
    expect(hintsTaken(readProgress(store).value, 'resnet50')).toEqual([]);
  });

  test.each([
    ['hints that are not a map', { hints: ['2b'] }],
    ['hints for an unknown exercise', { hints: { 'hack<script>': ['2b'] } }],
    ['a step that is not a string', { hints: { 'identity-block': [2] } }],
    ['a step with markup', { hints: { 'identity-block': ['<img>'] } }],
    ['a step taken twice', { hints: { 'identity-block': ['2b', '2b'] } }],
    ['too many steps', { hints: { 'identity-block': Array.from({ length: 17 }, (_, i) => `s${i}`) } }],
    ['hints of null', { hints: null }],
  ])('a record with %s is corrupt: reset and reported, never thrown', (_label, extra) => {
    const store = new MemoryStore();
    store.setItem(PROGRESS_KEY, JSON.stringify({ version: 1, done: { resnet50: '2026-11-26T13:00:00.000Z' }, ...extra }));
    expect(readProgress(store)).toEqual({ value: { version: 1, done: {} }, reset: 'corrupt' });
    expect(store.getItem(PROGRESS_KEY)).toBeNull();
  });

  test('a corrupt record is replaced by one holding the new hint', () => {
    const store = new MemoryStore();
    store.setItem(PROGRESS_KEY, '{"version":1,');
    expect(recordHint(store, 'resnet50', 'head')).toEqual({ version: 1, done: {}, hints: { resnet50: ['head'] } });
    expect(readProgress(store)).toEqual({ value: { version: 1, done: {}, hints: { resnet50: ['head'] } } });
  });

  test('a bad step id or exercise is refused with the argument named', () => {
    const store = new MemoryStore();
    expect(() => recordHint(store, 'identity-block', 'Step 2B')).toThrow(
      /recordHint: step must be a short id in lower case, such as '2b' or 'final'; got "Step 2B"/,
    );
    expect(() => recordHint(store, 'lesson-7' as 'resnet50', '2b')).toThrow(/recordHint: id must be one of identity-block, convolutional-block, resnet50/);
    expect(store.getItem(PROGRESS_KEY)).toBeNull();
  });

  test('storage that refuses everything: the hint is not kept, and nothing throws', () => {
    expect(recordHint(refusing, 'identity-block', '2b').hints).toEqual({ 'identity-block': ['2b'] });
    expect(readProgress(refusing).value.hints).toBeUndefined();
  });

  test.each([
    [0, 'Done ✓'],
    [1, 'Done ✓, with 1 hint'],
    [3, 'Done ✓, with 3 hints'],
  ])('the done mark with %i hints reads %s', (count, text) => {
    expect(doneText(count)).toBe(text);
  });
});

describe('drafts', () => {
  test('round-trip, and clear', () => {
    const store = new MemoryStore();
    expect(saveDraft(store, 'convolutional-block', 'tfjs', 'function convolutionalBlock() {}')).toBe(true);
    expect(readDraft(store, 'convolutional-block', 'tfjs')).toEqual({ value: 'function convolutionalBlock() {}' });
    clearDraft(store, 'convolutional-block', 'tfjs');
    expect(readDraft(store, 'convolutional-block', 'tfjs').value).toBeNull();
  });

  test.each([
    ['a source that is not text', JSON.stringify({ version: 1, source: 42, savedAt: '2026-11-26' }), 'corrupt'],
    ['not JSON', '{"version":1,"source":"function', 'corrupt'],
    ['an older version', JSON.stringify({ version: 0, source: 'function identityBlock() {}', savedAt: '2026-11-26' }), 'old-version'],
    ['a bare string', JSON.stringify('function identityBlock() {}'), 'corrupt'],
    ['an overlong source', JSON.stringify({ version: 1, source: 'x'.repeat(100_001), savedAt: '2026-11-26' }), 'corrupt'],
    ['a huge string', '<'.repeat(3_000_000), 'corrupt'],
  ])('a bad draft (%s) is removed and reported as %s', (_label, text, reason) => {
    const store = new MemoryStore();
    store.setItem(`${DRAFT_PREFIX}resnet50`, text);
    expect(readDraft(store, 'resnet50', 'tfjs')).toEqual({ value: null, reset: reason });
    expect(store.getItem(`${DRAFT_PREFIX}resnet50`)).toBeNull();
    expect(readDraft(store, 'resnet50', 'tfjs')).toEqual({ value: null });
  });

  test('a draft of the longest allowed source, full of characters JSON escapes, still reads back', () => {
    const store = new MemoryStore();
    const source = '"\\'.repeat(50_000);
    expect(saveDraft(store, 'resnet50', 'tfjs', source)).toBe(true);
    expect(readDraft(store, 'resnet50', 'tfjs')).toEqual({ value: source });
  });

  test('each language keeps a draft of its own; a TF.js draft keeps the key it always had', () => {
    const store = new MemoryStore();
    saveDraft(store, 'identity-block', 'tfjs', 'function identityBlock() {}');
    saveDraft(store, 'identity-block', 'keras', 'def identity_block(X, f, filters, stage, block):\n    pass');
    expect(readDraft(store, 'identity-block', 'tfjs')).toEqual({ value: 'function identityBlock() {}' });
    expect(readDraft(store, 'identity-block', 'keras')).toEqual({ value: 'def identity_block(X, f, filters, stage, block):\n    pass' });
    expect(JSON.parse(store.getItem(`${DRAFT_PREFIX}identity-block`) ?? '{}').source).toBe('function identityBlock() {}');
    clearDraft(store, 'identity-block', 'keras');
    expect(readDraft(store, 'identity-block', 'keras').value).toBeNull();
    expect(readDraft(store, 'identity-block', 'tfjs').value).toBe('function identityBlock() {}');
  });

  test('an overlong draft is not saved', () => {
    expect(saveDraft(new MemoryStore(), 'resnet50', 'tfjs', 'x'.repeat(100_001))).toBe(false);
  });
});

describe('the notice after a reset', () => {
  test.each([
    ['progress', 'corrupt', 'Your saved progress could not be read, so it was reset: exercises you finished are no longer marked as done.'],
    [
      'progress',
      'old-version',
      'Your saved progress came from an older version of the course, so it was reset: exercises you finished are no longer marked as done.',
    ],
    ['draft', 'corrupt', 'Your saved code for this exercise could not be read, so it was reset: the cell starts again from the skeleton.'],
    [
      'draft',
      'old-version',
      'Your saved code for this exercise came from an older version of the course, so it was reset: the cell starts again from the skeleton.',
    ],
  ] as const)('%s, %s', (what, reason, text) => expect(resetNotice(what, reason)).toBe(text));
});

describe('the language for code', () => {
  test('is shared with the code tabs, by their label', () => {
    const store = new MemoryStore();
    expect(readLanguage(store)).toBe('tfjs');
    saveLanguage(store, 'keras');
    expect(store.getItem(LANGUAGE_KEY)).toBe('Keras');
    expect(readLanguage(store)).toBe('keras');
    store.setItem(LANGUAGE_KEY, 'TF.js');
    expect(readLanguage(store)).toBe('tfjs');
  });

  test.each([
    ['a label no tab has', 'Fortran'],
    ['an empty value', ''],
  ])('%s reads as TF.js', (_label, value) => {
    const store = new MemoryStore();
    store.setItem(LANGUAGE_KEY, value);
    expect(readLanguage(store)).toBe('tfjs');
  });

  test('storage that refuses everything reads as TF.js, and saving does not throw', () => {
    expect(readLanguage(refusing)).toBe('tfjs');
    expect(() => saveLanguage(refusing, 'keras')).not.toThrow();
  });
});
