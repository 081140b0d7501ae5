#!/usr/bin/env node
/**
 * Serves the built site (dist/) on http://localhost:4321, as any static host would.
 * It sends the cross-origin isolation headers (COOP/COEP) so the browser allows
 * SharedArrayBuffer, which TF.js's multi-threaded WASM backend needs, and the site's
 * Content-Security-Policy (scripts/csp.mjs), which every page also carries in a <meta> tag.
 *
 *   node scripts/serve.mjs [--port 4321] [--dir dist] [--base /resnet-live] [--no-isolation] [--no-csp]
 *
 * --base serves the site under a sub-path, as GitHub Pages serves a project site, for a build made
 * with the same base (`npm run build -- --base /resnet-live`). Everything outside the base answers
 * 404, so a URL the site builds without its base fails loudly here rather than on the real host.
 *
 * --no-isolation leaves the headers out, as a plain static host would: the site still works, and
 * WebAssembly runs on one thread (the benchmark compares the two). --no-csp leaves the policy's
 * header out, so the tests can show that the pages' own <meta> policy holds without it.
 *
 * Why not `astro preview` with `server.headers` in astro.config.mjs: tried with Astro 5.18 (Vite 6),
 * it serves the build under the base, 404s outside it, and gives .wasm and .mjs the right types,
 * but it falls short of a static host in four ways that matter here:
 * - The headers go only on files Vite's static middleware serves. Astro writes its 404 page and
 *   its outside-the-base page itself, so those responses carry no COOP/COEP.
 * - They can be turned off only by editing the config (there is no flag), so the benchmark's run
 *   without isolation would need an environment switch inside astro.config.mjs, which `astro dev`
 *   would then read too.
 * - It always gzips responses, so the page-weight figures' `transferBytes` (scripts/page-weight.mjs,
 *   measured as served uncompressed) would change meaning, with no option to stop it.
 * - The base without its slash (/resnet-live) is served as the home page instead of redirected to
 *   /resnet-live/ as GitHub Pages does, so relative URLs there would resolve against the wrong path.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { CONTENT_SECURITY_POLICY_HEADER } from './csp.mjs';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '4321' },
    dir: { type: 'string', default: process.env.SITE_DIR ?? 'dist' },
    base: { type: 'string', default: process.env.SITE_BASE ?? '/' },
    'no-isolation': { type: 'boolean', default: false },
    'no-csp': { type: 'boolean', default: false },
  },
});
const root = resolve(values.dir);
const port = Number(values.port);
/** The base as a path prefix without its trailing slash: '' at the root, '/resnet-live' below it. */
const base = `/${values.base}`.replace(/\/+/g, '/').replace(/\/$/, '');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.woff2': 'font/woff2',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
};

const HEADERS = {
  ...(values['no-isolation']
    ? {}
    : {
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
        'Cross-Origin-Resource-Policy': 'same-origin',
      }),
  ...(values['no-csp'] ? {} : { 'Content-Security-Policy': CONTENT_SECURITY_POLICY_HEADER }),
};

/** Maps a URL path to a file under root, or null if it would escape root. */
function fileFor(urlPath) {
  const path = normalize(decodeURIComponent(urlPath.split('?')[0] ?? '/'));
  const file = join(root, path);
  return file === root || file.startsWith(root + sep) ? file : null;
}

async function findFile(file) {
  for (const candidate of [file, join(file, 'index.html'), `${file}.html`]) {
    const info = await stat(candidate).catch(() => null);
    if (info?.isFile()) return { path: candidate, size: info.size };
  }
  return null;
}

/**
 * The path under the site for a request's URL, or null when it is outside the base. The base
 * itself without its slash answers null too: the caller redirects it, as static hosts do.
 */
function sitePath(url) {
  const path = url.split('?')[0] ?? '/';
  if (!base) return path;
  return path.startsWith(`${base}/`) ? path.slice(base.length) : null;
}

/** Answers one request: the file, the 404 page, or a redirect to the base. */
async function respond(req, res) {
  const url = req.url ?? '/';
  if (base && url.split('?')[0] === base) {
    res.writeHead(301, { Location: `${base}/${url.slice(base.length)}`, ...HEADERS }).end();
    return;
  }
  let found = null;
  try {
    const path = sitePath(url);
    const file = path === null ? null : fileFor(path);
    found = file && (await findFile(file));
  } catch {
    found = null; // a malformed URL is simply not found
  }
  const status = found ? 200 : 404;
  if (!found) found = await findFile(join(root, '404.html'));
  if (!found) {
    res.writeHead(404, { 'Content-Type': 'text/plain', ...HEADERS }).end('Not found');
    return;
  }
  res.writeHead(status, {
    'Content-Type': TYPES[extname(found.path)] ?? 'application/octet-stream',
    'Content-Length': found.size,
    'Cache-Control': 'no-cache',
    ...HEADERS,
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(found.path).pipe(res);
}

// A request that fails (the disk, say) gets a 500 rather than an unhandled rejection.
const server = createServer((req, res) => {
  respond(req, res).catch(() => {
    if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain', ...HEADERS });
    res.end('Server error');
  });
});

server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`ResNet, live: serving ${root} on http://localhost:${port}${base}/\n`);
});
