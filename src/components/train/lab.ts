/**
 * <resnet-training-lab>: wires the settings form, the training worker and the panels that show a
 * run. Its phase is the state machine in src/lib/train/lab-state.ts: the buttons dispatch start,
 * pause, resume and stop, the worker's reports dispatch training and testing, and the run's end
 * dispatches finished or failed; `#render` only turns `controls(state)` into enabled buttons and
 * fields. Train the pair runs the settings twice, as ResNet and then as its plain twin. Training
 * runs in a worker (trainer.worker.ts); the page draws what it reports (lab-readout.ts, run-view.ts,
 * lab-view.ts), keeps every run's numbers for the charts and the table of runs (kept across the
 * tab's pages by run-session.ts), and hands the trained model to the panels that use it
 * (model-panels.ts).
 */
import type { Dataset } from '../../lib/train/data';
import { LAB_FIELDS, modelSummary, parseLabParams, type LabParams } from '../../lib/train/lab-params';
import { DRAWING_RECIPE } from '../../lib/train/recipe';
import { controls, INITIAL, isRunning, transition, type LabEvent, type LabState } from '../../lib/train/lab-state';
import { RunLog, type RunRecord } from '../../lib/train/runs';
import type { TestResult } from '../../lib/train/trainer-protocol';
import { formatCount } from '../../lib/resnet/format';
import { hasWebGpu } from '../gpu';
import { FocusHandoff } from '../focus-handoff';
import { FieldForm } from '../fields/field-form';
import { LabDatasets } from './lab-datasets';
import { LabReadout } from './lab-readout';
import { LabCharts, renderResults } from './lab-view';
import { ModelPanels } from './model-panels';
import { RunView } from './run-view';
import { RunsTable } from './runs-table';
import { findParts, type Parts } from '../parts';
import { LAB_PARTS } from './markup';
import { keptRunsNote, loadRuns, saveRuns, updateLabLinks } from './run-session';
import { Trainer, type RunEnd } from './trainer-client';

type Progress = Parameters<Parameters<Trainer['run']>[2]>[0];

export class TrainingLabElement extends HTMLElement {
  /** The markup's parts, found once as the lab connects. */
  #parts: Parts<typeof LAB_PARTS> | undefined;
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
  #trainer = new Trainer();
  #abort: AbortController | undefined;
  #readout = new LabReadout(this);
  #datasets = new LabDatasets(this.#readout);
  /** The trained (or loaded) model and the panels that use it. */
  #panels: ModelPanels | undefined;
  #focus = new FocusHandoff(this, '[data-status]');
  /** The runs go to the tab's storage as the page goes, with their curves as far as they got. */
  #onPageHide = () => saveRuns(this.#runs);
  /** Back to this page from the browser's cache: the other page may have changed the runs since. */
  #onPageShow = (event: PageTransitionEvent) => {
    if (event.persisted && !isRunning(this.#state)) this.#restoreRuns();
  };

  connectedCallback() {
    const parts = (this.#parts = findParts(this, LAB_PARTS));
    this.#charts = new LabCharts(this);
    this.#table = new RunsTable(parts.runs, this.#runs, () => this.#runsChanged());
    if (!hasWebGpu()) {
      parts.webgpu.disabled = true;
      parts.webgpu.textContent = 'WebGPU (not offered by this browser)';
    }
    this.#panels = new ModelPanels(parts, this, this.#trainer, { canLoad: () => !isRunning(this.#state), onRecipe: () => this.#recipe() });
    this.#restoreRuns();
    window.addEventListener('pagehide', this.#onPageHide);
    window.addEventListener('pageshow', this.#onPageShow);
    parts.train.addEventListener('click', () => void this.#train(false));
    parts.pair.addEventListener('click', () => void this.#train(true));
    parts.pause.addEventListener('click', () => {
      this.#trainer.pause();
      this.#dispatch({ type: 'pause' });
      this.#readout.status('Pausing after the current batch…');
    });
    parts.resume.addEventListener('click', () => {
      this.#trainer.resume();
      this.#dispatch({ type: 'resume' });
    });
    parts.stop.addEventListener('click', () => {
      this.#abort?.abort();
      this.#trainer.stop();
      this.#dispatch({ type: 'stop' });
      this.#readout.status('Stopping after the current batch…');
    });
    // The settings live in the address, so a link opens the lab set up as its author left it.
    this.#form = new FieldForm(this, LAB_FIELDS, () => this.#check());
    this.#form.load();
  }

  disconnectedCallback() {
    // Ending the worker frees the model, its tensors and the backend at once, mid-step or not.
    this.#abort?.abort();
    this.#trainer.terminate();
    window.removeEventListener('pagehide', this.#onPageHide);
    window.removeEventListener('pageshow', this.#onPageShow);
    saveRuns(this.#runs);
    this.#form?.destroy();
    this.#charts?.destroy();
    this.#panels?.dispose();
  }

  #dispatch(event: LabEvent) {
    this.#state = transition(this.#state, event);
    this.#render();
  }

  /** The buttons and fields as the state (and the form's validity) allow. */
  #render() {
    const parts = this.#parts;
    if (!parts) return;
    const c = controls(this.#state);
    this.dataset.phase = this.#state.phase;
    // A button that disables itself would drop keyboard focus to the page: it goes to the button
    // that makes sense next (Stop while a run starts, Resume while paused, Pause once resumed,
    // Train when done), or waits on the status line while none works (the model being tested).
    this.#focus.update(() => {
      parts.train.disabled = !c.train || !this.#params;
      parts.pair.disabled = !c.train || !this.#params;
      parts.pause.disabled = !c.pause;
      parts.resume.disabled = !c.resume;
      parts.stop.disabled = !c.stop;
      for (const field of this.querySelectorAll<HTMLInputElement | HTMLSelectElement>('form input, form select')) field.disabled = !c.fields;
      if (this.#panels) this.#panels.recipeEnabled = c.train;
    }, [parts.pause, parts.resume, parts.train, parts.stop]);
  }

  /** Validates the form: messages beside fields, and Train only when all is well. */
  #check() {
    const check = parseLabParams(this.#form?.raw() ?? {});
    this.#form?.showErrors(check.ok ? {} : check.errors);
    this.#params = check.ok ? check.params : undefined;
    this.#render();
    if (check.ok) updateLabLinks(this.#form?.raw() ?? {});
    const summary = this.#parts?.summary;
    if (!summary || !check.ok) return;
    // The page comes with the defaults' line: writing it again would only announce it again.
    const text = modelSummary(check.params);
    if (summary.textContent !== text) summary.textContent = text;
  }

  /** Runs from an earlier page of this tab (lesson 6 or /lab/) come back, and the status says how. */
  #restoreRuns() {
    const kept = loadRuns();
    if (kept) this.#runs.restore(kept.runs, kept.next);
    this.#runsChanged();
    if (kept) this.#readout.status(keptRunsNote(kept.runs));
  }

  #runsChanged() {
    this.#table?.render();
    this.#charts?.update(this.#runs.list());
    saveRuns(this.#runs);
  }

  /**
   * The drawing recipe: the form set to it as one edit (so the address and Back work as for any
   * edit), then trained. The backend stays the reader's.
   */
  #recipe() {
    if (isRunning(this.#state)) return;
    const inputs = [...this.querySelectorAll<HTMLInputElement | HTMLSelectElement>('form input[name], form select[name]')];
    for (const input of inputs) if (input.name in DRAWING_RECIPE) input.value = DRAWING_RECIPE[input.name as keyof typeof DRAWING_RECIPE];
    inputs[0]?.dispatchEvent(new Event('input', { bubbles: true }));
    inputs[0]?.dispatchEvent(new Event('change', { bubbles: true }));
    void this.#train(false, 'Drawing recipe: ');
  }

  /** Trains the form's settings; as a pair, as ResNet and then as its plain twin. `label` starts each status line. */
  async #train(pair: boolean, label = '') {
    const params = this.#params;
    if (!params || isRunning(this.#state)) return;
    this.#abort = new AbortController();
    const list = pair
      ? [
          { ...params, residual: true },
          { ...params, residual: false },
        ]
      : [params];
    for (const [i, p] of list.entries()) {
      this.#prefix = pair ? `Pair, run ${i + 1} of 2 (${p.residual ? 'ResNet' : 'plain twin'}): ` : label;
      await this.#trainOne(p);
      if (this.#state.phase !== 'done') break;
    }
    this.#prefix = '';
  }

  async #trainOne(params: LabParams) {
    this.#dispatch({ type: 'start' });
    this.#readout.newRun();
    this.#panels?.clear();
    const record = this.#runs.add(params);
    this.#run = new RunView(params, record.curves, () => this.#charts?.update(this.#runs.list()));
    this.#runsChanged();
    if (this.#parts) this.#parts.results.hidden = true;
    try {
      const data = await this.#datasets.get(params.dataset, this.#prefix, this.#abort?.signal);
      this.#readout.status(`${this.#prefix}Starting the backend…`);
      const end = await this.#trainer.run(params, data, (message) => this.#onProgress(message));
      this.#run.flush();
      await this.#end(record, end, data, params);
    } catch (error) {
      const aborted = this.#abort?.signal.aborted;
      this.#runs.finish(record.id, aborted ? 'stopped' : 'failed');
      this.#dispatch(aborted ? { type: 'finished', stopped: true } : { type: 'failed' });
      this.#readout.status(aborted ? 'Stopped.' : `Training could not go on: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      // The state machine has ended the run by now; a path that did not is a failure.
      if (isRunning(this.#state)) this.#dispatch({ type: 'failed' });
      this.#check();
      this.#runsChanged();
      this.#readout.showEngine();
    }
  }

  /** How a run ended, for the run log, the state and the reader. */
  async #end(record: RunRecord, end: RunEnd, data: Dataset, params: LabParams) {
    if (end.type === 'failed') {
      this.#runs.finish(record.id, 'failed');
      this.#dispatch({ type: 'failed' });
      this.#readout.status(`Training could not go on: ${end.message}`);
      return;
    }
    this.#readout.memory(end.memory);
    if (end.reason === 'diverged' || end.reason === 'context-lost') {
      this.#runs.finish(record.id, end.reason === 'diverged' ? 'stopped' : 'failed');
      this.#dispatch(end.reason === 'diverged' ? { type: 'finished', stopped: true } : { type: 'failed' });
      this.#readout.status(
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
    this.#readout.status('Loading the trained model into the page…');
    await this.#panels?.show(end.model, data, end.test, record.id);
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
        this.#readout.engine(message.engine, message.memory);
        this.#dispatch({ type: 'training' });
        return;
      case 'model':
        this.#readout.status(`${this.#prefix}Training ${formatCount(message.parameters)} parameters… the first steps are slower while the backend compiles.`);
        return;
      case 'batch': {
        const text = run.batch(message.report);
        if (this.#state.phase === 'training' && !this.#state.stopping) this.#readout.status(this.#prefix + text);
        this.#readout.progress(run.fraction);
        this.#readout.batch(message.memory, message.report.kernels);
        return;
      }
      case 'epoch':
        run.epoch(message.report);
        this.#runsChanged();
        this.#readout.epoch(message.memory, message.report.tensors);
        return;
      case 'paused':
        if (this.#state.phase === 'paused') this.#readout.status('Paused. Resume carries on from the next batch.');
        return;
      case 'testing':
        this.#readout.timing(message.timing);
        this.#readout.status(this.#state.stopping ? 'Stopped. Testing the model as it is…' : `${this.#prefix}Trained. Testing on images it has never seen…`);
        this.#dispatch({ type: 'testing' });
        return;
      default:
        return message satisfies never; // every kind of message is handled above
    }
  }

  #showResults(data: Dataset, test: TestResult, stopped: boolean) {
    const results = this.#parts?.results;
    if (!results) return;
    renderResults(results, data, test, stopped);
    this.#readout.progress(1);
    this.#readout.status(stopped ? 'Stopped early; results below are for the model as it was.' : `${this.#prefix}Done. Results below.`);
  }
}
