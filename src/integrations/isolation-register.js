// @ts-check
/**
 * Runs in every page's <head>, inlined by isolation-worker.ts, which calls it with the worker's
 * URL and scope under the site's base. It makes the page cross-origin isolated on hosts that
 * cannot send COOP/COEP (GitHub Pages among them), through the coi-serviceworker package's worker,
 * which re-serves each response of the site with those headers.
 *
 * It replaces the package's own page script, which would do the same but: reloads on every
 * `updatefound`, i.e. also when a new version of the worker arrives while the reader works on a
 * page; reloads on every load where an active worker does not control the page, so a page outside
 * the worker's scope would reload without end; and logs to the console. Here:
 * - A page that is isolated already (the host sends the headers, or the worker served it) does
 *   nothing, and one in a browser with no notion of isolation does nothing either.
 * - No service workers (insecure context, private modes, blocked by policy): nothing; the site
 *   works as before, on one WebAssembly thread and with Stop restarting Python.
 * - The first load of a page that the worker does not yet control reloads once the worker has
 *   taken it over (`controllerchange`), so the reload's response carries the headers. It reloads
 *   only if the reader has not typed, clicked or pressed a key on the page yet: then the page
 *   stays as it is, and the next page the reader opens is served by the worker, isolated.
 * - At most one reload for isolation per tab: a reload that did not bring isolation is not tried
 *   again in that tab (sessionStorage), and where sessionStorage is unusable no reload is made.
 *
 * Self-contained: the function is inlined as text, so it may use nothing from around it.
 *
 * @param {{ url: string, scope: string, key: string }} options `url`: the worker script's URL;
 *   `scope`: the site's base with its trailing slash; `key`: the sessionStorage key of the guard.
 */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- read as text and inlined in each page (isolation-worker.ts)
function registerIsolationWorker(options) {
  /** @returns {Storage | null} */
  const storage = () => {
    try {
      return window.sessionStorage;
    } catch {
      return null;
    }
  };
  /** @param {string | null} value */
  const remember = (value) => {
    try {
      const store = storage();
      if (value === null) store?.removeItem(options.key);
      else store?.setItem(options.key, value);
      return store !== null;
    } catch {
      return false;
    }
  };
  const state = (() => {
    try {
      return storage()?.getItem(options.key) ?? null;
    } catch {
      return null;
    }
  })();

  if (window.crossOriginIsolated !== false) {
    if (state !== null) remember(null);
    return;
  }
  const container = window.isSecureContext ? navigator.serviceWorker : undefined;
  if (!container) return;
  // The last load of this tab reloaded for isolation and it did not come: leave it there.
  if (state === 'reloading') remember('failed');
  const mayReload = state === null && !container.controller;

  let touched = false;
  let reloaded = false;
  const touch = () => {
    touched = true;
  };
  for (const type of ['input', 'keydown', 'pointerdown']) window.addEventListener(type, touch, { capture: true, once: true });
  const reload = () => {
    if (!mayReload || touched || reloaded) return;
    reloaded = true;
    // Only where the guard could be written: without it a failing reload could repeat.
    if (remember('reloading')) window.location.reload();
  };
  container.addEventListener('controllerchange', reload);

  container.register(options.url, { scope: options.scope }).then(
    (registration) => {
      // An active worker that did not take this page over (a reload that bypassed it): reload
      // into it. A worker still installing takes the page over itself, and `controllerchange` fires.
      if (registration?.active && !registration.installing && !registration.waiting && !container.controller) reload();
    },
    // Registration refused (blocked, no storage): the page stays as it is, without isolation.
    () => {},
  );
}
