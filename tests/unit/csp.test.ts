/**
 * The site's Content-Security-Policy lets nothing reach another host: every source is the site
 * itself, a keyword, or a scheme that makes no request (data:, blob:). The README quotes it whole.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_HEADER, CSP_DIRECTIVES } from '../../scripts/csp.mjs';

const LOCAL = new Set(["'self'", "'none'", "'unsafe-inline'", "'unsafe-eval'", "'wasm-unsafe-eval'", 'data:', 'blob:']);

test.each(Object.entries(CSP_DIRECTIVES))('%s allows no other host', (_directive, sources) => {
  for (const source of sources) expect(LOCAL, source).toContain(source);
});

test('every directive that governs a request out is set, or falls back to default-src', () => {
  expect(CSP_DIRECTIVES['default-src']).toEqual(["'self'"]);
  for (const directive of ['script-src', 'worker-src', 'connect-src']) expect(Object.keys(CSP_DIRECTIVES)).toContain(directive);
});

test('the header adds only frame-ancestors, which a <meta> policy cannot carry', () => {
  expect(CONTENT_SECURITY_POLICY_HEADER).toBe(`${CONTENT_SECURITY_POLICY}; frame-ancestors 'self'`);
});

test('the README quotes the header as the server sends it', () => {
  expect(readFileSync('README.md', 'utf8')).toContain(`Content-Security-Policy: ${CONTENT_SECURITY_POLICY_HEADER}\n`);
});
