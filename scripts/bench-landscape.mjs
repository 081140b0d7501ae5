/**
 * The loss-landscape figure at its default settings, in headless Chromium as a reader opens it:
 * from pressing "Map the loss landscape" until both contour maps and the ratio are there (loading
 * the images, training both networks and evaluating both grids, in the figure's worker). Reports
 * the wall time, the backend, each surface's roughness and their ratio, as the page shows them.
 */
export async function benchLandscape(page, baseURL) {
  await page.goto(`${baseURL}/lessons/training/`);
  const figure = page.locator('resnet-loss-landscape');
  await figure.scrollIntoViewIfNeeded();
  const start = figure.getByRole('button', { name: 'Map the loss landscape' });
  await start.waitFor();
  await page.waitForFunction(() => !document.querySelector('resnet-loss-landscape [data-live-loading]'));
  const started = Date.now();
  await start.click();
  const done = figure.getByText(/^Done in /);
  await done.waitFor({ timeout: 30 * 60_000 });
  const ms = Date.now() - started;
  const read = async (selector) => ((await figure.locator(selector).textContent()) ?? '').trim();
  const roughness = async (network) => Number(/roughness ([\d.e+-]+)/.exec(await read(`[data-roughness="${network}"]`))?.[1] ?? NaN);
  const plain = await roughness('plain');
  const resnet = await roughness('resnet');
  const status = await read('[data-status]');
  return {
    settings: 'the figure’s defaults (see src/lib/train/landscape-experiment.ts)',
    wallMs: ms,
    workerSeconds: Number(/Done in ([\d.]+) s/.exec(status)?.[1] ?? NaN),
    titles: [await read('[data-title="plain"]'), await read('[data-title="resnet"]')],
    roughness: { plain, resnet },
    ratio: Math.round((1000 * plain) / resnet) / 1000,
    sentence: await read('[data-ratio]'),
  };
}

/**
 * The degradation experiment at its defaults (four networks, 120 steps each), as a reader runs it:
 * from pressing "Run the experiment" until it says it is done.
 */
export async function benchDegradation(page, baseURL) {
  await page.goto(`${baseURL}/lessons/training/`);
  const experiment = page.locator('resnet-degradation');
  await experiment.scrollIntoViewIfNeeded();
  const run = experiment.getByRole('button', { name: 'Run the experiment' });
  await run.waitFor();
  await page.waitForFunction(() => !document.querySelector('resnet-degradation [data-live-loading]'));
  const started = Date.now();
  await run.click();
  await experiment.getByText(/^Done: /).waitFor({ timeout: 30 * 60_000 });
  return { settings: 'its defaults: shallow 0 and deep 4 identity blocks per stage, 120 steps per network', wallMs: Date.now() - started };
}
