/**
 * The loss-landscape worker: runs the experiment (src/lib/train/landscape-experiment.ts) off the
 * page's main thread, one run at a time, on the backend the lab would train with. Messages are
 * in src/lib/train/landscape-protocol.ts.
 */
import type { Dataset } from '../../lib/train/data';
import { runLandscape } from '../../lib/train/landscape-experiment';
import type { FromLandscape, ToLandscape } from '../../lib/train/landscape-protocol';
import { startEngine } from '../engine';

const send = (message: FromLandscape) => self.postMessage(message);
const datasets = new Map<string, Dataset>();
let running: AbortController | undefined;

async function start(message: Extract<ToLandscape, { type: 'start' }>) {
  const { dataset } = message;
  if ('manifest' in dataset) datasets.set(dataset.manifest.name, dataset);
  const data = datasets.get('manifest' in dataset ? dataset.manifest.name : dataset.name);
  if (!data) {
    send({ type: 'failed', message: 'the images did not reach the worker; press the button again' });
    return;
  }
  const abort = new AbortController();
  running = abort;
  try {
    send({ type: 'engine', engine: await startEngine('landscape') });
    const started = performance.now();
    const { stopped } = await runLandscape(data, message.params, { signal: abort.signal, onEvent: (event) => send({ type: 'event', event }) });
    send({ type: 'done', stopped, seconds: (performance.now() - started) / 1000 });
  } catch (error) {
    send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  } finally {
    running = undefined;
  }
}

self.addEventListener('message', (event: MessageEvent<ToLandscape>) => {
  const message = event.data;
  if (message.type === 'start' && !running) void start(message);
  else if (message.type === 'stop') running?.abort();
});
