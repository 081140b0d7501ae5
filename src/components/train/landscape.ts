/**
 * <resnet-loss-landscape>: trains a plain network and a ResNet in a worker
 * (landscape.worker.ts), then draws the slice of each one's loss surface as it fills in, row by
 * row, on one colour scale, with each surface's roughness and their ratio.
 *
 * The settings live in the address (FieldForm). The colour scale is fitted to everything drawn so
 * far and both panels are redrawn on it, at most once an animation frame.
 */
import type { Dataset } from '../../lib/train/data';
import { loadDataset } from '../../lib/train/data';
import { describeLandscape, fmt, landscapeProgress, panelTitle, ratioSentence, sharedRange, type SurfaceSummary } from '../../lib/train/landscape-view';
import { LANDSCAPE_FIELDS, parseLandscape, type LandscapeNetwork, type LandscapeParams } from '../../lib/train/landscape-experiment';
import type { FromLandscape, ToLandscape } from '../../lib/train/landscape-protocol';
import { withBase } from '../base-url';
import { colourScale, ContourPanel, drawColourBar } from '../charts/contour-map';
import { FocusHandoff } from '../focus-handoff';
import { FieldForm } from '../fields/field-form';
import { fetchWithProgress } from './fetch-with-progress';
import { findParts, type Parts } from '../parts';
import { LANDSCAPE_PARTS } from './markup';

const NETWORKS: readonly LandscapeNetwork[] = ['plain', 'resnet'];
/** One grid point (a forward pass over the test images) costs about this many training steps (measured in Node on WASM). */
const POINT_COST = 0.9;

type LandscapeParts = Parts<typeof LANDSCAPE_PARTS>;

/** One network's panel, title and roughness line. */
const partsOf = (parts: LandscapeParts, network: LandscapeNetwork) =>
  network === 'plain'
    ? { panel: parts.plainPanel, title: parts.plainTitle, roughness: parts.plainRoughness }
    : { panel: parts.resnetPanel, title: parts.resnetTitle, roughness: parts.resnetRoughness };

export class LossLandscapeElement extends HTMLElement {
  /** The markup's parts, found once as the element connects. */
  #parts: LandscapeParts | undefined;
  #form: FieldForm | undefined;
  #params: LandscapeParams | undefined;
  #worker: Worker | undefined;
  #sent = false;
  #running = false;
  #stopping = false;
  #panels = new Map<LandscapeNetwork, ContourPanel>();
  #rows = new Map<LandscapeNetwork, number[][]>();
  #done = new Map<LandscapeNetwork, SurfaceSummary>();
  #frame: number | undefined;
  #focus = new FocusHandoff(this);
  #span = 0.25;

  connectedCallback() {
    const parts = (this.#parts = findParts(this, LANDSCAPE_PARTS));
    this.#span = Number(this.dataset.span) || 0.25;
    for (const network of NETWORKS) {
      this.#panels.set(
        network,
        new ContourPanel(
          partsOf(parts, network).panel,
          this.#span,
          `Contour map of the ${network === 'resnet' ? 'ResNet' : 'plain network'}’s test loss over α and β`,
        ),
      );
    }
    parts.run.addEventListener('click', () => void this.#run());
    parts.stop.addEventListener('click', () => this.#stop());
    this.#form = new FieldForm(this, LANDSCAPE_FIELDS, () => this.#check());
    this.#form.load();
  }

  disconnectedCallback() {
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#form?.destroy();
    for (const panel of this.#panels.values()) panel.destroy();
    if (this.#frame !== undefined) cancelAnimationFrame(this.#frame);
  }

  #check() {
    const parts = this.#parts;
    if (!this.#form || !parts) return;
    const check = parseLandscape(this.#form.raw());
    this.#form.showErrors(check.ok ? {} : check.errors);
    this.#params = check.ok ? check.params : undefined;
    this.#focus.update(() => {
      parts.run.disabled = !check.ok || this.#running;
      parts.stop.disabled = !this.#running || this.#stopping;
    }, [parts.stop, parts.run]);
  }

  /** Writes `text` into a part, unless it already says it (a live region would say it again). */
  #text(pick: (parts: LandscapeParts) => HTMLElement, text: string) {
    const el = this.#parts && pick(this.#parts);
    if (el && el.textContent !== text) el.textContent = text;
  }

  #status(text: string) {
    this.#text((p) => p.status, text);
  }

  #progress(percent: number) {
    this.#parts?.progress.setAttribute('aria-valuenow', String(percent));
    this.#parts?.progressFill.style.setProperty('width', `${percent}%`);
  }

  #stop() {
    if (!this.#running) return;
    this.#stopping = true;
    this.#worker?.postMessage({ type: 'stop' } satisfies ToLandscape);
    this.#status('Stopping after the current step or grid point…');
    this.#check();
  }

  /** Both panels on the scale of everything computed so far, once per frame. */
  #draw() {
    this.#frame ??= requestAnimationFrame(() => {
      this.#frame = undefined;
      const grids = [...this.#rows.values()].filter((g) => g.length > 0);
      if (grids.length === 0) return;
      const colour = colourScale(sharedRange(grids));
      for (const [network, rows] of this.#rows) this.#panels.get(network)?.update(rows, colour);
      if (this.#parts) drawColourBar(this.#parts.colourBar, colour);
    });
  }

  #reset() {
    this.#rows.clear();
    this.#done.clear();
    for (const network of NETWORKS) {
      this.#panels.get(network)?.clear();
      this.#text((p) => partsOf(p, network).title, network === 'resnet' ? 'ResNet' : 'plain network');
      this.#text((p) => partsOf(p, network).roughness, 'roughness: not yet measured');
    }
    this.#parts?.colourBar.replaceChildren();
    this.#text((p) => p.ratio, '');
    this.#text((p) => p.summary, 'Test loss around the trained weights of each network. No data yet.');
    this.#progress(0);
  }

  async #run() {
    const params = this.#params;
    if (!params || this.#running) return;
    this.#running = true;
    this.#stopping = false;
    this.#check();
    this.#reset();
    try {
      this.#status('Loading the images…');
      const data = await loadDataset('fashion-mnist', { baseUrl: withBase('data/'), fetchBytes: (url, onBytes) => fetchWithProgress(url, onBytes) });
      const end = await this.#inWorker(params, data);
      if (end.type === 'failed') this.#status(`The figure could not be computed: ${end.message}`);
      else if (end.stopped) this.#status('Stopped. Press the button to start again.');
      else this.#status(`Done in ${end.seconds.toFixed(1)} s: compare the two maps.`);
    } catch (error) {
      this.#status(`The figure could not be computed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.#running = false;
      this.#stopping = false;
      this.#check();
    }
  }

  #inWorker(params: LandscapeParams, data: Dataset): Promise<Extract<FromLandscape, { type: 'done' | 'failed' }>> {
    this.#worker ??= new Worker(new URL('./landscape.worker.ts', import.meta.url), { type: 'module', name: 'landscape' });
    const worker = this.#worker;
    const message: ToLandscape = { type: 'start', params, dataset: this.#sent ? { name: data.manifest.name } : data };
    this.#sent = true;
    let backend = '';
    return new Promise((resolve) => {
      const finish = (end: Extract<FromLandscape, { type: 'done' | 'failed' }>) => {
        worker.removeEventListener('message', onMessage);
        worker.removeEventListener('error', onError);
        if (end.type === 'failed') {
          worker.terminate();
          this.#worker = undefined;
          this.#sent = false;
        }
        resolve(end);
      };
      const onMessage = ({ data: m }: MessageEvent<FromLandscape>) => {
        if (m.type === 'done' || m.type === 'failed') finish(m);
        else if (m.type === 'engine') backend = m.engine.backend;
        else this.#onEvent(params, m.event, backend);
      };
      const onError = (event: ErrorEvent) => {
        event.preventDefault();
        finish({ type: 'failed', message: event.message || 'the worker could not start' });
      };
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', onError);
      worker.postMessage(message);
    });
  }

  #onEvent(params: LandscapeParams, event: Extract<FromLandscape, { type: 'event' }>['event'], backend: string) {
    if (!this.#stopping) this.#progress(landscapeProgress(params, event, POINT_COST));
    const name = event.network === 'resnet' ? 'ResNet' : 'plain network';
    if (event.type === 'training') {
      this.#text((p) => partsOf(p, event.network).title, panelTitle(event.network, event.layers));
      if (!this.#stopping) this.#status(`Training the ${name}: step ${event.step} of ${event.steps} (TF.js ${backend}, in a background thread).`);
    } else if (event.type === 'row') {
      const rows = this.#rows.get(event.network) ?? [];
      rows[event.row] = event.losses;
      this.#rows.set(event.network, rows);
      this.#draw();
      if (!this.#stopping) this.#status(`Mapping the ${name}’s loss: row ${event.row + 1} of ${params.grid}.`);
    } else {
      this.#done.set(event.network, { network: event.network, layers: event.layers, losses: event.slice.losses, roughness: event.roughness });
      this.#text((p) => partsOf(p, event.network).roughness, `roughness ${fmt(event.roughness)}`);
      const surfaces = NETWORKS.flatMap((n) => this.#done.get(n) ?? []);
      const plain = this.#done.get('plain');
      const resnet = this.#done.get('resnet');
      if (plain && resnet) this.#text((p) => p.ratio, ratioSentence(plain.roughness, resnet.roughness));
      this.#text((p) => p.summary, describeLandscape(surfaces, this.#span));
    }
  }
}
