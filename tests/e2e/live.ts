/**
 * Helpers shared by the hostile-input tests: hostile values, and waiting for a live component to
 * come alive. Components may be enhanced at load or only when they near the viewport, so the wait
 * scrolls the component into view and then probes it the way a reader would notice it is live:
 * a bad value gets flagged.
 */
import type { Locator, Page } from '@playwright/test';
import { mulberry32 } from '../../src/lib/train/prng.mjs';
import { expect } from './fixtures';

/** The fixed list every numeric field must survive; only '0' may be valid (for some fields). */
export const FIXED_HOSTILE = ['', '0', '-1', '1.5', '1e9', 'NaN', 'Infinity', '1e309', '<script>alert(1)</script>', '🧱', '7'.repeat(10_000)];

/** Digits, signs, exponents, unicode look-alikes, whitespace and markup, mixed at random. */
const PIECES = [
  '0',
  '1',
  '2',
  '3',
  '7',
  '9',
  '42',
  '4096',
  '-',
  '+',
  '.',
  'e',
  'E',
  'e-',
  'e+',
  ' ',
  '  ',
  '\t',
  '\u00a0',
  '\u200b',
  '\u202e',
  '٣',
  '５',
  '½',
  '∞',
  'µ',
  '🧱',
  '👩‍💻',
  '<b>',
  '</span>',
  '<script>',
  '<img src=x onerror=window.__pwned=1>',
  '"',
  "'",
  '&amp;',
  '&lt;',
  '%00',
  '%3C',
  '\\',
  '/',
  '0x1F',
  '1_000',
  ',',
  'NaN',
  'Infinity',
  'null',
  'undefined',
  '${1}',
  '{{1}}',
  'javascript:',
  '__proto__',
];

/** `count` hostile strings, the same on every run (the data split's seeded PRNG). */
export function hostileStrings(count: number, seed: number): string[] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, () => {
    const length = 1 + Math.floor(random() * 6);
    return Array.from({ length }, () => PIECES[Math.floor(random() * PIECES.length)]).join('');
  });
}

/** Records every dialog (alert, confirm, prompt) the page opens; none should ever open. */
export function watchDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return dialogs;
}

/**
 * Scrolls a component into view and waits until it answers: a value no field accepts ('-1') must
 * get flagged. Then puts the field's text back and waits for the flag to clear.
 */
export async function whenLive(component: Locator, field: Locator): Promise<void> {
  await component.scrollIntoViewIfNeeded();
  const original = await field.inputValue();
  await expect(async () => {
    await field.fill('-1');
    await expect(field).toHaveAttribute('aria-invalid', 'true', { timeout: 500 });
  }).toPass({ timeout: 90_000 });
  await field.fill(original);
  await expect(field).toHaveAttribute('aria-invalid', 'false');
}

/** Scrolls to a live component and waits until it is live: its code loads as it nears the screen. */
export async function reach(page: Page, tag: string): Promise<void> {
  const host = page.locator(tag);
  await host.scrollIntoViewIfNeeded();
  await expect(host.getByRole('status').filter({ hasText: /^\s*Loading the live/ })).toHaveCount(0);
}
