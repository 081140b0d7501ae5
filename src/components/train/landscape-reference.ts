/** The loss landscape's reference (src/lib/train/landscape-reference.json) with its band in words, for the figure and the lesson. */
import data from '../../lib/train/landscape-reference.json';
import { bandSentence, type LandscapeReference } from '../../lib/train/landscape-reference';

const typed = data as unknown as LandscapeReference;

export const reference = { data: typed, sentence: bandSentence(typed) };
