import { defineConfig } from '@playwright/test';
import { findChromium, QUIET_FLAGS, SOFTWARE_GL_FLAGS } from './scripts/chromium.mjs';

// E2E_PORT lets two checkouts run their browser tests at once.
const PORT = Number(process.env.E2E_PORT ?? 4322);
// The build made with a base path (`npm run build:base`, into dist-base/) is served on its own port.
const BASE_PORT = Number(process.env.E2E_BASE_PORT ?? PORT + 1000);
/** The sub-path that `npm run build:base` builds for; keep the two the same. */
const BASE_PATH = '/resnet-live';
/** The one spec that runs against the build under a base path, and only there. */
const BASE_SPEC = /base-path\.spec\.ts$/;
// The same build served with no headers at all, as a plain static host serves it: the sandbox
// must hold on the pages' own <meta> policy alone, and the service worker must isolate the pages.
const BARE_PORT = Number(process.env.E2E_BARE_PORT ?? PORT + 2000);
const BARE_SPEC = /(sandbox|isolation-worker)\.spec\.ts$/;
/** The spec that needs a host without headers: it runs only there. */
const ISOLATION_SPEC = /isolation-worker\.spec\.ts$/;

/**
 * Browser tests run against the production build (dist/, built by `npm run test:e2e`) served on
 * loopback by the same server as `npm start`; base-path.spec.ts runs against a second build made
 * for a sub-path (dist-base/), served under that path. Chromium comes from the system (see scripts/chromium.mjs).
 * Debian's Chromium has no GPU here: these flags let WebGL run on SwiftShader, in software.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  // Most tests take under 20 s on two busy cores; one that does more (trains, runs axe on a live
  // page, types thousands of values) sets its own limit, about three times what it takes there.
  timeout: 60_000,
  // CI gives the whole run 90 minutes; a suite that hangs must fail with its report well before.
  globalTimeout: 60 * 60_000,
  expect: { timeout: 30_000 },
  fullyParallel: true,
  workers: process.env.CI ? 1 : 2,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: findChromium() ?? undefined,
      args: [...QUIET_FLAGS, ...SOFTWARE_GL_FLAGS, '--disable-sync', '--no-first-run'],
    },
  },
  projects: [
    { name: 'chromium', use: { browserName: 'chromium' }, testIgnore: [BASE_SPEC, ISOLATION_SPEC] },
    // The site published under a sub-path, as on GitHub Pages: page.goto('lessons/…') (no leading
    // slash) resolves under the base.
    { name: 'base-path', use: { browserName: 'chromium', baseURL: `http://localhost:${BASE_PORT}${BASE_PATH}/` }, testMatch: BASE_SPEC },
    // Service workers are blocked here unless a spec allows them (isolation-worker.spec.ts does):
    // on a bare host the site's worker reloads a page once to isolate it, and the sandbox spec
    // tests the <meta> policy alone, as on a host or browser where the worker cannot run.
    {
      name: 'no-headers',
      use: { browserName: 'chromium', baseURL: `http://localhost:${BARE_PORT}`, serviceWorkers: 'block' },
      testMatch: BARE_SPEC,
    },
  ],
  webServer: [
    {
      command: `node scripts/serve.mjs --port ${PORT}`,
      url: `http://localhost:${PORT}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
    },
    {
      // Anything outside the base answers 404, so a URL built without the base fails the test.
      command: `node scripts/serve.mjs --port ${BASE_PORT} --dir dist-base --base ${BASE_PATH}`,
      // The port, not a URL: the server starts even before dist-base/ is built, so running one
      // root spec never waits on it (base-path.spec.ts says what to build when it is missing).
      port: BASE_PORT,
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
    },
    {
      command: `node scripts/serve.mjs --port ${BARE_PORT} --no-isolation --no-csp`,
      url: `http://localhost:${BARE_PORT}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
    },
  ],
});
