/**
 * The kinds of token that code is coloured by, shared by the build-time highlighter (Shiki,
 * ./shiki.ts) and the editor (CodeMirror, ./lezer.ts), so the code reads the same before and after
 * the editor loads. Each kind is one CSS variable, `--resnet-code-<kind>`, defined for both themes
 * and for print in src/components/exercise/code-colors.css; anything not listed is plain text,
 * in `--resnet-code-foreground`.
 *
 * The list is short on purpose: the two highlighters parse differently (TextMate grammars against
 * Lezer trees), and these are the kinds both can see the same way.
 */

/** The coloured kinds of token. */
export const CODE_TOKEN_KINDS = ['keyword', 'string', 'comment', 'constant', 'function', 'type'] as const;

/** One coloured kind of token. */
export type CodeTokenKind = (typeof CODE_TOKEN_KINDS)[number];

/** The prefix of the code colours' CSS variables. */
export const CODE_VARIABLE_PREFIX = '--resnet-code-';

/** The CSS colour of a kind of token (or of plain text, `foreground`, and the code's `background`). */
export function codeColor(kind: CodeTokenKind | 'foreground' | 'background'): string {
  return `var(${CODE_VARIABLE_PREFIX}${kind})`;
}
