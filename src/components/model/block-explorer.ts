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
import { findParts, type Parts } from '../parts';
import { BLOCK_EXPLORER_PARTS } from './markup';
import { syncRows } from './table-rows';

export class BlockExplorerElement extends HTMLElement {
  /** The markup's parts, found once as the explorer connects. */
  #parts: Parts<typeof BLOCK_EXPLORER_PARTS> | undefined;
  #kind: BlockKind = 'identity';
  #diagram: BlockDiagram | undefined;
  #valid: { params: BlockParams; steps: TraceStep[] } | undefined;
  #form: FieldForm | undefined;
  #running = false;

  connectedCallback() {
    const parts = (this.#parts = findParts(this, BLOCK_EXPLORER_PARTS));
    this.#kind = this.dataset.kind === 'convolutional' ? 'convolutional' : 'identity';
    const id = `${this.#kind}-explorer`;
    this.#diagram = new BlockDiagram(parts.diagram, { label: `Diagram of the ${this.#kind} block, step by step`, describedBy: `${id}-summary ${id}-steps` });
    this.#form = new FieldForm(this, explorerFields(this.#kind), (changed) => this.#render(changed));
    parts.run.addEventListener('click', () => void this.#run());
    this.#form.load();
  }

  disconnectedCallback() {
    this.#form?.destroy();
    this.#diagram?.destroy();
  }

  #render(changed?: string) {
    const parts = this.#parts;
    if (!this.#form || !parts) return;
    const check = checkBlock(this.#kind, this.#form.raw(), changed);
    this.#form.showErrors(check.ok ? {} : check.errors);
    parts.section.classList.toggle('stale', !check.ok);
    if (this.#diagram) this.#diagram.stale = !check.ok;
    parts.run.disabled = !check.ok || this.#running;
    if (!check.ok) {
      parts.summary.textContent = this.#valid ? 'Showing the last valid block: fix the marked field to update it.' : 'Fix the marked field to see the block.';
      return;
    }
    this.#valid = { params: check.params, steps: check.steps };
    const params = check.steps.reduce((n, s) => n + s.trainable + s.nonTrainable, 0);
    parts.summary.textContent = `Output ${formatShape(check.steps.at(-1)?.outputShape ?? [])} · ${formatCount(params)} parameters`;
    this.#diagram?.update(check.steps);
    this.#renderTable(parts, check.steps);
    this.#renderCosts(parts, check.params);
  }

  /** The bottleneck beside the basic block, for the fields as they are (identity explorer only). */
  #renderCosts(parts: Parts<typeof BLOCK_EXPLORER_PARTS>, { H, W, C, f, F1, F2, F3 }: BlockParams) {
    const body = parts.costs;
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

  #renderTable(parts: Parts<typeof BLOCK_EXPLORER_PARTS>, steps: readonly TraceStep[]) {
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
    parts.steps.replaceChildren(...rows);
    parts.table.classList.remove('has-run');
    parts.runNotes.toggleAttribute('hidden', true);
  }

  async #run() {
    const valid = this.#valid;
    const parts = this.#parts;
    if (!valid || this.#running || !parts) return;
    const { run: button, runStatus: status } = parts;
    this.#running = true;
    button.disabled = true;
    status.textContent = 'Loading TF.js and building the block…';
    try {
      const { runInPage } = await import('./block-run');
      const mode = parts.bnMode.value === 'inference' ? 'inference' : 'training';
      const result = await runInPage(this.#kind, valid.params, mode);
      // The fields may have changed while the block ran: show results only for what is on screen.
      if (this.#valid === valid) renderRun(parts, valid, result);
      else status.textContent = 'The fields changed while the block ran: press the button again.';
    } catch (error) {
      status.textContent = `Could not run the block here: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      this.#running = false;
      button.disabled = parts.section.classList.contains('stale');
    }
  }
}
