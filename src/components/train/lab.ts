/**
 * <resnet-training-lab>: the lab's state machine — idle → loading data → training ⇄ paused →
 * testing → done (or stopped) — and the wiring between the form, the training worker and the
 * view. Training itself runs in a worker (trainer.worker.ts); the page draws what it reports and
 * keeps the trained model for the gallery, "try your own image" and saving.
 */
import type { LayersModel } from '@tensorflow/tfjs';
import { loadDataset, type Dataset } from '../../lib/train/data';
import { modelConfig, parseLabParams, type LabParams } from '../../lib/train/lab-params';
import type { MemoryInfo, RunTiming, TestResult } from '../../lib/train/trainer-protocol';
import { formatCount } from '../../lib/resnet/format';
import { hasWebGpu } from '../../lib/train/backend';
import { withBase } from '../base-url';
import type { Engine } from './engine';
import { fetchWithProgress } from './fetch-with-progress';
import { emptyCurves, LabCharts, renderConfusion, renderGallery } from './lab-view';
import { KeepPanel, pageTf } from './keep-panel';
import { OwnImagePanel } from './own-image-panel';
import { RunView } from './run-view';
import { Trainer } from './trainer-client';

type Phase = 'idle' | 'busy' | 'paused';

export class TrainingLabElement extends HTMLElement {
  #charts: LabCharts | undefined;
  /** The trained (or loaded) model, on the page's own backend (see `pageTf`). */
  #model: LayersModel | undefined;
  #trainer = new Trainer();
  #run: RunView | undefined;
  #paused = false;
  #abort: AbortController | undefined;
  #datasets = new Map<string, Dataset>();
  /** The backend training runs on, in the worker. */
  #engine: Engine | undefined;
  /** Tensors the training worker holds, as it last reported. */
  #memory: MemoryInfo | undefined;
  #own: OwnImagePanel | undefined;
  #keep: KeepPanel | undefined;
  /** Tensors held after each epoch: the same number every time, or something leaks. */
  #epochTensors: number[] = [];
  /** Kernels TF.js ran for one step of this run: each is a dispatch, and they set a small model's speed. */
  #kernelsPerStep: number | undefined;

  connectedCallback() {
    this.#charts = new LabCharts(this);
    const webgpu = this.querySelector<HTMLOptionElement>('option[data-needs-webgpu]');
    if (webgpu && !hasWebGpu()) {
      webgpu.disabled = true;
      webgpu.textContent = 'WebGPU (not offered by this browser)';
    }
    this.#own = new OwnImagePanel(this.querySelector('[data-own]') as HTMLElement);
    this.#keep = new KeepPanel(
      this,
      () => this.#button('stop').disabled,
      (loaded) => {
        this.#model?.dispose();
        this.#model = loaded.model;
        this.#own?.use(loaded.model, loaded.classes);
      },
    );
    this.#charts.update(emptyCurves());
    this.querySelector('form')?.addEventListener('submit', (event) => event.preventDefault());
    this.querySelector('form')?.addEventListener('input', () => this.#check());
    this.#button('train').addEventListener('click', () => void this.#train());
    this.#button('pause').addEventListener('click', () => {
      this.#trainer.pause();
      this.#paused = true;
      this.#setPhase('paused');
      this.#status('Pausing after the current batch…');
    });
    this.#button('resume').addEventListener('click', () => {
      this.#trainer.resume();
      this.#paused = false;
      this.#setPhase('busy');
    });
    this.#button('stop').addEventListener('click', () => {
      this.#abort?.abort();
      this.#trainer.stop();
      this.#paused = false;
      this.#status('Stopping after the current batch…');
    });
    this.#check();
  }

  disconnectedCallback() {
    // Ending the worker frees the model, its tensors and the backend at once, mid-step or not.
    this.#abort?.abort();
    this.#trainer.terminate();
    this.#charts?.destroy();
    this.#model?.dispose();
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
    // A button that disables itself would drop keyboard focus to the page: hand it to the button
    // that makes sense next (Pause while training, Resume while paused, Train when done).
    const focused = document.activeElement;
    if (focused instanceof HTMLButtonElement && focused.disabled && this.contains(focused)) {
      this.#button(phase === 'busy' ? 'pause' : phase === 'paused' ? 'resume' : 'train').focus();
    }
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
    const engine = this.#engine;
    if (!line || !engine) return;
    const memory = this.#memory ?? { numTensors: 0, numBytes: 0 };
    const threads = engine.threads === undefined ? '' : ` (${engine.threads} thread${engine.threads === 1 ? '' : 's'}${engine.simd ? ', SIMD' : ''})`;
    line.textContent =
      `Backend: ${engine.backend}${threads}, in a background thread. ${engine.reason} GPU renderer: ${engine.renderer ?? 'none'}. ` +
      `Tensors held for training: ${formatCount(memory.numTensors)}, ${(memory.numBytes / 2 ** 20).toFixed(1)} MB.` +
      (this.#kernelsPerStep === undefined ? '' : ` Kernels run per training step: ${formatCount(this.#kernelsPerStep)}.`) +
      (this.#epochTensors.length > 0 ? ` Tensors after each epoch: ${this.#epochTensors.join(', ')}.` : '');
    (line as HTMLElement).dataset.backend = engine.backend;
    if (engine.threads !== undefined) (line as HTMLElement).dataset.threads = String(engine.threads);
  }

  async #data(params: LabParams): Promise<Dataset> {
    const cached = this.#datasets.get(params.dataset);
    if (cached) return cached;
    this.#status('Downloading the images…');
    const dataset = await loadDataset(params.dataset, {
      baseUrl: withBase('data/'),
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
    this.#epochTensors = [];
    this.#kernelsPerStep = undefined;
    this.#setPhase('busy');
    this.#model?.dispose();
    this.#model = undefined;
    this.#own?.use(undefined, []);
    this.#keep?.use(undefined);
    this.#run = new RunView(params, (curves) => this.#charts?.update(curves));
    const status = this.querySelector<HTMLElement>('[data-status]');
    if (status) for (const key of ['firstStepMs', 'imagesPerSecond', 'overheadPercent']) delete status.dataset[key];
    (this.querySelector('[data-results]') as HTMLElement).hidden = true;
    try {
      const data = await this.#data(params);
      this.#status('Starting the backend…');
      const end = await this.#trainer.run(params, data, (message) => this.#onProgress(message));
      this.#run.flush();
      if (end.type === 'failed') {
        this.#status(`Training could not go on: ${end.message}`);
        return;
      }
      this.#memory = end.memory;
      if (end.reason === 'diverged') {
        this.#status(`The loss stopped being a number (NaN or infinite), so training stopped: the learning rate ${params.lr} is probably too high. Try ${params.lr > 0.001 ? params.lr / 10 : 0.0001}.`);
        return;
      }
      if (end.reason === 'context-lost') {
        this.#status('The browser took the GPU away (the WebGL context was lost), so training stopped. Press Train to start again, or choose WebAssembly or CPU.');
        return;
      }
      if (!end.test || !end.model) return;
      this.#status('Loading the trained model into the page…');
      const tf = await pageTf();
      this.#model = await tf.loadLayersModel(tf.io.fromMemory(end.model));
      this.#showResults(data, end.test, end.stopped);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.#status(this.#abort?.signal.aborted ? 'Stopped.' : `Training could not go on: ${message}`);
    } finally {
      this.#setPhase('idle');
      this.#check();
      this.#showEngine();
    }
  }

  /** What the worker reports while it trains: the page only draws. */
  #onProgress(message: Parameters<Parameters<Trainer['run']>[2]>[0]) {
    const run = this.#run;
    if (!run) return;
    if (message.type === 'engine') {
      this.#engine = message.engine;
      this.#memory = message.memory;
      this.#showEngine();
    } else if (message.type === 'model') {
      this.#status(`Training ${formatCount(message.parameters)} parameters… the first steps are slower while the backend compiles.`);
    } else if (message.type === 'batch') {
      this.#memory = message.memory;
      if (message.report.kernels !== undefined) this.#kernelsPerStep = message.report.kernels;
      const text = run.batch(message.report);
      if (!this.#paused && !this.#abort?.signal.aborted) this.#status(text);
      this.#progress(run.fraction);
      this.#showEngine();
    } else if (message.type === 'epoch') {
      this.#memory = message.memory;
      this.#epochTensors.push(message.report.tensors);
      run.epoch(message.report);
      this.#showEngine();
    } else if (message.type === 'paused') {
      if (this.#paused) this.#status('Paused. Resume carries on from the next batch.');
    } else {
      this.#recordTiming(message.timing);
      this.#status(this.#abort?.signal.aborted ? 'Stopped. Testing the model as it is…' : 'Trained. Testing on images it has never seen…');
    }
  }

  /** Puts the run's speed on the status line's data attributes, where the benchmark reads it. */
  #recordTiming(t: RunTiming) {
    const status = this.querySelector<HTMLElement>('[data-status]');
    if (!status) return;
    status.dataset.firstStepMs = String(Math.round(t.firstStepMs));
    if (t.kernelsPerStep !== undefined) status.dataset.kernelsPerStep = String(t.kernelsPerStep);
    if (t.images > 0 && t.wallMs > 0) {
      status.dataset.imagesPerSecond = (t.images / (t.wallMs / 1000)).toFixed(2);
      status.dataset.overheadPercent = ((100 * (t.wallMs - t.bareMs)) / t.bareMs).toFixed(2);
    }
  }

  #showResults(data: Dataset, test: TestResult, stopped: boolean) {
    const results = this.querySelector<HTMLElement>('[data-results]');
    if (!results) return;
    results.hidden = false;
    const line = results.querySelector('[data-test-accuracy]');
    if (line) line.textContent = `Test accuracy: ${(100 * test.accuracy).toFixed(1)} % on ${formatCount(data.test.count)} test images${stopped ? ' (training was stopped early)' : ''}.`;
    renderConfusion(results.querySelector('[data-confusion]') as HTMLTableElement, test.matrix, data.manifest.classes);
    renderGallery(results.querySelector('[data-gallery]') as HTMLElement, data.test.images, data.test.labels, test.predicted, data.manifest.classes);
    this.#own?.use(this.#model, data.manifest.classes);
    if (this.#model) this.#keep?.use({ model: this.#model, dataset: data.manifest.name, classes: data.manifest.classes });
    this.#progress(1);
    this.#status(stopped ? 'Stopped early; results below are for the model as it was.' : 'Done. Results below.');
  }
}
