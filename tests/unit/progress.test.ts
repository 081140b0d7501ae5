import { describe, expect, test } from 'vitest';
import {
  clearDraft,
  DRAFT_PREFIX,
  LANGUAGE_KEY,
  markDone,
  PROGRESS_KEY,
  readDraft,
  readLanguage,
  readProgress,
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
