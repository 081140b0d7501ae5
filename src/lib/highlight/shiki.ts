/**
 * Build-time highlighting: code → HTML coloured by Shiki, with the editor's colours. The theme is
 * made of CSS variables (./categories.ts), so one piece of HTML serves the light theme, the dark
 * theme and print, which code-colors.css switch between.
 *
 * The token rules are our own rather than `createCssVariablesTheme`'s: its table colours what the
 * editor's parser cannot see (docstrings as comments, capitalised names as constants, `=` and `:`
 * as keywords), so the code would change colour when the editor arrives. These rules follow the
 * editor's Lezer tags (./lezer.ts) instead; tests/unit/highlight.test.ts measures how closely.
 */
import { createHighlighter, type Highlighter } from 'shiki';
import { createCssVariablesTheme, hastToHtml, type ThemeRegistration } from 'shiki/core';
import { CODE_VARIABLE_PREFIX, codeColor, type CodeTokenKind } from './categories';

/** The languages a cell is written in: TypeScript, JavaScript, Python. */
export type CodeLanguage = 'ts' | 'js' | 'python';

const SHIKI_LANGUAGES = { ts: 'typescript', js: 'javascript', python: 'python' } as const satisfies Record<CodeLanguage, string>;

/** TextMate scopes → kind of token. The deepest matching scope wins, so `keyword.operator` (plain) beats `keyword`. */
const TEXTMATE_TOKEN_KINDS: ReadonlyArray<{ scope: string[]; kind: CodeTokenKind | 'foreground' }> = [
  {
    kind: 'keyword',
    scope: [
      'keyword',
      'storage.type',
      'storage.modifier',
      'variable.language.this',
      // Word operators, which Lezer tags as keywords: typeof, instanceof, in, of, new, keyof; Python's and, or, not, is.
      'keyword.operator.expression',
      'keyword.operator.new',
      'keyword.operator.logical.python',
    ],
  },
  // Symbols are plain, as in the editor: = + : => and Python's arithmetic.
  { kind: 'foreground', scope: ['keyword.operator', 'storage.type.function.arrow'] },
  // Docstrings are strings, as Python (and the editor) see them.
  { kind: 'string', scope: ['string', 'constant.character.escape'] },
  { kind: 'comment', scope: ['comment'] },
  { kind: 'constant', scope: ['constant.numeric', 'constant.language', 'variable.language.super'] },
  // Python's built-in types are functions when called (`str(stage)`), and plain names otherwise, as in the editor.
  { kind: 'function', scope: ['entity.name.function', 'meta.function-call.generic', 'support.function', 'meta.function-call support.type'] },
  { kind: 'type', scope: ['entity.name.type', 'entity.name.class', 'support.type.primitive', 'support.class'] },
];

/** The Shiki theme of the course's code: every colour a `var(--resnet-code-…)`. */
export const CODE_THEME: ThemeRegistration = {
  ...createCssVariablesTheme({ name: 'resnet-code', variablePrefix: CODE_VARIABLE_PREFIX }),
  tokenColors: TEXTMATE_TOKEN_KINDS.map(({ scope, kind }) => ({
    scope,
    settings: kind === 'comment' ? { foreground: codeColor(kind), fontStyle: 'italic' } : { foreground: codeColor(kind) },
  })),
};

/**
 * No time limit per line: Shiki leaves the rest of a line plain after 500 ms by default, which a
 * busy build machine reaches on the first lines while the grammars warm up.
 */
export const WHOLE_LINES = { tokenizeTimeLimit: 0 } as const;

let highlighter: Promise<Highlighter> | undefined;

/** The one highlighter of a build, loaded on first use (its grammars take a moment). */
export function codeHighlighter(): Promise<Highlighter> {
  highlighter ??= createHighlighter({ themes: [CODE_THEME], langs: Object.values(SHIKI_LANGUAGES) });
  return highlighter;
}

/** Shiki's name of one of our languages. */
export function shikiLanguage(lang: CodeLanguage): (typeof SHIKI_LANGUAGES)[CodeLanguage] {
  const name = SHIKI_LANGUAGES[lang];
  if (!name) throw new Error(`highlightCode: lang ${JSON.stringify(lang)} is not one of ${Object.keys(SHIKI_LANGUAGES).join(', ')}.`);
  return name;
}

/**
 * `code` as a `<code>` element of coloured `<span>`s, one `<span class="line">` per line, for the
 * caller to put in its own `<pre>`. The element's text is `code` exactly, so reading the `<pre>`'s
 * textContent gives the code back.
 */
export async function highlightCode(code: string, lang: CodeLanguage): Promise<string> {
  const shiki = await codeHighlighter();
  const root = shiki.codeToHast(code, { lang: shikiLanguage(lang), theme: CODE_THEME, ...WHOLE_LINES });
  const pre = root.children[0];
  const inner = pre?.type === 'element' ? pre.children.find((child) => child.type === 'element' && child.tagName === 'code') : undefined;
  if (!inner) throw new Error('highlightCode: Shiki returned no <pre><code>; check the installed shiki is version 3.');
  return hastToHtml(inner);
}
