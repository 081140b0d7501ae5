/**
 * Cross-origin isolation on any static host. TF.js's threaded WebAssembly build and the notebook's
 * Python interrupt buffer need SharedArrayBuffer, which the browser gives only to a page served
 * with COOP/COEP headers. scripts/serve.mjs sends them; GitHub Pages and most static hosts cannot.
 * The coi-serviceworker package's worker re-serves the site's responses with those headers, so
 * after one reload on a reader's first visit every page is isolated.
 *
 * On by default: readers wherever the site is hosted get WebAssembly threads (from 4 cores up,
 * as TF.js uses half the logical cores) and a Stop that interrupts Python in place instead of
 * restarting the kernel, at the cost of one early reload on the first page of a first visit.
 * Nothing else is lost where the worker cannot run. A host that sends the headers itself can turn
 * it off at build time: `COI_SERVICE_WORKER=off npm run build`.
 *
 * The integration reads the base from the final config (which includes `astro build --base …`
 * from the command line, as `npm run build:base` passes it), so the worker is served from the
 * site's own root under the base and registered with that scope. `astro dev` gets neither: a
 * service worker left on localhost would intercept whatever is served on that port next.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { transformSync } from 'esbuild';
import { joinBase } from '../components/base-url';

/** The worker script's file name, in the site's root under its base. */
export const WORKER_FILE = 'coi-serviceworker.js';
/** The environment variable that turns the worker off at build time. */
export const SWITCH = 'COI_SERVICE_WORKER';
/** The sessionStorage key that keeps a tab from reloading more than once for isolation. */
export const RELOAD_KEY = 'resnet-live:isolation-reload';

const ON = new Set(['', 'on', '1', 'true', 'yes']);
const OFF = new Set(['off', '0', 'false', 'no']);

/**
 * Whether the build includes the worker, from the value of `COI_SERVICE_WORKER`: unset, empty,
 * `on`, `1`, `true` or `yes` (any case) include it; `off`, `0`, `false` or `no` leave it out.
 */
export function isolationWorkerEnabled(value: string | undefined): boolean {
  const word = (value ?? '').trim().toLowerCase();
  if (ON.has(word)) return true;
  if (OFF.has(word)) return false;
  throw new Error(`${SWITCH} is ${JSON.stringify(value)}: set it to "off" to build without the isolation worker, or leave it unset (or "on") to include it.`);
}

/** The worker's URL and the scope it is registered with, for a site built with `base`. */
export function workerLocation(base: string): { url: string; scope: string } {
  return { url: joinBase(base, WORKER_FILE), scope: joinBase(base, '') };
}

/** The script inlined in every page's <head>: isolation-register.js called for `base`, minified. */
export function registrationScript(base: string): string {
  const source = readFileSync(fileURLToPath(new URL('./isolation-register.js', import.meta.url)), 'utf8');
  const options = { ...workerLocation(base), key: RELOAD_KEY };
  const code = `(() => {\n${source}\nregisterIsolationWorker(${JSON.stringify(options)});\n})();`;
  return transformSync(code, { minify: true, target: 'es2020' }).code.trim();
}

/** Where the package's worker script lies in node_modules. */
export function workerSource(): string {
  return createRequire(import.meta.url).resolve(`coi-serviceworker/${WORKER_FILE}`);
}

/** The integration; `enabled` is usually `isolationWorkerEnabled(process.env.COI_SERVICE_WORKER)`. */
export function isolationWorker({ enabled }: { enabled: boolean }): AstroIntegration {
  let active = false;
  return {
    name: 'resnet-live:isolation-worker',
    hooks: {
      'astro:config:setup': ({ config, command, injectScript }) => {
        active = enabled && command === 'build';
        if (active) injectScript('head-inline', registrationScript(config.base));
      },
      'astro:build:done': ({ dir }) => {
        if (active) copyFileSync(workerSource(), fileURLToPath(new URL(WORKER_FILE, dir)));
      },
    },
  };
}
