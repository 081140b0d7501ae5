/**
 * The site's Content-Security-Policy: nothing on a page, nor in a worker it starts, may load
 * or send anything to another host. It exists for the code cells: the learner's code is
 * untrusted, and JavaScript offers routes out that no lock-down of globals can close (dynamic
 * `import()` is syntax, and `eval`/`Function` reach it), while the browser checks every one of
 * them against this policy.
 *
 * It reaches the grader's worker on any host: every page carries it in a
 * `<meta http-equiv="Content-Security-Policy">` (astro.config.mjs), and the grader's worker is
 * started from a `blob:` URL (src/components/exercise/sandbox-worker.ts), which takes its
 * creator's policy. A worker loaded from a URL would take only its own response's headers, which
 * most static hosts cannot set. Where a host can send headers, scripts/serve.mjs shows how: the
 * same policy as a header covers every response, the training worker's included.
 *
 * What each source is for:
 * - script-src 'unsafe-inline': Starlight's and Astro's inline scripts (theme, search shortcut).
 * - script-src 'unsafe-eval': a TF.js cell is compiled with `new Function`, and Pyodide evaluates
 *   JavaScript for Python's `js` module. Evaluated code still loads nothing from another host.
 * - script-src 'wasm-unsafe-eval': TF.js's WebAssembly backend, Pyodide and the search index.
 * - script-src/worker-src blob:: the grader's worker itself, and TF.js's WebAssembly threads,
 *   which Emscripten starts from `blob:` URLs. A `blob:` URL holds what the page made; no network.
 * - worker-src 'self' also admits the service worker that isolates pages on hosts without COOP/COEP
 *   (src/integrations/isolation-worker.ts), the site's own file. It sees only requests the page's
 *   policy has already let through, and adds headers to their responses.
 */

/** Directive → sources. 'self' is the site's own origin, under whatever base it is served. */
export const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'unsafe-inline'", "'unsafe-eval'", "'wasm-unsafe-eval'", 'blob:'],
  'worker-src': ["'self'", 'blob:'],
  'connect-src': ["'self'", 'data:', 'blob:'],
  'img-src': ["'self'", 'data:', 'blob:'],
  'style-src': ["'self'", "'unsafe-inline'"],
  'font-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
};

/** The policy as a `<meta>` tag carries it. */
export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
  .join('; ');

/** The policy as a header: frame-ancestors works only there (a `<meta>` policy ignores it). */
export const CONTENT_SECURITY_POLICY_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'self'`;
