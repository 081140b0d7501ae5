#!/usr/bin/env node
/**
 * Page weight: the JavaScript each page downloads, in headless Chromium against a running server.
 *
 * Each page is visited twice, each time in a fresh browser context (an empty cache):
 * - `initial`: the page loads and nobody scrolls. This is what a reader of the prose downloads.
 * - `scrolled`: the page loads, the first live component is brought into view at once, then the
 *   page is scrolled to the bottom, so every live component loads with everything it fetches.
 * For each, every JavaScript response is counted three ways: `rawBytes` (the body as served),
 * `transferBytes` (what crossed the wire, headers included; the local server does not compress)
 * and `gzipBytes` (the body gzipped at level 6 with node:zlib, what a compressing host would send).
 * `libraries` names the heavy libraries found in what was downloaded (TF.js, D3, CodeMirror, Keras).
 *
 * `firstLive` is the first live component in document order and how long after navigation it was
 * defined (`definedMs`) and ready to use (`readyMs`: for a code cell, when its editor is up),
 * in the scrolled visit; null on a page without one.
 *
 * Standalone, against a server that is already running (e.g. `npm run preview`):
 *   node scripts/page-weight.mjs [--port 4321] [--paths /,/lessons/training/] [--details]
 */
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { LESSONS, lessonPath } from '../src/lessons.mjs';

/** The home page, every lesson in course order (src/lessons.mjs), and the lab's own page. */
export const PAGES = ['/', ...LESSONS.map(lessonPath), '/lab/'];

/** The live components' tag names: each is defined when its code has loaded. */
export const LIVE_TAGS = [
  'resnet-block-explorer',
  'resnet-resnet50-explorer',
  'resnet-identity-demo',
  'resnet-gradient-demo',
  'resnet-code-cell',
  'resnet-training-lab',
  'resnet-degradation',
];

/** Strings that survive minification and appear only in each library's code. */
export const LIBRARY_MARKERS = {
  tfjs: ['Conv2DBackpropFilter'],
  d3: ['http://www.w3.org/1999/xlink', 'aliceblue'],
  codemirror: ['cm-editor'],
  // The course's Keras (its runner and its skeletons), which only a reader who picks Keras loads.
  keras: ['resnet_live_runner', 'def identity_block('],
};

/** The heavy libraries whose code is in a script body. */
export function librariesIn(body) {
  return Object.entries(LIBRARY_MARKERS)
    .filter(([, markers]) => markers.some((marker) => body.includes(marker)))
    .map(([name]) => name);
}

/** The gzip size of a body, in bytes, at the level most servers use. */
export function gzipSize(body) {
  return gzipSync(body, { level: 6 }).length;
}

const IDLE_MS = 1000;
const READY_TIMEOUT_MS = 120_000;

/**
 * Runs in the page before its own scripts: notes when each live component is defined and when
 * the first one on the page is ready, as milliseconds since navigation (performance.now()).
 */
function watchLiveComponents(tags) {
  const times = { defined: {}, ready: null, tag: null };
  Object.defineProperty(window, '__pageWeight', { value: times });
  const isReady = (el) => el.localName !== 'resnet-code-cell' || el.querySelector('[data-run]')?.disabled === false;
  for (const tag of tags) {
    // Not awaited: the page notes when each element is defined while the script goes on watching.
    void customElements.whenDefined(tag).then(() => {
      times.defined[tag] = performance.now();
    });
  }
  document.addEventListener('DOMContentLoaded', () => {
    const first = document.querySelector(tags.join(','));
    if (!first) return;
    times.tag = first.localName;
    const check = () => {
      if (customElements.get(first.localName) && isReady(first)) times.ready = performance.now();
      else requestAnimationFrame(check);
    };
    check();
  });
}

/**
 * Records every JavaScript file a page downloads; `done()` resolves to those so far, each with
 * `{ file, rawBytes, transferBytes, gzipBytes, libraries }`, once their bodies are read.
 */
export function recordScripts(page) {
  const pending = [];
  page.on('requestfinished', (request) => {
    pending.push(
      (async () => {
        const response = await request.response();
        // blob: and data: scripts are made in the page (e.g. TF.js's WASM threads), not downloaded.
        if (!/^https?:/.test(request.url())) return null;
        if (!response || !/javascript/.test(response.headers()['content-type'] ?? '')) return null;
        const [sizes, body] = await Promise.all([request.sizes(), response.body().catch(() => page.request.get(request.url()).then((r) => r.body()))]);
        return {
          file: new URL(request.url()).pathname,
          rawBytes: body.length,
          transferBytes: sizes.responseBodySize + sizes.responseHeadersSize,
          gzipBytes: gzipSize(body),
          libraries: librariesIn(body.toString('latin1')),
        };
      })().catch(() => null),
    );
  });
  return { done: async () => (await Promise.all(pending)).filter(Boolean) };
}

/** Waits until no request has been in flight for IDLE_MS (Playwright's networkidle fires only once). */
async function networkQuiet(page, timeout) {
  let inFlight = 0;
  let last = Date.now();
  const start = () => {
    inFlight += 1;
  };
  const end = () => {
    inFlight = Math.max(0, inFlight - 1);
    last = Date.now();
  };
  page.on('request', start);
  page.on('requestfinished', end);
  page.on('requestfailed', end);
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline && (inFlight > 0 || Date.now() - last < IDLE_MS)) await page.waitForTimeout(100);
  page.off('request', start);
  page.off('requestfinished', end);
  page.off('requestfailed', end);
}

/**
 * Waits until the page has settled: its first idle moment (when Starlight loads its search UI)
 * has come, and nothing has been downloading for a second.
 */
export async function settle(page, timeout = 60_000) {
  await page.evaluate(() => new Promise((resolve) => (window.requestIdleCallback ?? setTimeout)(resolve, { timeout: 5000 })));
  await networkQuiet(page, timeout);
}

/** Totals over recorded files (see recordScripts); `details` keeps the list, largest first. */
export function summarize(files, details = false) {
  const sum = (key) => files.reduce((n, f) => n + f[key], 0);
  return {
    files: files.length,
    rawBytes: sum('rawBytes'),
    transferBytes: sum('transferBytes'),
    gzipBytes: sum('gzipBytes'),
    libraries: [...new Set(files.flatMap((f) => f.libraries))].sort(),
    ...(details ? { scripts: [...files].sort((a, b) => b.gzipBytes - a.gzipBytes) } : {}),
  };
}

async function visit(browser, url, { scroll, details }) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    await page.addInitScript(watchLiveComponents, LIVE_TAGS);
    const scripts = recordScripts(page);
    await page.goto(url, { waitUntil: scroll ? 'domcontentloaded' : 'load' });
    let firstLive = null;
    if (scroll) {
      const tag = await page.evaluate((tags) => {
        const first = document.querySelector(tags.join(','));
        first?.scrollIntoView({ block: 'center' });
        return first?.localName ?? null;
      }, LIVE_TAGS);
      if (tag) {
        await page.waitForFunction(() => window.__pageWeight.ready !== null, null, { timeout: READY_TIMEOUT_MS, polling: 100 });
        const times = await page.evaluate(() => window.__pageWeight);
        firstLive = { tag, definedMs: Math.round(times.defined[tag]), readyMs: Math.round(times.ready) };
      }
      // Step a viewport at a time, as a reader would, so each component in turn nears the screen.
      await page.evaluate(async () => {
        window.scrollTo(0, 0);
        for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight / 2) {
          window.scrollTo(0, y);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      });
    }
    await settle(page);
    const files = await scripts.done();
    return { weight: summarize(files, details), firstLive, problems };
  } finally {
    await context.close();
  }
}

/**
 * Measures each path under baseURL; returns one plain object per page:
 * `{ path, initial, scrolled, firstLive, problems }` (see the head of this file).
 */
export async function measurePages(browser, baseURL, paths = PAGES, { details = false } = {}) {
  const results = [];
  for (const path of paths) {
    const url = new URL(path, baseURL).href;
    const initial = await visit(browser, url, { scroll: false, details });
    const scrolled = await visit(browser, url, { scroll: true, details });
    results.push({
      path,
      initial: initial.weight,
      scrolled: scrolled.weight,
      firstLive: scrolled.firstLive,
      problems: [...initial.problems, ...scrolled.problems],
    });
  }
  return results;
}

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.PORT ?? '4321' },
      paths: { type: 'string' },
      details: { type: 'boolean', default: false },
    },
  });
  const [{ chromium }, { findChromium, QUIET_FLAGS, SOFTWARE_GL_FLAGS }] = await Promise.all([import('@playwright/test'), import('./chromium.mjs')]);
  const browser = await chromium.launch({
    executablePath: findChromium() ?? undefined,
    args: [...QUIET_FLAGS, ...SOFTWARE_GL_FLAGS],
  });
  try {
    const paths = values.paths ? values.paths.split(',') : PAGES;
    const pages = await measurePages(browser, `http://localhost:${values.port}/`, paths, { details: values.details });
    process.stdout.write(`${JSON.stringify({ browser: `Chromium ${browser.version()} (headless)`, pages }, null, 2)}\n`);
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
