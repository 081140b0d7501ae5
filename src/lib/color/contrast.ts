/**
 * WCAG 2 contrast between two colours, for checking a palette in tests (text needs 4.5:1 on its
 * background, graphical objects 3:1). Colours are CSS strings in the two forms our stylesheets and
 * Starlight's use: `#rrggbb` (or `#rgb`) and `hsl(h, s%, l%)`.
 */

/** An sRGB colour, each channel 0–255. */
export interface Rgb {
  r: number;
  g: number;
  b: number;
}

const HEX = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;
const HSL = /^hsl\(\s*(-?[\d.]+)(?:deg)?\s*,?\s*([\d.]+)%\s*,?\s*([\d.]+)%\s*\)$/i;

/** Reads `#rrggbb`, `#rgb` or `hsl(h, s%, l%)` (commas optional). */
export function parseColor(css: string): Rgb {
  const text = css.trim();
  const hex = HEX.exec(text);
  if (hex) {
    const digits = hex[1]!.length === 3 ? [...hex[1]!].map((d) => d + d).join('') : hex[1]!;
    return { r: parseInt(digits.slice(0, 2), 16), g: parseInt(digits.slice(2, 4), 16), b: parseInt(digits.slice(4, 6), 16) };
  }
  const hsl = HSL.exec(text);
  if (hsl) return hslToRgb(Number(hsl[1]), Number(hsl[2]) / 100, Number(hsl[3]) / 100);
  throw new Error(`parseColor: cannot read colour ${JSON.stringify(css)}; write it as #rrggbb or hsl(h, s%, l%).`);
}

/** CSS Color 4's HSL → sRGB conversion (h in degrees, s and l in 0–1). */
function hslToRgb(h: number, s: number, l: number): Rgb {
  const channel = (n: number) => {
    const k = (n + h / 30) % 12;
    const a = s * Math.min(l, 1 - l);
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return { r: channel(0), g: channel(8), b: channel(4) };
}

/** `top` over `bottom` at opacity `alpha` (0–1), as `color-mix(in srgb, top alpha, bottom)` draws it. */
export function mix(top: Rgb, bottom: Rgb, alpha: number): Rgb {
  const blend = (a: number, b: number) => Math.round(a * alpha + b * (1 - alpha));
  return { r: blend(top.r, bottom.r), g: blend(top.g, bottom.g), b: blend(top.b, bottom.b) };
}

/** WCAG 2 relative luminance, 0 (black) to 1 (white). */
export function relativeLuminance({ r, g, b }: Rgb): number {
  const linear = (c: number) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG 2 contrast ratio of two colours, 1 to 21, whichever is lighter. */
export function contrastRatio(a: Rgb | string, b: Rgb | string): number {
  const la = relativeLuminance(typeof a === 'string' ? parseColor(a) : a);
  const lb = relativeLuminance(typeof b === 'string' ? parseColor(b) : b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * How far apart two colours look: the CIE 1976 distance (ΔE*ab) in CIELAB under D65. About 2 is
 * just noticeable side by side; lines on a chart want 25 or more to read as different hues.
 */
export function deltaE(a: Rgb | string, b: Rgb | string): number {
  const [l1, a1, b1] = toLab(typeof a === 'string' ? parseColor(a) : a);
  const [l2, a2, b2] = toLab(typeof b === 'string' ? parseColor(b) : b);
  return Math.hypot(l1 - l2, a1 - a2, b1 - b2);
}

/** sRGB → CIELAB (D65 white). */
function toLab({ r, g, b }: Rgb): [number, number, number] {
  const linear = (c: number) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const [R, G, B] = [linear(r), linear(g), linear(b)];
  const x = (0.4124 * R + 0.3576 * G + 0.1805 * B) / 0.95047;
  const y = 0.2126 * R + 0.7152 * G + 0.0722 * B;
  const z = (0.0193 * R + 0.1192 * G + 0.9505 * B) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}
