/**
 * The live components' part of the benchmark: an edit of the ResNet-50 explorer, and grading
 * each exercise with its reference solution.
 *
 * resnet50Edit: an edit of the ResNet-50 explorer's Height field. `editMedianMs` is the work one
 * edit costs the page: the input event's handlers (re-trace, DOM updates, URL update) plus the
 * style and layout they cause, forced with a read of offsetHeight. That is what must fit in a
 * frame (16 ms). `untilNextFrameMedianMs` also includes waiting for the next vsync, for reference.
 */
const RUNS = 100;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x) => Math.round(x * 100) / 100;

export async function benchResNet50Edit(page, baseURL, { summaryOpen }) {
  await page.goto(`${baseURL}/lessons/resnet50/`);
  await page.locator('resnet-resnet50-explorer').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => customElements.get('resnet-resnet50-explorer') !== undefined);
  if (summaryOpen) await page.locator('[data-full] summary').click();
  const samples = await page.evaluate(async (runs) => {
    const input = document.querySelector('resnet-resnet50-explorer input[name="H"]');
    const out = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      input.value = String(64 + (i % 32));
      input.dispatchEvent(new Event('input', { bubbles: true }));
      const t1 = performance.now();
      void document.body.offsetHeight; // style and layout, now rather than at the next frame
      const t2 = performance.now();
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      out.push({ handlers: t1 - t0, edit: t2 - t0, frame: performance.now() - t0 });
    }
    return out;
  }, RUNS);
  const warm = samples.slice(10); // the first edits include JIT warm-up
  const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)];
  return {
    runs: warm.length,
    editMedianMs: round(median(warm.map((s) => s.edit))),
    editP90Ms: round(p90(warm.map((s) => s.edit))),
    handlersMedianMs: round(median(warm.map((s) => s.handlers))),
    untilNextFrameMedianMs: round(median(warm.map((s) => s.frame))),
    withinOneFrame: median(warm.map((s) => s.edit)) <= 16,
  };
}

/** Presses Run checks `runs` times: the worker's own grading times, and click to result. */
async function gradeRuns(page, runs) {
  const worker = [];
  const roundTrip = [];
  for (let i = 0; i < runs; i++) {
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Run checks' }).click();
    await page.getByText('All checks passed').waitFor({ timeout: 120_000 });
    await page.waitForFunction(() => !document.querySelector('resnet-code-cell [data-run]')?.hasAttribute('disabled'));
    roundTrip.push(Date.now() - t0);
    worker.push(Number(await page.locator('resnet-code-cell [data-status]').getAttribute('data-ms')));
  }
  const backend = await page.locator('resnet-code-cell [data-status]').getAttribute('data-backend');
  return {
    runs,
    firstRunMs: worker[0],
    laterMedianMs: round(median(worker.slice(1))),
    workerMedianMs: round(median(worker)),
    roundTripMedianMs: round(median(roundTrip)),
    backend,
  };
}

/**
 * gradeExercise: the reference solution pasted into each code cell and graded, several times.
 * The worker reports its own grading time (TF.js in a Web Worker); the round trip adds
 * messaging and rendering.
 */
export async function benchGrading(page, baseURL, id, solution, runs = 3) {
  await page.goto(`${baseURL}/lessons/${id}/`);
  await page.locator('resnet-code-cell').scrollIntoViewIfNeeded();
  const editor = page.getByRole('textbox', { name: /^Code cell/ });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(solution);
  return gradeRuns(page, runs);
}

/**
 * A Keras cell: the reader picks Keras, Python (Pyodide) downloads and starts in the grader's
 * worker, then the Keras solution is graded `runs` times. `context` is a fresh browser context
 * for a cold cache (the first exercise), or a used one (Python from the browser's cache).
 */
export async function benchKeras(context, baseURL, id, runs = 4) {
  const page = await context.newPage();
  let bytes = 0;
  page.on('response', async (response) => {
    if (response.url().includes('/pyodide/')) bytes += Number((await response.allHeaders())['content-length'] ?? 0);
  });
  await page.goto(`${baseURL}/lessons/${id}/`);
  const cell = page.locator('resnet-code-cell');
  await cell.scrollIntoViewIfNeeded();
  await cell.getByRole('radio', { name: 'TF.js' }).waitFor();
  await page.waitForFunction(() => !document.querySelector('resnet-code-cell [data-run]')?.hasAttribute('disabled'));
  const t0 = Date.now();
  await cell.getByRole('radio', { name: 'Keras' }).check();
  await page.waitForFunction(() => document.querySelector('resnet-code-cell [data-python]')?.getAttribute('data-state') === 'ready', null, {
    timeout: 120_000,
  });
  const pythonReadyMs = Date.now() - t0;
  page.once('dialog', (dialog) => void dialog.accept());
  await cell.getByRole('button', { name: 'Show solution' }).click();
  const grading = await gradeRuns(page, runs);
  await page.close();
  return { pythonReadyMs, pyodideMB: round(bytes / 1e6), ...grading };
}
