/**
 * The editor's side of the shared colours: which Lezer highlight tags are which kind of token
 * (./categories.ts). CodeMirror's HighlightStyle is built from this table in
 * src/components/exercise/editor.ts; tests run it through `tagHighlighter` to compare the editor's
 * colouring with Shiki's on the course's code.
 *
 * Operators, punctuation, variables, parameters and properties stay plain, as in ./shiki.ts.
 * Python's `self` is a plain name to Lezer, so it is plain in both; TypeScript's `this` is a keyword in both.
 */
import { tags, type Tag } from '@lezer/highlight';
import type { CodeTokenKind } from './categories';

/** Lezer tags → kind of token. A tag also matches its sub-tags (`keyword` covers `controlKeyword`). */
export const LEZER_TOKEN_KINDS: ReadonlyArray<{ tag: Tag | readonly Tag[]; kind: CodeTokenKind }> = [
  { tag: [tags.keyword, tags.modifier, tags.self], kind: 'keyword' },
  { tag: [tags.string, tags.special(tags.string), tags.regexp, tags.escape], kind: 'string' },
  { tag: tags.comment, kind: 'comment' },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], kind: 'constant' },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName)], kind: 'function' },
  { tag: [tags.typeName, tags.className, tags.namespace], kind: 'type' },
];
