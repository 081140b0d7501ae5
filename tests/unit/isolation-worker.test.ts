/**
 * The isolation worker's build switch and URLs, and the registration script as pages get it:
 * the minified text is run against a fake page (window, navigator, sessionStorage) in which each
 * case sets what the browser would give.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runInNewContext } from 'node:vm';
import { describe, expect, test } from 'vitest';
import { isolationWorker, isolationWorkerEnabled, registrationScript, RELOAD_KEY, workerLocation, workerSource } from '../../src/integrations/isolation-worker';

describe('COI_SERVICE_WORKER', () => {
  test.each([undefined, '', 'on', 'ON', '1', 'true', ' yes '])('%j includes the worker', (value) => {
    expect(isolationWorkerEnabled(value)).toBe(true);
  });
  test.each(['off', 'Off', '0', 'false', 'no'])('%j leaves it out', (value) => {
    expect(isolationWorkerEnabled(value)).toBe(false);
  });
  test('anything else is refused, naming the variable and what to set', () => {
    expect(() => isolationWorkerEnabled('disabled')).toThrow('COI_SERVICE_WORKER is "disabled": set it to "off" to build without the isolation worker');
  });
});

test.each([
  ['/', '/coi-serviceworker.js', '/'],
  ['/resnet-live', '/resnet-live/coi-serviceworker.js', '/resnet-live/'],
  ['/resnet-live/', '/resnet-live/coi-serviceworker.js', '/resnet-live/'],
])('under base %j the worker is %j with scope %j', (base, url, scope) => {
  expect(workerLocation(base)).toEqual({ url, scope });
});

/** A page as the registration script sees it, and what the script did to it. */
function fakePage(page: {
  isolated?: boolean | undefined;
  secure?: boolean;
  serviceWorkers?: boolean;
  controlled?: boolean;
  stored?: string;
  storage?: 'ok' | 'throws';
}) {
  const listeners = new Map<string, () => void>();
  const workerListeners = new Map<string, () => void>();
  const store = new Map<string, string>(page.stored === undefined ? [] : [[RELOAD_KEY, page.stored]]);
  const did = { reloads: 0, registered: [] as [string, unknown][] };
  let settle: (registration: unknown) => void = () => {};
  let refuse: (error: unknown) => void = () => {};
  const container = {
    controller: page.controlled ? {} : null,
    addEventListener: (type: string, listener: () => void) => workerListeners.set(type, listener),
    register: (url: string, options: unknown) => {
      did.registered.push([url, options]);
      return new Promise((resolve, reject) => {
        settle = resolve;
        refuse = reject;
      });
    },
  };
  const window: Record<string, unknown> = {
    crossOriginIsolated: 'isolated' in page ? page.isolated : false,
    isSecureContext: page.secure ?? true,
    addEventListener: (type: string, listener: () => void) => listeners.set(type, listener),
    location: { reload: () => did.reloads++ },
  };
  Object.defineProperty(window, 'sessionStorage', {
    get() {
      if (page.storage === 'throws') throw new Error('SecurityError: storage is blocked');
      return { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => store.set(k, v), removeItem: (k: string) => store.delete(k) };
    },
  });
  const navigator = page.serviceWorkers === false ? {} : { serviceWorker: container };
  return {
    did,
    store,
    run: () => runInNewContext(registrationScript('/resnet-live'), { window, navigator }),
    /** The worker installs and takes the page over, as clients.claim() does. */
    takeOver: () => ((container.controller = {}), workerListeners.get('controllerchange')?.()),
    /** The reader does something on the page. */
    touch: (type: string) => listeners.get(type)?.(),
    settle: async (registration: unknown) => (settle(registration), await Promise.resolve(), await Promise.resolve()),
    refuse: async () => (refuse(new Error('blocked')), await Promise.resolve(), await Promise.resolve()),
  };
}

const registration = { url: '/resnet-live/coi-serviceworker.js', options: { scope: '/resnet-live/' } };

describe('the registration script', () => {
  test.each([
    ['isolated already (the host sends the headers)', true],
    ['in a browser with no notion of isolation', undefined],
  ])('does nothing on a page %s, and forgets an earlier reload', (_name, isolated) => {
    const page = fakePage({ isolated, stored: 'reloading' });
    page.run();
    expect(page.did.registered).toEqual([]);
    expect(page.store.size).toBe(0);
  });

  test.each([
    ['no service workers', { serviceWorkers: false }],
    ['an insecure context', { secure: false }],
  ])('does nothing with %s', (_name, setup) => {
    const page = fakePage(setup);
    expect(() => page.run()).not.toThrow();
    expect(page.did.registered).toEqual([]);
  });

  test('first visit: registers under the base and reloads once the worker has taken the page over', async () => {
    const page = fakePage({});
    page.run();
    expect(page.did.registered).toEqual([[registration.url, registration.options]]);
    await page.settle({ installing: {}, active: null });
    expect(page.did.reloads).toBe(0);
    page.takeOver();
    page.takeOver();
    expect(page.did.reloads).toBe(1);
    expect(page.store.get(RELOAD_KEY)).toBe('reloading');
  });

  test.each(['input', 'keydown', 'pointerdown'])('no reload after the reader has acted (%s): the next page is isolated instead', (type) => {
    const page = fakePage({});
    page.run();
    page.touch(type);
    page.takeOver();
    expect(page.did.reloads).toBe(0);
  });

  test('an active worker that does not control the page (a reload that bypassed it): one reload', async () => {
    const page = fakePage({});
    page.run();
    await page.settle({ active: {}, installing: null, waiting: null });
    page.takeOver();
    expect(page.did.reloads).toBe(1);
  });

  test('a reload that did not bring isolation is not repeated in that tab', async () => {
    const page = fakePage({ stored: 'reloading' });
    page.run();
    await page.settle({ active: {}, installing: null, waiting: null });
    page.takeOver();
    expect(page.did.reloads).toBe(0);
    expect(page.store.get(RELOAD_KEY)).toBe('failed');
  });

  test('a page the worker controls that is still not isolated is not reloaded', async () => {
    const page = fakePage({ controlled: true });
    page.run();
    await page.settle({ active: {}, installing: null, waiting: null });
    expect(page.did.reloads).toBe(0);
  });

  test('without sessionStorage there is no guard against repeating, so no reload', async () => {
    const page = fakePage({ storage: 'throws' });
    expect(() => page.run()).not.toThrow();
    await page.settle({ active: {}, installing: null, waiting: null });
    page.takeOver();
    expect(page.did.reloads).toBe(0);
    expect(page.did.registered).toHaveLength(1);
  });

  test('a registration refused, or blocked so that it gives nothing, leaves the page as it is', async () => {
    const refused = fakePage({});
    refused.run();
    await refused.refuse();
    const blocked = fakePage({});
    blocked.run();
    await blocked.settle(undefined);
    expect([refused.did.reloads, blocked.did.reloads]).toEqual([0, 0]);
  });
});

describe('the integration', () => {
  const hooks = (enabled: boolean) => isolationWorker({ enabled }).hooks as Record<string, (options: unknown) => void>;

  test('a build injects the script into <head> and writes the package worker beside the pages', () => {
    const injected: [string, string][] = [];
    const integration = hooks(true);
    integration['astro:config:setup']!({
      config: { base: '/resnet-live' },
      command: 'build',
      injectScript: (stage: string, code: string) => injected.push([stage, code]),
    });
    expect(injected).toHaveLength(1);
    expect(injected[0]![0]).toBe('head-inline');
    expect(injected[0]![1]).toContain('"/resnet-live/coi-serviceworker.js"');
    const dir = mkdtempSync(join(tmpdir(), 'isolation-'));
    integration['astro:build:done']!({ dir: pathToFileURL(`${dir}/`) });
    expect(readFileSync(join(dir, 'coi-serviceworker.js'), 'utf8')).toBe(readFileSync(workerSource(), 'utf8'));
  });

  test.each([
    ['switched off', false, 'build'],
    ['in astro dev', true, 'dev'],
  ])('%s: no script and no worker', (_name, enabled, command) => {
    const injected: string[] = [];
    const integration = hooks(enabled);
    integration['astro:config:setup']!({ config: { base: '/' }, command, injectScript: (_stage: string, code: string) => injected.push(code) });
    const dir = mkdtempSync(join(tmpdir(), 'isolation-'));
    integration['astro:build:done']!({ dir: pathToFileURL(`${dir}/`) });
    expect(injected).toEqual([]);
    expect(() => readFileSync(join(dir, 'coi-serviceworker.js'))).toThrow(/ENOENT/);
  });

  test('the worker it ships is the package’s 0.1.7, which only re-serves responses with COOP/COEP', () => {
    const source = readFileSync(workerSource(), 'utf8');
    expect(source).toMatch(/^\/\*! coi-serviceworker v0\.1\.7 /);
    expect(source).toContain('newHeaders.set("Cross-Origin-Opener-Policy", "same-origin")');
  });
});
