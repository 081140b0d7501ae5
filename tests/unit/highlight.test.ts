import { describe, expect, it } from 'vitest';
import { pythonLanguage } from '@codemirror/lang-python';
import { typescriptLanguage } from '@codemirror/lang-javascript';
import { highlightTree, tagHighlighter } from '@lezer/highlight';
import { LEZER_TOKEN_KINDS } from '../../src/lib/highlight/lezer';
import { codeHighlighter, highlightCode, shikiLanguage, CODE_THEME, WHOLE_LINES, type CodeLanguage } from '../../src/lib/highlight/shiki';
import { CODE_VARIABLE_PREFIX } from '../../src/lib/highlight/categories';
import { SKELETONS } from '../../src/lib/grading/skeletons';
import { SOLUTIONS } from '../../src/lib/grading/solutions';
import { PYTHON_SKELETONS } from '../../src/components/python/skeletons';
import { PYTHON_SOLUTIONS } from '../../src/components/python/solutions';

/** The kind of token (or 'plain') of each character of `code`, as Shiki colours it. */
async function shikiKinds(code: string, lang: CodeLanguage): Promise<string[]> {
  const shiki = await codeHighlighter();
  const lines = shiki.codeToTokensBase(code, { lang: shikiLanguage(lang), theme: CODE_THEME, ...WHOLE_LINES });
  const kinds: string[] = [];
  for (const line of lines) {
    for (const token of line) {
      const kind = token.color?.match(/var\(--resnet-code-([a-z]+)\)/)?.[1] ?? 'plain';
      for (const _ of token.content) kinds.push(kind === 'foreground' ? 'plain' : kind);
    }
    kinds.push('plain'); // the line break
  }
  return kinds.slice(0, code.length);
}

/** The same, as the editor colours it with LEZER_TOKEN_KINDS. */
function lezerKinds(code: string, lang: CodeLanguage): string[] {
  const parser = lang === 'python' ? pythonLanguage.parser : typescriptLanguage.parser;
  const kinds = Array.from(code, () => 'plain');
  const highlighter = tagHighlighter(LEZER_TOKEN_KINDS.map(({ tag, kind }) => ({ tag: tag as never, class: kind })));
  highlightTree(parser.parse(code), highlighter, (from, to, classes) => {
    const kind = classes.split(' ').at(-1)!;
    for (let i = from; i < to; i++) kinds[i] = kind;
  });
  return kinds;
}

/** Shiki's and the editor's kinds, side by side, on the characters that are not blank. */
async function compare(code: string, lang: CodeLanguage) {
  const [shiki, lezer] = [await shikiKinds(code, lang), lezerKinds(code, lang)];
  const differ: string[] = [];
  let counted = 0;
  for (let i = 0; i < code.length; i++) {
    if (/\s/.test(code[i]!)) continue;
    counted++;
    if (shiki[i] !== lezer[i])
      differ.push(`${code.slice(Math.max(0, i - 12), i)}«${code[i]}»${code.slice(i + 1, i + 12)} shiki=${shiki[i]} editor=${lezer[i]}`);
  }
  return { counted, differ };
}

const CELLS = [
  ...Object.entries(SKELETONS).map(([id, code]) => ({ name: `TF.js skeleton ${id}`, code, lang: 'ts' as const })),
  ...Object.entries(SOLUTIONS).map(([id, code]) => ({ name: `TF.js solution ${id}`, code, lang: 'ts' as const })),
  ...Object.entries(PYTHON_SKELETONS).map(([id, code]) => ({ name: `Keras skeleton ${id}`, code, lang: 'python' as const })),
  ...Object.entries(PYTHON_SOLUTIONS).map(([id, code]) => ({ name: `Keras solution ${id}`, code, lang: 'python' as const })),
];

describe('the build-time highlighting and the editor colour the same tokens alike', () => {
  it.each(CELLS)('$name', async ({ code, lang }) => {
    const { counted, differ } = await compare(code, lang);
    // Today none differ; a little room lets a new cell use a construct the two parse apart.
    expect(differ.length / counted, differ.join('\n')).toBeLessThan(0.01);
  });
});

/** Where `token` starts in `code` (its `nth` occurrence), to look up its kind. */
function at(code: string, token: string, nth = 1): number {
  let index = -1;
  for (let i = 0; i < nth; i++) index = code.indexOf(token, index + 1);
  if (index < 0) throw new Error(`no ${token} in the sample`);
  return index;
}

const PYTHON_SAMPLE = `def block(X, f=2):
    """Docs."""
    # a comment
    X = Conv2D(filters=64, name='res' + str(f))(X)
    return None if X is True else X.shape
`;
const TS_SAMPLE = `function block(X: tf.SymbolicTensor, f = 2): number {
  // a comment
  const y = tf.layers.conv2d({ filters: 64, name: 'res' + f }).apply(X);
  return this === null ? typeof y : 1.5;
}
`;

describe.each([
  {
    lang: 'python' as const,
    code: PYTHON_SAMPLE,
    cases: [
      ['def', 'keyword'],
      ['block', 'function'],
      ['X', 'plain'],
      ['"""Docs', 'string'],
      ['# a comment', 'comment'],
      ['=', 'plain'],
      ['Conv2D', 'function'],
      ['64', 'constant'],
      ["'res'", 'string'],
      ['str', 'function'],
      ['return', 'keyword'],
      ['None', 'constant'],
      ['is', 'keyword'],
      ['True', 'constant'],
      ['shape', 'plain'],
    ],
  },
  {
    lang: 'ts' as const,
    code: TS_SAMPLE,
    cases: [
      ['function', 'keyword'],
      ['block', 'function'],
      ['SymbolicTensor', 'type'],
      ['number', 'type'],
      ['// a comment', 'comment'],
      ['const', 'keyword'],
      ['conv2d', 'function'],
      ['64', 'constant'],
      ["'res'", 'string'],
      ['apply', 'function'],
      ['this', 'keyword'],
      ['null', 'constant'],
      ['typeof', 'keyword'],
      ['1.5', 'constant'],
    ],
  },
])('$lang: hand-picked tokens have the same kind in both', ({ lang, code, cases }) => {
  it.each(cases)('%s is %s', async (token, kind) => {
    const index = at(code, token!);
    expect((await shikiKinds(code, lang))[index]).toBe(kind);
    expect(lezerKinds(code, lang)[index]).toBe(kind);
  });
});

describe('highlightCode', () => {
  it.each([
    ['python', PYTHON_SAMPLE],
    ['ts', TS_SAMPLE],
    ['js', 'const a = "<b>&amp;</b>";\n\n\tlet b = 1; // tab\n'],
  ] as const)('%s: the text of its HTML is the code exactly', async (lang, code) => {
    const html = await highlightCode(code, lang);
    expect(html.startsWith('<code>')).toBe(true);
    const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', amp: '&', apos: "'" };
    const text = html
      .replace(/<[^>]+>/g, '')
      .replace(/&(?:#x([0-9a-f]+)|([a-z]+));/gi, (_, hex?: string, name?: string) => (hex ? String.fromCodePoint(parseInt(hex, 16)) : named[name!]!));
    expect(text).toBe(code);
  });

  it('colours a keyword with its CSS variable and comments in italics', async () => {
    const html = await highlightCode('def f():\n    pass  # done\n', 'python');
    expect(html).toContain(`<span style="color:var(${CODE_VARIABLE_PREFIX}keyword)">def</span>`);
    expect(html).toMatch(/<span style="color:var\(--resnet-code-comment\);font-style:italic">\s*# done</);
  });

  it('names the languages it knows when given another', async () => {
    await expect(highlightCode('x', 'rust' as CodeLanguage)).rejects.toThrow(/ts, js, python/);
  });
});
