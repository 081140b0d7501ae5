/**
 * Starts a worker that runs untrusted code under the site's Content-Security-Policy on any host.
 * A worker loaded from its own URL takes the policy of that response's headers, which most
 * static hosts cannot set; a worker started from a `blob:` URL takes its creator's, which every
 * page carries in a `<meta>` tag (scripts/csp.mjs). So the worker is a one-line blob that imports
 * the real module: the module's own imports resolve against its real URL, while the policy, and
 * with it every request the code inside can make, is the page's.
 */

/**
 * A module worker running the script at `scriptUrl` (a bundled worker's URL, as Vite's
 * `?worker&url` import gives it) under the page's policy. Inside, relative URLs resolve against
 * the `blob:` URL, not the site: build absolute ones (see `siteUrl` in base-url.ts).
 */
export function sandboxWorker(scriptUrl: string, name: string): Worker {
  const absolute = new URL(scriptUrl, location.href).href;
  const blob = new Blob([`import ${JSON.stringify(absolute)};\n`], { type: 'text/javascript' });
  const url = URL.createObjectURL(blob);
  const worker = new Worker(url, { type: 'module', name });
  // The worker has fetched its blob once it speaks or fails; the URL is not needed after that.
  const revoke = () => URL.revokeObjectURL(url);
  worker.addEventListener('message', revoke, { once: true });
  worker.addEventListener('error', revoke, { once: true });
  return worker;
}
