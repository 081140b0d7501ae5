import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contrastRatio, mix, parseColor } from '../../src/lib/color/contrast';
import { CODE_TOKEN_KINDS } from '../../src/lib/highlight/categories';

describe('contrastRatio', () => {
  it.each([
    ['#000000', '#ffffff', 21],
    ['#ffffff', '#ffffff', 1],
    ['#777777', '#ffffff', 4.48], // the grey that just fails 4.5:1
    ['#767676', '#ffffff', 4.54], // and the one that just passes
    ['hsl(0, 0%, 100%)', '#000', 21],
  ])('%s on %s is %f:1', (fg, bg, ratio) => {
    expect(contrastRatio(fg, bg)).toBeCloseTo(ratio, 2);
  });

  it('reads hsl() as CSS does', () => {
    expect(parseColor('hsl(224, 10%, 10%)')).toEqual({ r: 23, g: 24, b: 28 });
    expect(parseColor('hsl(120 100% 25%)')).toEqual({ r: 0, g: 128, b: 0 });
  });

  it('blends as color-mix does', () => {
    expect(mix(parseColor('#ffffff'), parseColor('#000000'), 0.4)).toEqual({ r: 102, g: 102, b: 102 });
  });

  it('names the colour it cannot read and what to write', () => {
    expect(() => parseColor('rebeccapurple')).toThrow(/"rebeccapurple".*#rrggbb or hsl/);
  });
});

/** The `--resnet-code-*` colours declared in the first block of the stylesheet after `selector`. */
function block(css: string, selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`no ${selector} block in code-colors.css`);
  const body = css.slice(start, css.indexOf('}', start));
  return Object.fromEntries([...body.matchAll(/--resnet-code-([a-z]+):\s*(#[0-9a-f]{6});/gi)].map((m) => [m[1]!, m[2]!]));
}

const CSS = readFileSync(new URL('../../src/components/exercise/code-colors.css', import.meta.url), 'utf8');
// Starlight 0.37's colours (style/props.css): the background code sits on (bg), the panels' (bg-nav),
// and accent-low, which the editor's active line takes at 40 % and its selection whole.
const THEMES = [
  { theme: 'dark', colors: block(CSS, ':root'), bg: 'hsl(224, 10%, 10%)', nav: 'hsl(224, 14%, 16%)', accentLow: 'hsl(224, 54%, 20%)' },
  { theme: 'light', colors: block(CSS, ":root[data-theme='light']"), bg: '#ffffff', nav: 'hsl(224, 19%, 97%)', accentLow: 'hsl(234, 88%, 90%)' },
];

describe.each(THEMES)('code colours, $theme theme', ({ colors, bg, nav, accentLow }) => {
  const backgrounds = {
    bg: parseColor(bg),
    nav: parseColor(nav),
    active: mix(parseColor(accentLow), parseColor(bg), 0.4),
    selection: parseColor(accentLow),
  };

  it('declares plain text and every kind of token', () => {
    expect(Object.keys(colors).sort()).toEqual(['foreground', ...CODE_TOKEN_KINDS].sort());
  });

  it.each(['foreground', ...CODE_TOKEN_KINDS])('%s reads at 4.5:1 or more on every background', (kind) => {
    for (const [where, background] of Object.entries(backgrounds)) {
      expect(contrastRatio(colors[kind]!, background), `${kind} ${colors[kind]} on ${where}`).toBeGreaterThanOrEqual(4.5);
    }
  });
});

it('print takes the light theme’s colours', () => {
  const print = CSS.slice(CSS.indexOf('@media print'));
  expect(block(print, ':root[data-theme]')).toEqual(block(CSS, ":root[data-theme='light']"));
});
