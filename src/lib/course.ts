/**
 * What the course is made of, named once for every folder of src/lib: its graded exercises and
 * the languages a graded cell can be written in. A leaf: it imports nothing.
 */

export type ExerciseId = 'identity-block' | 'convolutional-block' | 'resnet50';

export const EXERCISES: readonly ExerciseId[] = ['identity-block', 'convolutional-block', 'resnet50'];

/** The language of a cell: TF.js (TypeScript or JavaScript) or Keras (Python). */
export type Language = 'tfjs' | 'keras';

export const LANGUAGES: readonly Language[] = ['tfjs', 'keras'];

/** Each language as the site's code tabs label it (Starlight's synced tabs, `syncKey="lang"`). */
export const LANGUAGE_LABELS: Readonly<Record<Language, string>> = { tfjs: 'TF.js', keras: 'Keras' };
