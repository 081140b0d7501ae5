/**
 * Threads on any static host: served with no headers at all (the `no-headers` project), a lesson
 * page becomes cross-origin isolated once the site's service worker has taken it over, after one
 * early reload on the first visit; the next page is isolated from its first load, the lab trains
 * there, and the site's <meta> policy still stops every request to another host. Where service
 * workers are blocked, nothing changes: the page stays as a plain static host serves it, and the
 * lab still trains, on one WebAssembly thread.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { tinyRun, trainingLab } from './training-lab';

/** Whether the page is isolated now; null while a reload has no page to ask. */
const isolation = (page: Page) => () => page.evaluate(() => self.crossOriginIsolated).catch(() => null);

/** The scope of the service worker that controls the page, or null. */
const workerScope = (page: Page) => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope ?? null);

/** Leaves a mark on the page's window: gone if the page reloads. */
const mark = (page: Page) => page.evaluate(() => ((window as unknown as { marked: boolean }).marked = true));
const stillMarked = (page: Page) => page.evaluate(() => (window as unknown as { marked?: boolean }).marked === true);

/** Trains the Tiny preset for three batches and returns the lab's engine line once it is done. */
async function trainTiny(page: Page): Promise<string> {
  const { train, engine } = trainingLab(page);
  await train.click();
  await expect(page.getByText('Done. Results below.')).toBeVisible({ timeout: 50_000 });
  await expect(page.getByText(/^Test accuracy: \d+\.\d % on 500 test images\.$/)).toBeVisible();
  return (await engine.textContent()) ?? '';
}

/** Whether the lab's training worker may share memory, which WebAssembly's threads need. */
async function trainerIsolated(page: Page): Promise<boolean> {
  const trainer = page.workers().find((w) => w.url().includes('trainer'));
  expect(trainer, 'the training worker').toBeDefined();
  return trainer!.evaluate(() => self.crossOriginIsolated && typeof SharedArrayBuffer === 'function');
}

test.describe('with service workers', () => {
  test.use({ serviceWorkers: 'allow' });

  test('a lesson page becomes isolated once the worker takes over; the next page is isolated from its first load, and the lab trains there', async ({
    page,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    let loads = 0;
    page.on('framenavigated', (frame) => void (frame === page.mainFrame() && loads++));
    await page.goto('/lessons/training/');
    await expect.poll(isolation(page), { message: 'the page is cross-origin isolated', timeout: 30_000 }).toBe(true);
    expect(loads, 'the first load and one reload').toBe(2);
    expect(await workerScope(page)).toBe(`${baseURL}/`);

    // The worker now serves the page: opening it again takes no reload, so nothing the reader
    // does there is lost. The mark set on arrival is still there after a whole training run.
    await tinyRun(page);
    expect(await isolation(page)()).toBe(true);
    await mark(page);
    const engine = await trainTiny(page);
    expect(await stillMarked(page), 'the page was not reloaded').toBe(true);
    expect(await trainerIsolated(page)).toBe(true);
    // TF.js starts half the logical cores as threads: one on a machine of two or three cores.
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const threads = Number(engine.match(/^Backend: wasm \((\d+) threads?, SIMD\), in a background thread\./)?.[1]);
    expect(threads, engine).toBeGreaterThanOrEqual(1);
    if (cores < 4) expect(threads, `${cores} cores`).toBe(1);
  });

  // Its own page: the browser reports each refused request as a console error, which the shared
  // fixture would count as a failure; here they are what the test expects to see.
  test('the site’s policy still stops requests to another host, from the page and from a worker it starts', async ({ browser, baseURL }) => {
    let connections = 0;
    const server = createServer((_request, response) => response.end('reached'));
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/exfil`;
    const context = await browser.newContext({ serviceWorkers: 'allow', baseURL });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => void (message.type() === 'error' && errors.push(message.text())));
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      await page.goto('/lessons/deep-networks/');
      await expect.poll(isolation(page), { timeout: 30_000 }).toBe(true);
      const outcomes = await page.evaluate(async (target) => {
        const fromPage = await fetch(target).then(
          () => 'reached',
          (error: Error) => error.name,
        );
        const source = `fetch(${JSON.stringify(target)}).then(() => postMessage('reached'), (e) => postMessage(e.name));`;
        const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
        const fromWorker = await new Promise((resolve) => (worker.onmessage = (event) => resolve(event.data)));
        worker.terminate();
        return [fromPage, fromWorker];
      }, url);
      expect(outcomes).toEqual(['TypeError', 'TypeError']);
      expect(connections, 'connections that reached the listener').toBe(0);
      expect(errors.length, 'the browser names the refused request').toBeGreaterThan(0);
      for (const error of errors) expect(error).toMatch(/Content Security Policy/);
    } finally {
      await context.close();
      server.close();
    }
  });
});

test('where the host sends the headers itself, the page registers no worker', async ({ browser }) => {
  // The server that sends COOP/COEP (the `chromium` project's), beside this project's bare one.
  const context = await browser.newContext({ serviceWorkers: 'allow', baseURL: `http://localhost:${process.env.E2E_PORT ?? 4322}` });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => void (message.type() === 'error' && errors.push(message.text())));
  // Counts calls to register() from the page's first script on.
  await page.addInitScript(() => {
    const register = ServiceWorkerContainer.prototype.register;
    ServiceWorkerContainer.prototype.register = function (...args: Parameters<typeof register>) {
      (window as unknown as { registrations?: number }).registrations = ((window as unknown as { registrations?: number }).registrations ?? 0) + 1;
      return register.apply(this, args);
    };
  });
  try {
    await page.goto('/lessons/deep-networks/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(await isolation(page)()).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { registrations?: number }).registrations ?? 0)).toBe(0);
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
});

test.describe('with service workers blocked', () => {
  test.use({ serviceWorkers: 'block' });

  test('the page stays as a plain static host serves it, and the lab still trains on one thread', async ({ page }) => {
    test.setTimeout(90_000);
    await tinyRun(page);
    await mark(page);
    const engine = await trainTiny(page);
    expect(await stillMarked(page), 'the page was not reloaded').toBe(true);
    expect(await isolation(page)()).toBe(false);
    expect(await workerScope(page)).toBeNull();
    expect(await trainerIsolated(page)).toBe(false);
    expect(engine).toMatch(/^Backend: wasm \(1 thread, SIMD\), in a background thread\./);
  });
});
