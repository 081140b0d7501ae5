/**
 * The notebook cells, in both languages, as a reader coming from Jupyter uses them: the graded
 * function, then the test cell under it; print and model.summary(); a flood of output; fit with its
 * progress line, chart and History; Stop; Restart; drafts kept across a reload.
 */
import { SOLUTIONS } from '../../src/lib/grading/solutions';
import type { Language } from '../../src/lib/course';
import { seriousViolationsInBothThemes } from './axe';
import { openInKeras, PYTHON_SOLUTIONS, runChecks, setCode } from './cells';
import { expect, test } from './fixtures';
import { editorOf, notebookCell, outputOf, runCell, typeInto } from './notebook';

const LANGUAGES: Language[] = ['tfjs', 'keras'];
const solution = (language: Language, id: keyof typeof SOLUTIONS) => (language === 'keras' ? PYTHON_SOLUTIONS[id] : SOLUTIONS[id]);

async function open(page: import('@playwright/test').Page, path: string, language: Language) {
  if (language === 'keras') await openInKeras(page, path);
  else await page.goto(path);
}

/** Code for each language, by what it does. */
const CODE = {
  flood: {
    tfjs: 'for (let i = 0; i < 200000; i++) console.log(`line ${i}`);',
    keras: 'for i in range(200000):\n    print(f"line {i}")',
  },
  restartCheck: { tfjs: 'identityBlock', keras: 'identity_block' },
  tinyFit: {
    tfjs: [
      "const model = course.smallResNet('tiny');",
      "model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });",
      "const data = await course.loadDataset('fashion-mnist');",
      'const x = data.xTrain.slice([0, 0, 0, 0], [64, 28, 28, 1]).div(255);',
      'const y = tf.oneHot(data.yTrain.slice([0], [64]), 10);',
      'const history = await model.fit(x, y, { epochs: EPOCHS, batchSize: 16, callbacks: course.fitCallbacks() });',
      'history.history',
    ].join('\n'),
    keras: [
      "model = small_resnet('tiny')",
      "model.compile(optimizer='adam', loss='categorical_crossentropy', metrics=['accuracy'])",
      "X_train_orig, Y_train_orig, X_test_orig, Y_test_orig, classes = load_dataset('fashion-mnist')",
      'X = X_train_orig[:64] / 255.',
      'Y = convert_to_one_hot(Y_train_orig[:, :64], 10).T',
      'history = model.fit(X, Y, epochs=EPOCHS, batch_size=16)',
      'history.history',
    ].join('\n'),
  },
};

for (const language of LANGUAGES) {
  const keras = language === 'keras';
  test.describe(`notebook cells in ${keras ? 'Keras' : 'TF.js'}`, () => {
    test('the graded function, then the test cell prints what the course’s solution prints; Restart clears the names', async ({ page }) => {
      test.setTimeout(keras ? 240_000 : 120_000);
      await open(page, '/lessons/identity-block/', language);
      const first = notebookCell(page, "The notebook's first cell");
      await first.scrollIntoViewIfNeeded();
      await runCell(first);
      await expect(first.locator('[data-run-status]')).toHaveText(/^Ran in/);
      await expect(first.getByText('[1]', { exact: true })).toBeVisible();
      if (keras) await expect(outputOf(first)).toContainText('Skipped %matplotlib inline');
      else await expect(outputOf(first)).toContainText(/TF\.js 4\.22\.0, computing on the \w+ backend/);

      await setCode(page, solution(language, 'identity-block'));
      await runChecks(page);
      await expect(page.getByText('All checks passed')).toBeVisible();

      const testCell = notebookCell(page, 'Test identity_block');
      await testCell.scrollIntoViewIfNeeded();
      await runCell(testCell);
      await expect(testCell.locator('[data-run-status]')).toHaveText(/^Ran in/);
      const output = outputOf(testCell);
      await expect(output).toContainText(keras ? 'out.shape = (3, 4, 4, 6)' : 'out.shape = [ 3, 4, 4, 6 ]');
      const expected = testCell.locator('[data-expected]');
      await expect(expected).toContainText('out.shape');
      await expect(expected.locator('pre').first()).toHaveText(await output.locator('pre').first().innerText());

      await testCell.getByRole('button', { name: 'Restart' }).click();
      await expect(testCell.getByText(/Restarted the .* kernel/)).toBeVisible();
      await typeInto(page, 'Test identity_block', CODE.restartCheck[language]);
      await runCell(testCell);
      await expect(outputOf(testCell)).toContainText(
        keras ? "NameError: name 'identity_block' is not defined" : 'ReferenceError: identityBlock is not defined',
      );
      await expect(testCell.getByText('[1]', { exact: true })).toBeVisible();
    });

    test('a flood of output is cut with a count, the page responds, and a draft survives a reload', async ({ page }) => {
      test.setTimeout(keras ? 240_000 : 120_000);
      await open(page, '/lessons/convolutional-block/', language);
      const cell = await typeInto(page, "The notebook's first cell", CODE.flood[language]);
      await runCell(cell);
      await expect(outputOf(cell)).toContainText('line 0');
      await expect(outputOf(cell).getByText(/output cut: [\d,]+ more lines/)).toBeVisible();
      await expect(outputOf(cell)).not.toContainText('line 199999');
      // The page answers: the editor takes typing at once.
      const editor = editorOf(cell, "The notebook's first cell");
      await editor.click();
      await page.keyboard.press('ControlOrMeta+End');
      await page.keyboard.insertText('\n# kept');
      await expect(editor).toContainText('# kept');
      await page.reload();
      if (keras) await openInKeras(page, '/lessons/convolutional-block/');
      const again = notebookCell(page, "The notebook's first cell");
      await again.scrollIntoViewIfNeeded();
      await expect(editorOf(again, "The notebook's first cell")).toContainText('# kept');
    });

    test('fit on Tiny shows the progress line, a live chart and the History; Stop ends a long fit', async ({ page }) => {
      test.setTimeout(keras ? 300_000 : 180_000);
      await open(page, '/lessons/resnet50/', language);
      const title = 'Predict one image';
      const cell = await typeInto(page, title, CODE.tinyFit[language].replace('EPOCHS', '1'));
      await runCell(cell, 180_000);
      await expect(cell.locator('[data-run-status]')).toHaveText(/^Ran in/);
      const output = outputOf(cell);
      await expect(output).toContainText('Epoch 1/1');
      await expect(output).toContainText(/4\/4 \[=+\] - .*loss: \d\.\d{4}/);
      await expect(output.getByRole('img', { name: 'Loss per training step' })).toBeVisible();
      await expect(output.getByText(/^Trained: Epoch 1 of 1, batch 4 of 4/)).toBeVisible();
      await expect(output).toContainText(keras ? "'loss': [" : 'loss: [');
      // Axe on a cell with output (text, a chart, a value), in both themes.
      expect(await seriousViolationsInBothThemes(page, 'resnet-notebook-cell')).toEqual([]);

      // Long enough that Stop comes first: Tiny trains an epoch of 64 images in a fraction of a second.
      await typeInto(page, title, CODE.tinyFit[language].replace('EPOCHS', '100000'));
      await cell.getByRole('button', { name: 'Run', exact: true }).click();
      await expect(output.getByText(/^Epoch \d+ of 100000, batch \d+ of 4/)).toBeVisible({ timeout: 120_000 });
      await cell.getByRole('button', { name: 'Stop' }).click();
      await expect(cell.locator('[data-run-status]')).toHaveText(/^(Stopped|KeyboardInterrupt)/, { timeout: 30_000 });
      await expect(output).not.toContainText('Epoch 100000/100000');
      await expect(output.getByText(/^Stopped: Epoch \d+ of 100000/)).toBeVisible();
    });
  });
}

for (const language of LANGUAGES) {
  test(`the ResNet-50 page in ${language === 'keras' ? 'Keras' : 'TF.js'}: the graded model, then model.summary() prints Keras’s table and totals`, async ({
    page,
  }) => {
    test.setTimeout(language === 'keras' ? 300_000 : 120_000);
    await open(page, '/lessons/resnet50/', language);
    await runCell(notebookCell(page, "The notebook's first cell"));
    await setCode(page, solution(language, 'resnet50'));
    await runChecks(page);
    await expect(page.getByText('All checks passed')).toBeVisible();
    const build = notebookCell(page, 'Build ResNet-50 and print its summary');
    await runCell(build);
    const output = outputOf(build);
    await expect(output).toContainText('Model: "ResNet50"');
    await expect(output).toContainText(/Total params: 23,600,006\s+Trainable params: 23,546,886\s+Non-trainable params: 53,120/);
  });
}
