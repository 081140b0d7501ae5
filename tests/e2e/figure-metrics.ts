/**
 * Measures a page's figures as a reader sees them: the rendered size of every piece of text inside
 * a figure, drawing or chart, and the contrast of every SVG shape against what lies behind it.
 * Each function runs in the page and returns offenders as short readable lines, so a failing
 * test names the text or the shape to fix.
 */
import type { Page } from '@playwright/test';

/** Where figure text lives: drawings, charts and their legends, diagrams, the confusion matrix. */
export const FIGURE_SELECTOR = 'svg, figure:not(.frame), .line-chart, .chart-legend, [data-chart], .confusion, .dg-figure';

export interface TextSize {
  text: string;
  /** The glyphs' size on screen, CSS pixels: computed font size × the drawing's scale. */
  px: number;
}

/**
 * Every visible text node inside a figure, with its size on screen. In an SVG the font size is in
 * the drawing's own units, so it is multiplied by the scale from those units to the screen (the
 * element's screen matrix, whichever way the text is turned); elsewhere it is the computed size.
 * `within` narrows the search to the figures inside one part of the page.
 */
export function figureTextSizes(page: Page, within = 'main'): Promise<TextSize[]> {
  return page.evaluate(
    ([selector, scope]) => {
      const roots = [...document.querySelectorAll(`:is(${scope}) :is(${selector})`)].filter((el) => !el.parentElement?.closest(selector));
      const sizes: { text: string; px: number }[] = [];
      for (const root of roots) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = (node.textContent ?? '').trim();
          const el = node.parentElement;
          if (!text || !el || el.closest('title, desc, script, style, details:not([open]) > :not(summary)')) continue;
          if (!el.checkVisibility({ opacityProperty: false, visibilityProperty: true })) continue;
          const range = document.createRange();
          range.selectNodeContents(node);
          const box = range.getBoundingClientRect();
          // Text hidden for screen readers only (clipped to a pixel) is not seen.
          if (box.width < 2 || box.height < 2) continue;
          let px = parseFloat(getComputedStyle(el).fontSize);
          if (el instanceof SVGGraphicsElement) {
            const m = el.getScreenCTM();
            if (m) px *= Math.hypot(m.c, m.d);
          }
          sizes.push({ text: text.slice(0, 40), px: Math.round(px * 10) / 10 });
        }
      }
      return sizes;
    },
    [FIGURE_SELECTOR, within] as const,
  );
}

export interface ShapeContrast {
  /** The shape: its tag and classes, and the nearest text that names it. */
  what: string;
  /** The better of its stroke's and its fill's contrast against the background behind the drawing. */
  ratio: number;
}

/**
 * Every visible SVG shape (path, line, rect, circle, polygon, ellipse) with the contrast of its
 * stroke and of its fill, each composited with its opacities over the background the drawing sits
 * on, as WCAG 1.4.11 asks of graphical objects: a shape passes when its edge or its body stands
 * out. Shapes marked `data-decor` (grid lines: the chart reads without them) are left out.
 */
export function shapeContrasts(page: Page): Promise<ShapeContrast[]> {
  return page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 1;
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    /** Any CSS colour → [r, g, b, a] (0–255, a 0–1), as the browser paints it. */
    const rgba = (css: string): [number, number, number, number] => {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = '#000';
      ctx.fillStyle = css;
      ctx.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
      // Premultiplied away by the canvas: undo it for a faithful colour.
      return a ? [(r! * 255) / a, (g! * 255) / a, (b! * 255) / a, a / 255] : [0, 0, 0, 0];
    };
    const over = (top: number[], alpha: number, bottom: number[]) => top.slice(0, 3).map((c, i) => c * alpha + bottom[i]! * (1 - alpha));
    const luminance = (c: number[]) => {
      const [r, g, b] = c.map((v) => {
        const s = v / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const contrast = (a: number[], b: number[]) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (hi! + 0.05) / (lo! + 0.05);
    };
    /** The colour behind an element: its ancestors' backgrounds, composited down to the page's. */
    const background = (el: Element): number[] => {
      const layers: [number, number, number, number][] = [];
      for (let e: Element | null = el; e; e = e.parentElement) {
        const c = rgba(getComputedStyle(e).backgroundColor);
        if (c[3] > 0) layers.push(c);
        if (c[3] >= 1) break;
      }
      let colour = [255, 255, 255];
      for (const layer of layers.reverse()) colour = over(layer, layer[3], colour);
      return colour;
    };
    const shapes = document.querySelectorAll<SVGGraphicsElement>('main svg :is(path, line, rect, circle, polygon, polyline, ellipse)');
    const results: { what: string; ratio: number }[] = [];
    for (const shape of shapes) {
      if (shape.closest('[data-decor], defs, marker, symbol, clipPath, mask, pattern')) continue;
      if (!shape.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      const box = shape.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      const svg = shape.ownerSVGElement;
      if (!svg) continue;
      const style = getComputedStyle(shape);
      let opacity = 1;
      for (let e: Element | null = shape; e && e !== svg.parentElement; e = e.parentElement) opacity *= parseFloat(getComputedStyle(e).opacity);
      const bg = background(svg);
      const ratios: number[] = [];
      for (const [paint, own] of [
        [style.stroke, parseFloat(style.strokeOpacity)],
        [style.fill, parseFloat(style.fillOpacity)],
      ] as const) {
        if (!paint || paint === 'none' || paint.startsWith('url(')) continue;
        if (paint === style.stroke && parseFloat(style.strokeWidth) === 0) continue;
        const c = rgba(paint);
        const alpha = c[3] * own * opacity;
        if (alpha === 0) continue;
        ratios.push(contrast(over(c, alpha, bg), bg));
      }
      if (ratios.length === 0) continue;
      const part = shape.closest('[data-step], [data-part], [data-type]');
      const named = part
        ? (part.getAttribute('data-step') ?? part.getAttribute('data-part') ?? part.getAttribute('data-type'))
        : (shape.closest('a, g[aria-label], svg')?.textContent?.trim().slice(0, 30) ?? '');
      // A shape often takes its look from its group's class (a diagram's step): name both.
      const classes = `${shape.parentElement?.getAttribute('class') ?? ''} ${shape.getAttribute('class') ?? ''}`;
      results.push({
        what: `${shape.tagName}${classes ? `.${classes.trim().replace(/\s+/g, '.')}` : ''} (${named})`,
        ratio: Math.round(Math.max(...ratios) * 100) / 100,
      });
    }
    return results;
  });
}

/** Sets Starlight's theme before any of the page's code runs, as a returning reader's choice would. */
export async function useTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
}
