import { describe, expect, test } from 'vitest';
import { clearDraft, DRAFT_PREFIX, markDone, PROGRESS_KEY, readDraft, readProgress, saveDraft, type KeyValueStore } from '../../src/lib/state/progress';

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
    expect(readProgress(store)).toEqual({ value: { version: 1, done: {} }, reset: false });
    markDone(store, 'identity-block', new Date('2026-11-26T12:00:00Z'));
    markDone(store, 'resnet50', new Date('2026-11-26T13:00:00Z'));
    expect(readProgress(store).value.done).toEqual({ 'identity-block': '2026-11-26T12:00:00.000Z', resnet50: '2026-11-26T13:00:00.000Z' });
  });

  test.each([
    ['not JSON', '{"version":1,'],
    ['an older version', JSON.stringify({ version: 0, done: {} })],
    ['a foreign record', JSON.stringify({ theme: 'dark' })],
    ['an unknown exercise', JSON.stringify({ version: 1, done: { 'hack<script>': '2026-01-01' } })],
    ['a bad date', JSON.stringify({ version: 1, done: { resnet50: 'yesterday' } })],
    ['an array', JSON.stringify([1, 2])],
    ['null', 'null'],
  ])('a corrupt record (%s) is reset and reported, never thrown', (_label, text) => {
    const store = new MemoryStore();
    store.setItem(PROGRESS_KEY, text);
    expect(readProgress(store, false)).toEqual({ value: { version: 1, done: {} }, reset: true });
    expect(store.getItem(PROGRESS_KEY)).toBe(text); // left in place without repair
    expect(readProgress(store)).toEqual({ value: { version: 1, done: {} }, reset: true });
    expect(store.getItem(PROGRESS_KEY)).toBeNull();
    expect(readProgress(store).reset).toBe(false);
  });

  test('storage that refuses everything leaves the course working, without memory', () => {
    expect(readProgress(refusing)).toEqual({ value: { version: 1, done: {} }, reset: false });
    expect(() => markDone(refusing, 'identity-block')).not.toThrow();
    expect(saveDraft(refusing, 'identity-block', 'x')).toBe(false);
    expect(readDraft(refusing, 'identity-block')).toEqual({ value: null, reset: false });
  });
});

describe('drafts', () => {
  test('round-trip, and clear', () => {
    const store = new MemoryStore();
    expect(saveDraft(store, 'convolutional-block', 'function convolutionalBlock() {}')).toBe(true);
    expect(readDraft(store, 'convolutional-block')).toEqual({ value: 'function convolutionalBlock() {}', reset: false });
    clearDraft(store, 'convolutional-block');
    expect(readDraft(store, 'convolutional-block').value).toBeNull();
  });

  test('a corrupt draft is reset and reported', () => {
    const store = new MemoryStore();
    store.setItem(`${DRAFT_PREFIX}resnet50`, JSON.stringify({ version: 1, source: 42, savedAt: '2026-11-26' }));
    expect(readDraft(store, 'resnet50')).toEqual({ value: null, reset: true });
  });

  test('an overlong draft is not saved', () => {
    expect(saveDraft(new MemoryStore(), 'resnet50', 'x'.repeat(100_001))).toBe(false);
  });
});
