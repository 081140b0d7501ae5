/**
 * <resnet-training-lab>: the lab's state machine — idle → loading data → training ⇄ paused →
 * evaluating → done (or stopped) — and the wiring between the form, the training loop and the
 * view. The loop itself (src/lib/train/loop.ts) knows nothing of the page.
 */
import * as tf from '@tensorflow/tfjs';
import { resNet50 } from '../../lib/resnet/models';
import { smallResNet } from '../../lib/resnet/small';
import { loadDataset, type Dataset } from '../../lib/train/data';
import { modelConfig, parseLabParams, type LabParams } from '../../lib/train/lab-params';
import { PauseGate, predictSplit, trainModel } from '../../lib/train/loop';
import { formatDuration, Pace, Smoother } from '../../lib/train/metrics';
import { formatCount } from '../../lib/resnet/format';
import { hasWebGpu, useBackend, type Engine } from './engine';
import { fetchWithProgress } from './fetch-with-progress';
import { emptyCurves, LabCharts, renderConfusion, renderGallery, type Curves } from './lab-view';
import { downloadModel, keepModel, loadKeptModel, loadModelFiles, type Loaded } from './model-store';
import { OwnImagePanel } from './own-image-panel';

type Phase = 'idle' | 'busy' | 'paused';

export class TrainingLabElement extends HTMLElement {
  #charts: LabCharts | undefined;
  #model: tf.LayersModel | undefined;
  #gate = new PauseGate();
  #abort: AbortController | undefined;
  #datasets = new Map<string, Dataset>();
  #engine: Engine | undefined;
  #own: OwnImagePanel | undefined;
  /** What the current model was trained on, for keeping it. */
  #trainedOn: { dataset: string; classes: string[] } | undefined;
  #contextLost = false;
  /** Tensors held after each epoch: the same number every time, or something leaks. */
  #epochTensors: number[] = [];

  connectedCallback() {
    this.#charts = new LabCharts(this);
    const webgpu = this.querySelector<HTMLOptionElement>('option[data-needs-webgpu]');
    if (webgpu && !hasWebGpu()) {
      webgpu.disabled = true;
      webgpu.textContent = 'WebGPU (not offered by this browser)';
    }
    this.#own = new OwnImagePanel(this.querySelector('[data-own]') as HTMLElement);
    this.#store('download').addEventListener('click', () => void this.#keep('download'));
    this.#store('save').addEventListener('click', () => void this.#keep('save'));
    this.#store('load').addEventListener('click', () => void this.#load(() => loadKeptModel()));
    this.querySelector<HTMLInputElement>('[data-model-files]')?.addEventListener('change', (e) => {
      const input = e.target as HTMLInputElement;
      const files = [...(input.files ?? [])];
      input.value = '';
      void this.#load(() => loadModelFiles(files));
    });
    this.#charts.update(emptyCurves());
    this.querySelector('form')?.addEventListener('submit', (event) => event.preventDefault());
    this.querySelector('form')?.addEventListener('input', () => this.#check());
    this.#button('train').addEventListener('click', () => void this.#train());
    this.#button('pause').addEventListener('click', () => {
      this.#gate.pause();
      this.#setPhase('paused');
      this.#status('Paused. Resume carries on from the next batch.');
    });
    this.#button('resume').addEventListener('click', () => {
      this.#gate.resume();
      this.#setPhase('busy');
    });
    this.#button('stop').addEventListener('click', () => {
      this.#abort?.abort();
      this.#gate.resume();
      this.#status('Stopping after the current batch…');
    });
    this.#check();
  }

  disconnectedCallback() {
    this.#abort?.abort();
    this.#gate.resume();
    this.#charts?.destroy();
    this.#model?.dispose();
  }

  #store(action: string): HTMLButtonElement {
    return this.querySelector(`[data-store="${action}"]`) as HTMLButtonElement;
  }

  #storeStatus(text: string) {
    const line = this.querySelector('[data-store-status]');
    if (line) line.textContent = text;
  }

  async #keep(how: 'download' | 'save') {
    if (!this.#model || !this.#trainedOn) return;
    try {
      if (how === 'download') await downloadModel(this.#model, this.#trainedOn.dataset, this.#trainedOn.classes);
      else await keepModel(this.#model, this.#trainedOn.dataset, this.#trainedOn.classes);
      this.#storeStatus(how === 'download' ? 'Downloaded resnet-live-model.json and its weights.' : 'Kept in this browser: it will still be here after a reload.');
    } catch (error) {
      this.#storeStatus(`Could not ${how === 'download' ? 'download' : 'keep'} the model: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Loads a kept or downloaded model in place of the current one (not while training). */
  async #load(from: () => Promise<Loaded>) {
    if (!this.#button('stop').disabled) return;
    this.#engine ??= await useBackend('auto');
    const kept = await from();
    if ('reason' in kept) {
      this.#storeStatus(kept.reason);
      return;
    }
    this.#model?.dispose();
    this.#model = kept.model;
    this.#trainedOn = { dataset: kept.meta.dataset, classes: kept.meta.classes };
    this.#own?.use(kept.model, kept.meta.classes);
    this.#store('download').disabled = false;
    this.#store('save').disabled = false;
    this.#storeStatus(`Loaded the model saved on ${new Date(kept.meta.savedAt).toLocaleString()} (trained on ${kept.meta.dataset}, ${formatCount(kept.model.countParams())} parameters).`);
    this.#showEngine();
  }

  #button(action: string): HTMLButtonElement {
    return this.querySelector(`[data-action="${action}"]`) as HTMLButtonElement;
  }

  #status(text: string) {
    const status = this.querySelector('[data-status]');
    if (status) status.textContent = text;
  }

  #progress(fraction: number) {
    const bar = this.querySelector<HTMLElement>('[data-progress]');
    const percent = Math.round(100 * Math.min(1, Math.max(0, fraction)));
    bar?.setAttribute('aria-valuenow', String(percent));
    this.querySelector<HTMLElement>('[data-progress-fill]')?.style.setProperty('width', `${percent}%`);
  }

  #setPhase(phase: Phase) {
    this.#button('train').disabled = phase !== 'idle';
    this.#button('pause').disabled = phase !== 'busy';
    this.#button('resume').disabled = phase !== 'paused';
    this.#button('stop').disabled = phase === 'idle';
    for (const field of this.querySelectorAll<HTMLInputElement | HTMLSelectElement>('form input, form select')) field.disabled = phase !== 'idle';
  }

  #raw(): Record<string, string> {
    return Object.fromEntries([...this.querySelectorAll<HTMLInputElement | HTMLSelectElement>('form [name]')].map((f) => [f.name, f.value]));
  }

  /** Validates the form: messages beside fields, and Train only when all is well. */
  #check(): LabParams | undefined {
    const check = parseLabParams(this.#raw());
    for (const input of this.querySelectorAll<HTMLInputElement>('form input[name]')) {
      const message = check.ok ? undefined : check.errors[input.name];
      input.setAttribute('aria-invalid', String(message !== undefined));
      const slot = this.querySelector(`[data-message-for="${input.name}"]`);
      if (slot) slot.textContent = message ?? '';
    }
    this.#button('train').disabled = !check.ok || !this.#button('stop').disabled;
    if (!check.ok) return undefined;
    const config = modelConfig(check.params, 10);
    const summary = this.querySelector('[data-model-summary]');
    if (summary && check.params.preset === 'resnet50') {
      summary.textContent =
        `${check.params.residual ? 'ResNet-50' : 'ResNet-50’s plain twin'}: the lesson's model, 23.6 million parameters, on the images resized to 64 × 64 × 3 ` +
        '(depth and width do not apply). It needs a real GPU: on WebAssembly or the CPU one step takes minutes.';
    } else if (summary) {
      const blocks = config.stages.length * (1 + config.stages[0]!.identityBlocks);
      summary.textContent = `${check.params.residual ? 'ResNet' : 'Plain twin'}: ${config.stages.length} stages, ${blocks} blocks, stem ${config.stem} filters, first stage F1 = ${config.stages[0]?.F1}.`;
    }
    return check.params;
  }

  #showEngine() {
    const line = this.querySelector('[data-engine]');
    if (!line || !this.#engine) return;
    const memory = tf.memory();
    line.textContent =
      `Backend: ${this.#engine.backend}. ${this.#engine.reason} GPU renderer: ${this.#engine.renderer ?? 'none'}. ` +
      `Tensors held: ${formatCount(memory.numTensors)}, ${(memory.numBytes / 2 ** 20).toFixed(1)} MB.` +
      (this.#epochTensors.length > 0 ? ` Tensors after each epoch: ${this.#epochTensors.join(', ')}.` : '');
    (line as HTMLElement).dataset.backend = this.#engine.backend;
  }

  async #data(params: LabParams): Promise<Dataset> {
    const cached = this.#datasets.get(params.dataset);
    if (cached) return cached;
    this.#status('Downloading the images…');
    const dataset = await loadDataset(params.dataset, {
      fetchBytes: (url, onBytes) => fetchWithProgress(url, onBytes, this.#abort?.signal),
      onProgress: ({ loaded, total }) => {
        this.#progress(loaded / total);
        this.#status(`Downloading the images: ${(loaded / 2 ** 20).toFixed(1)} of ${(total / 2 ** 20).toFixed(1)} MB`);
      },
    });
    this.#datasets.set(params.dataset, dataset);
    return dataset;
  }

  async #train() {
    const params = this.#check();
    if (!params) return;
    this.#abort = new AbortController();
    this.#gate = new PauseGate();
    this.#contextLost = false;
    this.#epochTensors = [];
    this.#setPhase('busy');
    this.#model?.dispose();
    this.#model = undefined;
    this.#own?.use(undefined, []);
    this.#store('download').disabled = true;
    this.#store('save').disabled = true;
    const curves: Curves = emptyCurves();
    this.#charts?.update(curves);
    (this.querySelector('[data-results]') as HTMLElement).hidden = true;
    try {
      this.#engine = await useBackend(params.backend);
      this.#showEngine();
      const stopOnContextLoss = () => {
        this.#contextLost = true;
        this.#abort?.abort();
        this.#gate.resume();
      };
      const canvas = (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl?.canvas;
      canvas?.addEventListener('webglcontextlost', stopOnContextLoss, { once: true });
      const data = await this.#data(params);
      const classes = data.manifest.classes.length;
      const big = params.preset === 'resnet50';
      const model = big ? resNet50([64, 64, 3], classes, { plain: !params.residual, batchNormMomentum: 0.9 }) : smallResNet(modelConfig(params, classes));
      this.#model = model;
      const optimizer = params.optimizer === 'adam' ? tf.train.adam(params.lr) : tf.train.momentum(params.lr, 0.9);
      model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
      const loss = new Smoother();
      const accuracy = new Smoother();
      const pace = new Pace();
      // For the benchmark: the first step (backend warm-up) apart, the wall time of the lab's loop
      // against the time spent preparing batches and in trainOnBatch, which a bare loop also spends.
      const timing = { first: NaN, bare: 0, images: 0, wallStart: NaN, wallEnd: NaN };
      let lastShown = -Infinity;
      const config = { epochs: params.epochs, batchSize: params.batch, trainSize: params.trainSize, classes, side: 28, seed: 2016, ...(big ? { modelInput: [64, 64, 3] as [number, number, number] } : {}) };
      const images = Math.min(params.trainSize, data.train.count);
      const totalSteps = params.epochs * Math.ceil(images / params.batch);
      this.#status(`Training ${formatCount(model.countParams())} parameters… the first steps are slower while the backend compiles.`);
      const result = await trainModel(model, data.train, data.validation, config, {
        gate: this.#gate,
        signal: this.#abort.signal,
        onBatch: (r) => {
          const step = (r.epoch - 1) * r.batchesPerEpoch + r.batch;
          if (step === 1) {
            timing.first = r.ms;
            timing.wallStart = performance.now();
          } else {
            timing.bare += r.ms;
            timing.images += r.images;
            timing.wallEnd = performance.now();
          }
          curves.trainLoss.push({ x: step, y: loss.add(r.loss) });
          curves.trainAccuracy.push({ x: step, y: accuracy.add(r.accuracy) });
          pace.add(r.images, r.ms);
          // Text and chart updates at most four times a second: a small model's step takes tens of
          // milliseconds, and redrawing after each would cost it a noticeable share of its time.
          const now = performance.now();
          if (now - lastShown < 250 && step < totalSteps) return;
          lastShown = now;
          this.#progress(step / totalSteps);
          const left = formatDuration(pace.secondsLeft((totalSteps - step) * params.batch));
          if (!this.#gate.paused && !this.#abort?.signal.aborted) {
            this.#status(`Epoch ${r.epoch} of ${params.epochs} · batch ${r.batch} of ${r.batchesPerEpoch} · ${pace.imagesPerSecond().toFixed(1)} images/s · about ${left} left`);
          }
          this.#charts?.update(curves);
          this.#showEngine();
        },
        onEpoch: (r) => {
          this.#epochTensors.push(r.tensors);
          const step = r.epoch * Math.ceil(images / params.batch);
          curves.validationLoss.push({ x: step, y: r.validationLoss });
          curves.validationAccuracy.push({ x: step, y: r.validationAccuracy });
          this.#charts?.update(curves);
        },
      });
      if (result.reason === 'diverged') {
        this.#status(`The loss stopped being a number (NaN or infinite), so training stopped: the learning rate ${params.lr} is probably too high. Try ${params.lr > 0.001 ? params.lr / 10 : 0.0001}.`);
        return;
      }
      if (this.#contextLost) {
        this.#status('The browser took the GPU away (the WebGL context was lost), so training stopped. Reload the page, or choose WebAssembly or CPU.');
        return;
      }
      this.#status(result.stopped ? `Stopped after ${result.epochs} full epoch${result.epochs === 1 ? '' : 's'}. Testing the model as it is…` : 'Trained. Testing on images it has never seen…');
      this.#recordTiming(timing);
      const test = await predictSplit(model, data.test, config);
      this.#showResults(data, test, result.stopped);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.#status(this.#abort?.signal.aborted ? 'Stopped.' : `Training could not go on: ${message}`);
    } finally {
      this.#setPhase('idle');
      this.#check();
      this.#showEngine();
    }
  }

  /** Puts the run's speed on the status line's data attributes, where the benchmark reads it. */
  #recordTiming(t: { first: number; bare: number; images: number; wallStart: number; wallEnd: number }) {
    const status = this.querySelector<HTMLElement>('[data-status]');
    if (!status) return;
    const wall = t.wallEnd - t.wallStart;
    status.dataset.firstStepMs = String(Math.round(t.first));
    if (t.images > 0 && wall > 0) {
      status.dataset.imagesPerSecond = (t.images / (wall / 1000)).toFixed(2);
      status.dataset.overheadPercent = ((100 * (wall - t.bare)) / t.bare).toFixed(2);
    }
  }

  #showResults(data: Dataset, test: Awaited<ReturnType<typeof predictSplit>>, stopped: boolean) {
    const results = this.querySelector<HTMLElement>('[data-results]');
    if (!results) return;
    results.hidden = false;
    const line = results.querySelector('[data-test-accuracy]');
    if (line) line.textContent = `Test accuracy: ${(100 * test.accuracy).toFixed(1)} % on ${formatCount(data.test.count)} test images${stopped ? ' (training was stopped early)' : ''}.`;
    renderConfusion(results.querySelector('[data-confusion]') as HTMLTableElement, test.matrix, data.manifest.classes);
    renderGallery(results.querySelector('[data-gallery]') as HTMLElement, data.test.images, data.test.labels, test.predicted, data.manifest.classes);
    this.#trainedOn = { dataset: data.manifest.name, classes: data.manifest.classes };
    this.#own?.use(this.#model, data.manifest.classes);
    this.#store('download').disabled = false;
    this.#store('save').disabled = false;
    this.#progress(1);
    this.#status(stopped ? 'Stopped early; results below are for the model as it was.' : 'Done. Results below.');
  }
}
