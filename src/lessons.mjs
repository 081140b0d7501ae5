/**
 * The course's lessons in order: the one list that the sidebar (astro.config.mjs), the browser
 * tests (tests/e2e/fixtures.ts) and the page-weight script (scripts/page-weight.mjs) read, so a
 * lesson added, renamed or moved changes in one place. Plain JavaScript with its types beside it
 * (lessons.d.mts), because astro.config.mjs and scripts/ load it on plain Node, with no
 * TypeScript step. `title` is the lesson page's own frontmatter title; tests/unit/lessons.test.ts
 * checks that the two agree, and that the pages are numbered in this order.
 */

export const LESSONS = Object.freeze([
  { slug: 'deep-networks', title: 'Very deep networks' },
  { slug: 'residual-networks', title: 'Residual networks' },
  { slug: 'identity-block', title: 'The identity block' },
  { slug: 'convolutional-block', title: 'The convolutional block' },
  { slug: 'resnet50', title: 'ResNet-50' },
  { slug: 'training', title: 'Training in the browser' },
]);

/**
 * A lesson's address relative to the site's base, e.g. `/lessons/resnet50/`.
 *
 * @param {{ slug: string }} lesson
 * @returns {string}
 */
export function lessonPath(lesson) {
  return `/lessons/${lesson.slug}/`;
}

/**
 * The lessons as Starlight sidebar entries, numbered as the course numbers them:
 * `{ label: '1. Very deep networks', slug: 'lessons/deep-networks' }`.
 *
 * @returns {{ label: string; slug: string }[]}
 */
export function sidebarLessons() {
  return LESSONS.map((lesson, i) => ({ label: `${i + 1}. ${lesson.title}`, slug: `lessons/${lesson.slug}` }));
}
