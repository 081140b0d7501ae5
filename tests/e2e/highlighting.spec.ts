/**
 * Code reads highlighted before the editor loads, and where it never does: the server sends it
 * coloured (HighlightedCode.astro), in both themes, and the editor keeps the same colours.
 * The colours are code-colors.css's; a keyword's is checked against plain text's and by value.
 */
import { test, expect } from './fixtures';
import type { Locator } from '@playwright/test';

/** The computed colour of the first token in `code` whose whole text is `word`. */
function colorOf(code: Locator, word: string): Promise<string> {
  return code.evaluate((root, word) => {
    const token = [...root.querySelectorAll('span')].find((span) => span.children.length === 0 && span.textContent?.trim() === word);
    if (!token) throw new Error(`no token ${word} in the code`);
    return getComputedStyle(token).color;
  }, word);
}

const KEYWORD = { dark: 'rgb(210, 168, 255)', light: 'rgb(106, 50, 201)' };

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  for (const theme of ['dark', 'light'] as const) {
    test(`the cell's code shows coloured tokens, ${theme} theme`, async ({ page }) => {
      await page.goto('/lessons/identity-block/');
      // Starlight's own script, which sets the theme, cannot run here; set it as that script would.
      await page.evaluate((theme) => (document.documentElement.dataset.theme = theme), theme);
      for (const [lang, keyword, start] of [
        ['tfjs', 'function', 'function identityBlock('],
        ['keras', 'def', 'def identity_block('],
      ] as const) {
        const code = page.locator(`resnet-code-cell pre[data-static-code][data-lang="${lang}"]`);
        // The pre's text is the skeleton itself, which a script may read back.
        expect(await code.textContent()).toMatch(new RegExp(`^${start.replace('(', '\\(')}`));
        const plain = await code.evaluate((pre) => getComputedStyle(pre).color);
        expect(await colorOf(code, keyword)).toBe(KEYWORD[theme]);
        expect(await colorOf(code, keyword)).not.toBe(plain);
      }
      await expect(page.locator('resnet-code-cell pre[data-lang="tfjs"]')).toBeVisible();
      // The notebook cells' code too: the assignment's first cell (its imports), the test cell's TF.js.
      for (const [name, lang, keyword] of [
        ["Notebook cell: The notebook's first cell", 'keras', 'import'],
        ['Notebook cell: Test identity_block', 'tfjs', 'const'],
      ] as const) {
        const code = page.locator(`resnet-notebook-cell pre[data-lang="${lang}"][aria-label="${name.replace(/"/g, '\\"')}"]`);
        expect(await colorOf(code, keyword)).toBe(KEYWORD[theme]);
      }
    });
  }
});

test('the editor that replaces the code keeps its colours', async ({ page }) => {
  await page.goto('/lessons/identity-block/');
  const cell = page.locator('resnet-code-cell');
  await cell.scrollIntoViewIfNeeded();
  const editor = cell.locator('.cm-content');
  await expect(editor).toBeVisible({ timeout: 30_000 });
  for (const theme of ['dark', 'light'] as const) {
    await page.evaluate((theme) => (document.documentElement.dataset.theme = theme), theme);
    expect(await colorOf(editor, 'function')).toBe(KEYWORD[theme]);
  }
});
