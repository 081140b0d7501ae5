/**
 * <resnet-training-lab>: the wiring between the form, the training worker, the runs of the
 * session and the view. The lab's phase is one explicit state machine (src/lib/train/lab-state.ts);
 * the buttons only render it. Training itself runs in a worker (trainer.worker.ts); the page draws
 * what it reports, keeps every run's numbers for the charts and the table of runs, and keeps the
 * latest trained model for the gallery, "try your own image" and saving.
 */
import type { LayersModel } from '@tensorflow/tfjs';
import { loadDataset, type Dataset } from '../../lib/train/data';
import { LAB_FIELDS, modelConfig, parseLabParams, type LabParams } from '../../lib/train/lab-params';
import { controls, INITIAL, isRunning, transition, type LabEvent, type LabState } from '../../lib/train/lab-state';
import { RunLog, type RunRecord } from '../../lib/train/runs';
import type { MemoryInfo, RunTiming, TestResult } from '../../lib/train/trainer-protocol';
import { formatCount } from '../../lib/resnet/format';
import { hasWebGpu } from '../../lib/train/backend';
import { withBase } from '../base-url';
import { FieldForm } from '../model/field-form';
import type { Engine } from '../backend';
import { engineLine } from './engine-line';
import { fetchWithProgress } from './fetch-with-progress';
import { LabCharts, renderConfusion, renderGallery } from './lab-view';
import { KeepPanel, pageTf } from './keep-panel';
import { OwnImagePanel } from './own-image-panel';
import { RunView } from './run-view';
import { RunsTable } from './runs-table';
import { Trainer, type RunEnd } from './trainer-client';

type Progress = Parameters<Parameters<Trainer['run']>[2]>[0];

export class TrainingLabElement extends HTMLElement {
  #state: LabState = INITIAL;
  /** The form's settings when they are valid. */
  #params: LabParams | undefined;
  #form: FieldForm | undefined;
  #charts: LabCharts | undefined;
  #runs = new RunLog();
  #table: RunsTable | undefined;
  /** The run training now, and its view. */
  #run: RunView | undefined;
  /** Said before the status while a pair trains: which of the two this is. */
  #prefix = '';
  /** The trained (or loaded) model, on the page's own backend (see `pageTf`). */
  #model: LayersModel | undefined;
  #trainer = new Trainer();
  #abort: AbortController | undefined;
  #datasets = new Map<string, Dataset>();
  #engine: Engine | undefined;
  #figures: { memory?: MemoryInfo; kernelsPerStep?: number; epochTensors: number[] } = { epochTensors: [] };
  #own: OwnImagePanel | undefined;
  #keep: KeepPanel | undefined;

  connectedCallback() {
    this.#charts = new LabCharts(this);
    this.#table = new RunsTable(this.querySelector('[data-runs]') as HTMLTableElement, this.#runs, () => this.#runsChanged());
    const webgpu = this.querySelector<HTMLOptionElement>('option[data-needs-webgpu]');
    if (webgpu && !hasWebGpu()) {
      webgpu.disabled = true;
      webgpu.textContent = 'WebGPU (not offered by this browser)';
    }
    this.#own = new OwnImagePanel(this.querySelector('[data-own]') as HTMLElement);
    this.#keep = new KeepPanel(
      this,
      () => !isRunning(this.#state),
      (loaded) => {
        this.#model?.dispose();
        this.#model = loaded.model;
        this.#own?.use(loaded.model, loaded.classes);
      },
    );
    this.#charts.update([]);
    this.#button('train').addEventListener('click', () => void this.#train(false));
    this.#button('pair').addEventListener('click', () => void this.#train(true));
    this.#button('pause').addEventListener('click', () => {
      this.#trainer.pause();
      this.#dispatch({ type: 'pause' });
      this.#status('Pausing after the current batch…');
    });
    this.#button('resume').addEventListener('click', () => {
      this.#trainer.resume();
      this.#dispatch({ type: 'resume' });
    });
    this.#button('stop').addEventListener('click', () => {
      this.#abort?.abort();
      this.#trainer.stop();
      this.#dispatch({ type: 'stop' });
      this.#status('Stopping after the current batch…');
    });
    // The settings live in the address, so a link opens the lab set up as its author left it.
    this.#form = new FieldForm(this, LAB_FIELDS, () => this.#check());
    this.#form.load();
  }

  disconnectedCallback() {
    // Ending the worker frees the model, its tensors and the backend at once, mid-step or not.
    this.#abort?.abort();
    this.#trainer.terminate();
    this.#form?.destroy();
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

  #dispatch(event: LabEvent) {
    this.#state = transition(this.#state, event);
    this.#render();
  }

  /** The buttons and fields as the state (and the form's validity) allow. */
  #render() {
    const c = controls(this.#state);
    this.dataset.phase = this.#state.phase;
    this.#button('train').disabled = !c.train || !this.#params;
    this.#button('pair').disabled = !c.train || !this.#params;
    this.#button('pause').disabled = !c.pause;
    this.#button('resume').disabled = !c.resume;
    this.#button('stop').disabled = !c.stop;
    for (const field of this.querySelectorAll<HTMLInputElement | HTMLSelectElement>('form input, form select')) field.disabled = !c.fields;
    // A button that disables itself would drop keyboard focus to the page: hand it to the button
    // that makes sense next (Pause while training, Resume while paused, Train when done).
    const focused = document.activeElement;
    if (focused instanceof HTMLButtonElement && focused.disabled && this.contains(focused)) {
      const next = [c.pause && 'pause', c.resume && 'resume', c.train && 'train', c.stop && 'stop'].find(Boolean);
      if (next) this.#button(next).focus();
    }
  }

  /** Validates the form: messages beside fields, and Train only when all is well. */
  #check() {
    const check = parseLabParams(this.#form?.raw() ?? {});
    this.#form?.showErrors(check.ok ? {} : check.errors);
    this.#params = check.ok ? check.params : undefined;
    this.#render();
    const summary = this.querySelector('[data-model-summary]');
    if (!summary || !check.ok) return;
    const p = check.params;
    if (p.preset === 'resnet50') {
      summary.textContent =
        `${p.residual ? 'ResNet-50' : 'ResNet-50’s plain twin'}: the lesson's model, 23.6 million parameters, on the images resized to 64 × 64 × 3 ` +
        '(depth and width do not apply). It needs a real GPU: on WebAssembly or the CPU one step takes minutes.';
    } else {
      const config = modelConfig(p, 10);
      const blocks = config.stages.length * (1 + config.stages[0]!.identityBlocks);
      summary.textContent = `${p.residual ? 'ResNet' : 'Plain twin'}: ${config.stages.length} stages, ${blocks} blocks, stem ${config.stem} filters, first stage F1 = ${config.stages[0]?.F1}.`;
    }
  }

  #showEngine() {
    const line = this.querySelector<HTMLElement>('[data-engine]');
    if (!line || !this.#engine) return;
    line.textContent = engineLine(this.#engine, this.#figures);
    line.dataset.backend = this.#engine.backend;
    if (this.#engine.threads !== undefined) line.dataset.threads = String(this.#engine.threads);
  }

  #runsChanged() {
    this.#table?.render();
    this.#charts?.update(this.#runs.list());
  }

  async #data(params: LabParams): Promise<Dataset> {
    const cached = this.#datasets.get(params.dataset);
    if (cached) return cached;
    this.#status(`${this.#prefix}Downloading the images…`);
    const dataset = await loadDataset(params.dataset, {
      baseUrl: withBase('data/'),
      fetchBytes: (url, onBytes) => fetchWithProgress(url, onBytes, this.#abort?.signal),
      onProgress: ({ loaded, total }) => {
        this.#progress(loaded / total);
        this.#status(`${this.#prefix}Downloading the images: ${(loaded / 2 ** 20).toFixed(1)} of ${(total / 2 ** 20).toFixed(1)} MB`);
      },
    });
    this.#datasets.set(params.dataset, dataset);
    return dataset;
  }

  /** Trains the form's settings; as a pair, as ResNet and then as its plain twin. */
  async #train(pair: boolean) {
    const params = this.#params;
    if (!params || isRunning(this.#state)) return;
    this.#abort = new AbortController();
    const list = pair ? [{ ...params, residual: true }, { ...params, residual: false }] : [params];
    for (const [i, p] of list.entries()) {
      this.#prefix = pair ? `Pair, run ${i + 1} of 2 (${p.residual ? 'ResNet' : 'plain twin'}): ` : '';
      await this.#trainOne(p);
      if (this.#state.phase !== 'done') break;
    }
    this.#prefix = '';
  }

  async #trainOne(params: LabParams) {
    this.#dispatch({ type: 'start' });
    this.#figures = { epochTensors: [] };
    this.#model?.dispose();
    this.#model = undefined;
    this.#own?.use(undefined, []);
    this.#keep?.use(undefined);
    const record = this.#runs.add(params);
    this.#run = new RunView(params, record.curves, () => this.#charts?.update(this.#runs.list()));
    this.#table?.render();
    const status = this.querySelector<HTMLElement>('[data-status]');
    if (status) for (const key of ['firstStepMs', 'imagesPerSecond', 'overheadPercent']) delete status.dataset[key];
    (this.querySelector('[data-results]') as HTMLElement).hidden = true;
    try {
      const data = await this.#data(params);
      this.#status(`${this.#prefix}Starting the backend…`);
      const end = await this.#trainer.run(params, data, (message) => this.#onProgress(message));
      this.#run.flush();
      await this.#end(record, end, data, params);
    } catch (error) {
      const aborted = this.#abort?.signal.aborted;
      this.#runs.finish(record.id, aborted ? 'stopped' : 'failed');
      this.#dispatch(aborted ? { type: 'finished', stopped: true } : { type: 'failed' });
      this.#status(aborted ? 'Stopped.' : `Training could not go on: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      // The state machine has ended the run by now; a path that did not is a failure.
      if (isRunning(this.#state)) this.#dispatch({ type: 'failed' });
      this.#check();
      this.#runsChanged();
      this.#showEngine();
    }
  }

  /** How a run ended, for the run log, the state and the reader. */
  async #end(record: RunRecord, end: RunEnd, data: Dataset, params: LabParams) {
    if (end.type === 'failed') {
      this.#runs.finish(record.id, 'failed');
      this.#dispatch({ type: 'failed' });
      this.#status(`Training could not go on: ${end.message}`);
      return;
    }
    this.#figures.memory = end.memory;
    if (end.reason === 'diverged' || end.reason === 'context-lost') {
      this.#runs.finish(record.id, end.reason === 'diverged' ? 'stopped' : 'failed');
      this.#dispatch(end.reason === 'diverged' ? { type: 'finished', stopped: true } : { type: 'failed' });
      this.#status(
        end.reason === 'diverged'
          ? `The loss stopped being a number (NaN or infinite), so training stopped: the learning rate ${params.lr} is probably too high. Try ${params.lr > 0.001 ? params.lr / 10 : 0.0001}.`
          : 'The browser took the GPU away (the WebGL context was lost), so training stopped. Press Train to start again, or choose WebAssembly or CPU.',
      );
      return;
    }
    if (!end.test || !end.model) {
      this.#runs.finish(record.id, end.stopped ? 'stopped' : 'done');
      this.#dispatch({ type: 'finished', stopped: end.stopped });
      return;
    }
    this.#status('Loading the trained model into the page…');
    const tf = await pageTf();
    this.#model = await tf.loadLayersModel(tf.io.fromMemory(end.model));
    this.#runs.finish(record.id, end.stopped ? 'stopped' : 'done', end.test.accuracy);
    this.#dispatch({ type: 'finished', stopped: end.stopped });
    this.#showResults(data, end.test, end.stopped);
  }

  /** What the worker reports while it trains: the page only draws. */
  #onProgress(message: Progress) {
    const run = this.#run;
    if (!run) return;
    switch (message.type) {
      case 'engine':
        this.#engine = message.engine;
        this.#figures.memory = message.memory;
        this.#showEngine();
        this.#dispatch({ type: 'training' });
        return;
      case 'model':
        this.#status(`${this.#prefix}Training ${formatCount(message.parameters)} parameters… the first steps are slower while the backend compiles.`);
        return;
      case 'batch': {
        this.#figures.memory = message.memory;
        if (message.report.kernels !== undefined) this.#figures.kernelsPerStep = message.report.kernels;
        const text = run.batch(message.report);
        if (this.#state.phase === 'training' && !this.#state.stopping) this.#status(this.#prefix + text);
        this.#progress(run.fraction);
        this.#showEngine();
        return;
      }
      case 'epoch':
        this.#figures.memory = message.memory;
        this.#figures.epochTensors.push(message.report.tensors);
        run.epoch(message.report);
        this.#table?.render();
        this.#showEngine();
        return;
      case 'paused':
        if (this.#state.phase === 'paused') this.#status('Paused. Resume carries on from the next batch.');
        return;
      case 'testing':
        this.#recordTiming(message.timing);
        this.#status(this.#state.stopping ? 'Stopped. Testing the model as it is…' : `${this.#prefix}Trained. Testing on images it has never seen…`);
        this.#dispatch({ type: 'testing' });
        return;
      default: {
        const never: never = message;
        return never;
      }
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
    this.#status(stopped ? 'Stopped early; results below are for the model as it was.' : `${this.#prefix}Done. Results below.`);
  }
}
