/**
 * Saved data that cannot be used: progress and code drafts in localStorage that are not JSON, of
 * the wrong shape, from an older version of the course or absurdly long, and a kept model in
 * IndexedDB that is damaged. Each is reset, the reader is told in a status message where it
 * matters, and the page works as if nothing had been saved.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { whenLive } from './live';

/** Where the course keeps progress and drafts in localStorage. */
const PROGRESS_KEY = 'resnet-live:progress';
const DRAFT_PREFIX = 'resnet-live:draft:';
const EXERCISES = ['identity-block', 'convolutional-block', 'resnet50'];

/** Each kind of unusable record, and what the reader is told when it is reset: for progress, for a draft. */
const UNREADABLE = {
  progress: 'Your saved progress could not be read, so it was reset: exercises you finished are no longer marked as done.',
  draft: 'Your saved code for this exercise could not be read, so it was reset: the cell starts again from the skeleton.',
};
const OLD = {
  progress: 'Your saved progress came from an older version of the course, so it was reset: exercises you finished are no longer marked as done.',
  draft: 'Your saved code for this exercise came from an older version of the course, so it was reset: the cell starts again from the skeleton.',
};
const GARBAGE = [
  { kind: 'not JSON', text: '{"version": 1, "done": {', notice: UNREADABLE },
  { kind: 'the wrong shape', text: JSON.stringify({ version: 'one', done: ['identity-block'] }), notice: UNREADABLE },
  {
    kind: 'an older version',
    text: JSON.stringify({ version: 0, done: { 'identity-block': '2025-01-01T00:00:00.000Z' }, source: 'function identityBlock() {}' }),
    notice: OLD,
  },
  { kind: 'a huge string', text: `<script>${'x'.repeat(1_000_000)}`, notice: UNREADABLE },
];
/** Any reset notice, progress or draft: a page with nothing to reset shows none. */
const ANY_NOTICE = /^Your saved .*, so it was reset: /;

/** Puts `text` under `key` before the page's own scripts run, then loads the page afresh. */
async function seed(page: Page, path: string, key: string, text: string) {
  await page.goto(path);
  await page.evaluate(([key, text]) => localStorage.setItem(key, text), [key, text] as [string, string]);
  await page.reload();
}

const stored = (page: Page, key: string) => page.evaluate((key) => localStorage.getItem(key), key);

const PAGES = ['/', '/lessons/deep-networks/', '/lessons/identity-block/', '/lessons/training/'];

test.describe('saved progress that cannot be used', () => {
  for (const [i, { kind, text, notice: says }] of GARBAGE.entries()) {
    const path = PAGES[i % PAGES.length]!;
    test(`${kind}: ${path} resets it and says so under the title`, async ({ page }) => {
      await seed(page, path, PROGRESS_KEY, text);
      const notice = page.getByRole('status').filter({ hasText: says.progress });
      await expect(notice).toBeVisible();
      // Under the page title, before the lesson.
      expect(await notice.evaluate((el) => el.previousElementSibling?.localName)).toBe('h1');
      // Removed, not rewritten: the next page starts with no progress at all.
      expect(await stored(page, PROGRESS_KEY)).toBeNull();
      await expect(page.locator('.exercise-done')).toHaveCount(0);
      await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /1\. Very deep networks/ })).toBeVisible();
      await page.reload();
      await expect(page.getByText(says.progress)).toBeHidden();
    });
  }

  test('a valid record is kept, marked, and raises no notice', async ({ page }) => {
    await seed(page, '/', PROGRESS_KEY, JSON.stringify({ version: 1, done: { resnet50: '2026-11-26T12:00:00.000Z' } }));
    await expect(page.locator('main .lesson-list a[href="/lessons/resnet50/"] .exercise-done')).toBeVisible();
    await expect(page.getByText(ANY_NOTICE)).toBeHidden();
    expect(await stored(page, PROGRESS_KEY)).toContain('resnet50');
  });
});

test.describe('a saved code draft that cannot be used', () => {
  for (const id of EXERCISES) {
    test(`${id}: each kind of bad draft is reset, with a notice in the cell`, async ({ page }) => {
      test.setTimeout(90_000);
      const key = DRAFT_PREFIX + id;
      const cell = page.locator('resnet-code-cell');
      const editor = page.getByRole('textbox', { name: /^Code cell/ });
      for (const { text, notice } of GARBAGE) {
        await seed(page, `/lessons/${id}/`, key, text);
        await cell.scrollIntoViewIfNeeded();
        await expect(cell.getByRole('status').filter({ hasText: notice.draft })).toBeVisible();
        await expect(editor).toContainText('YOUR CODE HERE');
        await expect(cell.getByRole('button', { name: 'Run checks' })).toBeEnabled();
        expect(await stored(page, key)).toBeNull();
        // The draft's notice is in the cell; progress was never touched, so none under the title.
        await expect(page.getByText(/^Your saved progress /)).toBeHidden();
      }
    });
  }

  test('a valid draft comes back with no notice', async ({ page }) => {
    const key = `${DRAFT_PREFIX}identity-block`;
    await seed(page, '/lessons/identity-block/', key, JSON.stringify({ version: 1, source: '// kept draft', savedAt: '2026-11-26T12:00:00.000Z' }));
    await page.locator('resnet-code-cell').scrollIntoViewIfNeeded();
    await expect(page.getByRole('textbox', { name: /^Code cell/ })).toContainText('// kept draft');
    await expect(page.getByText(ANY_NOTICE)).toBeHidden();
  });
});

/** Writes a record into the kept-model slot the way TF.js lays it out in IndexedDB. */
async function seedKeptModel(page: Page, artifacts: unknown) {
  await page.evaluate(
    (artifacts) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('tensorflowjs', 1);
        open.onupgradeneeded = () => {
          open.result.createObjectStore('models_store', { keyPath: 'modelPath' });
          open.result.createObjectStore('model_info_store', { keyPath: 'modelPath' });
        };
        open.onerror = () => reject(open.error ?? new Error('indexedDB.open failed'));
        open.onsuccess = () => {
          const tx = open.result.transaction(['models_store', 'model_info_store'], 'readwrite');
          tx.objectStore('models_store').put({ modelPath: 'resnet-live-model', modelArtifacts: artifacts });
          tx.objectStore('model_info_store').put({ modelPath: 'resnet-live-model', modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } });
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error ?? new Error('the transaction failed'));
        };
      }),
    artifacts,
  );
}

test('a damaged kept model is removed with a clear message when loading it', async ({ page }) => {
  test.setTimeout(30_000);
  await page.goto('/lessons/training/');
  const lab = page.locator('resnet-training-lab');
  await whenLive(lab, lab.getByLabel('batch size', { exact: true }));
  const load = lab.getByRole('button', { name: 'Load the kept model' });
  const status = lab.getByRole('status', { name: 'Kept model' });
  for (const artifacts of [
    'not a model',
    {
      modelTopology: { class_name: 'Model', config: { layers: [{ class_name: 'NoSuchLayer', config: {} }] } },
      weightSpecs: [],
      weightData: new ArrayBuffer(3),
    },
    { modelTopology: '<script>alert(1)</script>', weightSpecs: 42 },
  ]) {
    await seedKeptModel(page, artifacts);
    await load.click();
    await expect(status).toHaveText(/^The model kept in this browser could not be read .*so it was removed/);
    await load.click();
    await expect(status).toHaveText('No model is kept in this browser yet: train one and press Keep in this browser.');
  }
  await expect(lab.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
});

test('where the browser allows no IndexedDB (some private windows), the lab says so instead of "removed"', async ({ page }) => {
  // What such browsers do: opening any database fails at once.
  await page.addInitScript(() => {
    IDBFactory.prototype.open = () => {
      throw new DOMException('The user denied permission to access the database.', 'SecurityError');
    };
  });
  await page.goto('/lessons/training/');
  const lab = page.locator('resnet-training-lab');
  await whenLive(lab, lab.getByLabel('batch size', { exact: true }));
  await lab.getByRole('button', { name: 'Load the kept model' }).click();
  const status = lab.getByRole('status', { name: 'Kept model' });
  await expect(status).toHaveText(/^This browser keeps no model: this browser does not let pages keep data .* download the model instead/);
  await expect(status).not.toContainText('removed');
});
