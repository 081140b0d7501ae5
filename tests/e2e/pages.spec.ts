import { mkdirSync } from 'node:fs';
import { LESSONS, OTHER_PAGES, expect, test } from './fixtures';

const PAGES = [{ path: '/', title: 'ResNet, live' }, ...LESSONS, ...OTHER_PAGES];
const shots = 'test-results/screenshots';

test.describe('every page renders', () => {
  for (const { path, title } of PAGES) {
    test(`${path} renders its lesson without console errors`, async ({ page }, testInfo) => {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
      await expect(page.locator('main')).not.toBeEmpty();
      // Scroll through as a reader would: each live component loads as it nears the screen.
      await page.evaluate(async () => {
        for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight / 2) {
          window.scrollTo(0, y);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      });
      await expect(page.getByRole('status').filter({ hasText: /^\s*Loading the live/ })).toHaveCount(0);
      mkdirSync(shots, { recursive: true });
      const file = `${shots}/${path === '/' ? 'home' : path.split('/').filter(Boolean).at(-1)}.png`;
      await page.screenshot({ path: file, fullPage: true });
      await testInfo.attach('page', { path: file, contentType: 'image/png' });
    });
  }
});

test('the sidebar lists the lessons in course order', async ({ page }) => {
  await page.goto('/');
  const sidebar = page.getByRole('navigation', { name: 'Main' });
  const links = sidebar.getByRole('link').filter({ hasText: /^\s*\d\.\s/ });
  await expect(links).toHaveText(LESSONS.map((lesson, i) => new RegExp(`${i + 1}\\. ${lesson.title}`)));
  for (const [i, lesson] of LESSONS.entries()) await expect(links.nth(i)).toHaveAttribute('href', lesson.path);
});

test('the home page lists the six lessons in order, with a line each', async ({ page }) => {
  await page.goto('/');
  const items = page.locator('main ol.lesson-list > li');
  await expect(items).toHaveCount(6);
  for (const [i, lesson] of LESSONS.entries()) {
    await expect(items.nth(i).getByRole('link')).toHaveAttribute('href', lesson.path);
    // The title, then a one-line summary of at least five words.
    await expect(items.nth(i)).toContainText(new RegExp(`${lesson.title}[^.]*\\s+\\S+(\\s+\\S+){4,}`));
  }
});

test('previous and next links walk the lessons in order', async ({ page }) => {
  await page.goto('/lessons/identity-block/');
  await expect(page.getByRole('link', { name: /Next.*The convolutional block/ })).toHaveAttribute('href', '/lessons/convolutional-block/');
  await expect(page.getByRole('link', { name: /Previous.*Residual networks/ })).toHaveAttribute('href', '/lessons/residual-networks/');
});

test('each page names itself once in the title bar: the home page by the course, a lesson by its title and the course', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle('ResNet, live');
  await page.goto(LESSONS[0]!.path);
  await expect(page).toHaveTitle(`${LESSONS[0]!.title} | ResNet, live`);
});
