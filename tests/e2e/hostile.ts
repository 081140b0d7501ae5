/**
 * Hostile values for links: what the hostile-URL specs paste into the address, and how they look
 * inside the page afterwards (anything injected, how many scripts).
 */
import type { Page } from '@playwright/test';
import { MAX_FIELD_CHARS, type Field } from '../../src/lib/state/fields';

/** Values as they should reach the field, and how each is written into the query. */
export const HOSTILE: { shown: string; query: string }[] = [
  { shown: '<script>alert(1)</script>', query: encodeURIComponent('<script>alert(1)</script>') },
  { shown: '"><img src=x onerror=alert(1)>', query: encodeURIComponent('"><img src=x onerror=alert(1)>') },
  // Long, but not so long that the server refuses the request line (Node's limit is 16 KB).
  { shown: '9'.repeat(MAX_FIELD_CHARS + 1), query: '9'.repeat(2_000) },
  { shown: '1e309', query: '1e309' },
  { shown: '\uFFFD%A', query: '%E0%A4%A' },
  { shown: "'><svg onload=alert(1)>", query: encodeURIComponent("'><svg onload=alert(1)>") },
  { shown: 'javascript:alert(1)', query: 'javascript:alert(1)' },
  { shown: '-1', query: '-1' },
  { shown: '&#60;b&#62;', query: encodeURIComponent('&#60;b&#62;') },
  { shown: '\u202e4', query: encodeURIComponent('\u202e4') },
];

/**
 * Junk no field reads: unknown keys, prototype names, stray escapes, TF.js engine flags (which a
 * link must not set), and a hostile hash.
 */
export const JUNK =
  '&evil=%3Cscript%3Ealert(1)%3C%2Fscript%3E&__proto__=1&constructor=x&%=%&=9&%zz=%E0%A4&tfjsflags=DEBUG:true,WEBGL_VERSION:0#%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E%E0%A4%A';

/** A query giving every field a hostile value; each key repeats with a valid value, which must lose. */
export function hostileQuery(fields: readonly Field[]): string {
  const pairs = fields.map((field, i) => `${field.key}=${HOSTILE[i % HOSTILE.length]!.query}&${field.key}=${field.default}`);
  return `?${pairs.join('&')}${JUNK}`;
}

/** What a page looks like from the inside: anything injected, and how many scripts it holds. */
export const inside = (page: Page) =>
  page.evaluate(() => ({
    injected: document.querySelectorAll('img[src="x"], svg[onload], [onerror]').length,
    scripts: document.scripts.length,
    title: document.title,
  }));
