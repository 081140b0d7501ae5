/**
 * <resnet-block-explorer>: keeps the fields, the diagram, the table and the page URL in step.
 *
 * State lives in the fields' raw text (see FieldForm, which also mirrors it in the URL). Every
 * keystroke re-checks it against the shape trace (microseconds, no tensors): a valid block
 * redraws at once; an invalid one leaves the last valid drawing in place, dimmed, with a message
 * beside the field at fault.
 */
import { BlockDiagram } from '../charts/block-diagram';
import { checkBlock, explorerFields, type BlockParams } from '../../lib/resnet/block-params';
import type { BlockKind } from '../../lib/resnet/blocks';
import { costRows } from '../../lib/resnet/cost';
import { describeStep } from '../../lib/resnet/describe';
import { formatCount, formatShape } from '../../lib/resnet/format';
import type { TraceStep } from '../../lib/resnet/trace';
import { renderRun } from './block-run-view';
import { FieldForm } from '../fields/field-form';
import { syncRows } from './table-rows';

export class BlockExplorerElement extends HTMLElement {
  #kind: BlockKind = 'identity';
  #diagram: BlockDiagram | undefined;
  #valid: { params: BlockParams; steps: TraceStep[] } | undefined;
  #form: FieldForm | undefined;
  #running = false;

  connectedCallback() {
    this.#kind = this.dataset.kind === 'convolutional' ? 'convolutional' : 'identity';
    const container = this.querySelector<HTMLElement>('[data-diagram]');
    const id = `${this.#kind}-explorer`;
    if (container)
      this.#diagram = new BlockDiagram(container, { label: `Diagram of the ${this.#kind} block, step by step`, describedBy: `${id}-summary ${id}-steps` });
    this.#form = new FieldForm(this, explorerFields(this.#kind), (changed) => this.#render(changed));
    this.querySelector('[data-run]')?.addEventListener('click', () => void this.#run());
    this.#form.load();
  }

  disconnectedCallback() {
    this.#form?.destroy();
    this.#diagram?.destroy();
  }

  #render(changed?: string) {
    if (!this.#form) return;
    const check = checkBlock(this.#kind, this.#form.raw(), changed);
    this.#form.showErrors(check.ok ? {} : check.errors);
    this.querySelector('section')?.classList.toggle('stale', !check.ok);
    if (this.#diagram) this.#diagram.stale = !check.ok;
    const summary = this.querySelector('[data-summary]');
    const run = this.querySelector<HTMLButtonElement>('[data-run]');
    if (run) run.disabled = !check.ok || this.#running;
    if (!check.ok) {
      if (summary)
        summary.textContent = this.#valid ? 'Showing the last valid block: fix the marked field to update it.' : 'Fix the marked field to see the block.';
      return;
    }
    this.#valid = { params: check.params, steps: check.steps };
    const params = check.steps.reduce((n, s) => n + s.trainable + s.nonTrainable, 0);
    if (summary) summary.textContent = `Output ${formatShape(check.steps.at(-1)?.outputShape ?? [])} · ${formatCount(params)} parameters`;
    this.#diagram?.update(check.steps);
    this.#renderTable(check.steps);
    this.#renderCosts(check.params);
  }

  /** The bottleneck beside the basic block, for the fields as they are (identity explorer only). */
  #renderCosts({ H, W, C, f, F1, F2, F3 }: BlockParams) {
    const body = this.querySelector<HTMLTableSectionElement>('[data-costs] tbody');
    if (!body) return;
    syncRows(
      body,
      costRows(H, W, C, f, [F1, F2, F3]).map((row) => ({
        dataset: { cost: row.id },
        cells: [
          { text: row.block, header: true },
          { text: row.convs.join('\n') },
          { text: row.weights, num: true },
          { text: row.macs, num: true },
          { text: row.ratio, num: true },
        ],
      })),
    );
  }

  #renderTable(steps: readonly TraceStep[]) {
    const body = this.querySelector('[data-table] tbody');
    if (!body) return;
    const rows = steps.map((step) => {
      const row = document.createElement('tr');
      row.dataset.step = step.id;
      const head = document.createElement('th');
      head.scope = 'row';
      head.append(describeStep(step));
      if (step.name) head.append(Object.assign(document.createElement('code'), { className: 'layer-name', textContent: step.name }));
      row.append(head);
      const shape = row.insertCell();
      shape.append(Object.assign(document.createElement('code'), { textContent: formatShape(step.outputShape) }));
      Object.assign(row.insertCell(), { className: 'num', textContent: formatCount(step.trainable + step.nonTrainable) });
      for (const className of ['run-start', 'num', 'num', '']) Object.assign(row.insertCell(), { className }).dataset.runCol = '';
      return row;
    });
    body.replaceChildren(...rows);
    this.querySelector('[data-table]')?.classList.remove('has-run');
    this.querySelector<HTMLElement>('[data-run-notes]')?.toggleAttribute('hidden', true);
  }

  async #run() {
    const valid = this.#valid;
    const button = this.querySelector<HTMLButtonElement>('[data-run]');
    const status = this.querySelector<HTMLElement>('[data-run-status]');
    if (!valid || this.#running || !button || !status) return;
    this.#running = true;
    button.disabled = true;
    status.textContent = 'Loading TF.js and building the block…';
    try {
      const { runInPage } = await import('./block-run');
      const mode = this.querySelector<HTMLSelectElement>('[data-bn-mode]')?.value === 'inference' ? 'inference' : 'training';
      const result = await runInPage(this.#kind, valid.params, mode);
      // The fields may have changed while the block ran: show results only for what is on screen.
      if (this.#valid === valid) renderRun(this, valid, result);
      else status.textContent = 'The fields changed while the block ran: press the button again.';
    } catch (error) {
      status.textContent = `Could not run the block here: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      this.#running = false;
      button.disabled = this.querySelector('section')?.classList.contains('stale') ?? false;
    }
  }
}
