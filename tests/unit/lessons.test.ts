import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { LESSONS, lessonPath, sidebarLessons } from '../../src/lessons.mjs';

const DIR = join(__dirname, '../../src/content/docs/lessons');

/** A lesson page's frontmatter title and number, read from its text. */
function frontmatter(slug: string): { title: string | undefined; number: number | undefined } {
  const text = readFileSync(join(DIR, `${slug}.mdx`), 'utf8');
  const head = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
  const title = /^title:\s*"?(.*?)"?\s*$/m.exec(head)?.[1];
  const number = /^\s+number:\s*(\d+)\s*$/m.exec(head)?.[1];
  return { title, number: number === undefined ? undefined : Number(number) };
}

describe('the lesson list', () => {
  test('names every lesson page once, and no other', () => {
    const pages = readdirSync(DIR)
      .filter((file) => file.endsWith('.mdx'))
      .map((file) => file.slice(0, -'.mdx'.length));
    expect(LESSONS.map((lesson) => lesson.slug).sort()).toEqual(pages.sort());
  });

  test.each(LESSONS.map((lesson, i) => [i + 1, lesson.slug, lesson.title] as const))(
    'lesson %i (%s) is titled "%s" and numbered so on its page',
    (n, slug, title) => {
      expect(frontmatter(slug)).toEqual({ title, number: n });
    },
  );

  test('gives the sidebar its numbered labels and each lesson its address', () => {
    expect(sidebarLessons()).toEqual([
      { label: '1. Very deep networks', slug: 'lessons/deep-networks' },
      { label: '2. Residual networks', slug: 'lessons/residual-networks' },
      { label: '3. The identity block', slug: 'lessons/identity-block' },
      { label: '4. The convolutional block', slug: 'lessons/convolutional-block' },
      { label: '5. ResNet-50', slug: 'lessons/resnet50' },
      { label: '6. Training in the browser', slug: 'lessons/training' },
    ]);
    expect(LESSONS.map(lessonPath)).toEqual([
      '/lessons/deep-networks/',
      '/lessons/residual-networks/',
      '/lessons/identity-block/',
      '/lessons/convolutional-block/',
      '/lessons/resnet50/',
      '/lessons/training/',
    ]);
  });
});
