/**
 * `fit` in a notebook cell against the training lab, on the same model (the Tiny preset), batch
 * size (32), data and backend (the lab's own pick, which the kernel shares). A cell on the
 * ResNet-50 page trains once for one batch (the backend's warm-up, as the lab's first step, which
 * its images/s leave out), then times `fit` over `batches` batches of 32 and prints the rate; the
 * lab is measured by bench-training.mjs in the same run. Keras's `fit` and TF.js's `model.fit`
 * with the course's callbacks are both measured. Goal: within 10 % of the lab.
 */

const CELL = 'Predict one image';

const CODE = {
  keras: (batches) =>
    [
      'import time',
      "model = small_resnet('tiny')",
      "model.compile(optimizer='adam', loss='categorical_crossentropy', metrics=['accuracy'])",
      "X_train_orig, Y_train_orig, _, _, _ = load_dataset('fashion-mnist')",
      `X = X_train_orig[:${32 * batches}] / 255.`,
      `Y = convert_to_one_hot(Y_train_orig[:, :${32 * batches}], 10).T`,
      'model.fit(X[:32], Y[:32], epochs=1, batch_size=32, verbose=0)',
      't = time.perf_counter()',
      'model.fit(X, Y, epochs=1, batch_size=32, shuffle=False)',
      'print(f"BENCH {len(X) / (time.perf_counter() - t):.2f} images/s")',
    ].join('\n'),
  tfjs: (batches) =>
    [
      "const model = course.smallResNet('tiny');",
      "model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });",
      "const data = await course.loadDataset('fashion-mnist');",
      `const x = data.xTrain.slice([0, 0, 0, 0], [${32 * batches}, 28, 28, 1]).div(255);`,
      `const y = tf.oneHot(data.yTrain.slice([0], [${32 * batches}]), 10);`,
      'await model.fit(x.slice([0, 0, 0, 0], [32, 28, 28, 1]), y.slice([0, 0], [32, 10]), { epochs: 1, batchSize: 32 });',
      'const t = performance.now();',
      'await model.fit(x, y, { epochs: 1, batchSize: 32, shuffle: false, callbacks: course.fitCallbacks() });',
      'console.log(`BENCH ${((x.shape[0] / (performance.now() - t)) * 1000).toFixed(2)} images/s`);',
    ].join('\n'),
};

/** Trains the Tiny preset in a notebook cell in `language`; returns its images/s and the backend. */
export async function benchNotebookFit(context, baseURL, { language, batches }) {
  const page = await context.newPage();
  try {
    await page.goto(`${baseURL}/lessons/resnet50/`);
    // The reader's language is remembered across pages: pick this run's in the graded cell.
    const graded = page.locator('resnet-code-cell');
    await graded.scrollIntoViewIfNeeded();
    // Once the cell is live: before, the server's TF.js radio is checked whatever the reader picked.
    await graded.getByRole('textbox', { name: /^Code cell/ }).waitFor();
    await graded.getByRole('radio', { name: language === 'keras' ? 'Keras' : 'TF.js' }).check();
    const cell = page.locator('resnet-notebook-cell').filter({ has: page.getByText(CELL, { exact: true }) });
    await cell.scrollIntoViewIfNeeded();
    const editor = cell.getByRole('textbox', { name: `Notebook cell: ${CELL}` });
    await editor.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(CODE[language](batches));
    await cell.getByRole('button', { name: 'Run', exact: true }).click();
    const output = cell.locator('[data-output]');
    await cell
      .locator('[data-run-status]')
      .filter({ hasText: /^(Ran|Stopped|\w+Error) in/ })
      .waitFor({ timeout: 30 * 60_000 });
    const text = await output.innerText();
    const rate = text.match(/BENCH ([\d.]+) images\/s/);
    if (!rate) throw new Error(`the ${language} cell did not finish: ${text.slice(-500)}`);
    return { language, batches, batchSize: 32, imagesPerSecond: Number(rate[1]) };
  } finally {
    await page.close();
  }
}
