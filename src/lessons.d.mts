/** One lesson: its page is `src/content/docs/lessons/<slug>.mdx`, titled `title`. */
export interface Lesson {
  readonly slug: string;
  readonly title: string;
}

/** The course's lessons in order (lessons.mjs says who reads them). */
export const LESSONS: readonly Lesson[];

/** A lesson's address relative to the site's base, e.g. `/lessons/resnet50/`. */
export function lessonPath(lesson: Pick<Lesson, 'slug'>): string;

/** The lessons as Starlight sidebar entries: `{ label: '1. Very deep networks', slug: 'lessons/deep-networks' }`. */
export function sidebarLessons(): { label: string; slug: string }[];
