/**
 * <resnet-resnet50-explorer>: re-traces ResNet-50 on every keystroke and updates the totals, the
 * overview and the stage table in the same frame. The 177-row summary is only rebuilt while it
 * is open (or when it is opened), since most edits are made with it closed.
 */
import { StageOverview } from '../charts/stage-overview';
import { formatCount, formatShape } from '../../lib/resnet/format';
import { checkResNet50, resNet50Fields } from '../../lib/resnet/resnet50-params';
import { stageRows, summaryRows, type StageRow } from '../../lib/resnet/summary';
import { summarize, type TraceStep } from '../../lib/resnet/trace';
import { FieldForm } from '../fields/field-form';
import { findParts, type Parts } from '../parts';
import { RESNET50_EXPLORER_PARTS } from './markup';
import { syncRows } from './table-rows';

const ID = 'r50';

export class ResNet50ExplorerElement extends HTMLElement {
  /** The markup's parts, found once as the explorer connects. */
  #parts: Parts<typeof RESNET50_EXPLORER_PARTS> | undefined;
  #form: FieldForm | undefined;
  #overview: StageOverview | undefined;
  #steps: TraceStep[] = [];
  #summaryDirty = false;

  connectedCallback() {
    const parts = (this.#parts = findParts(this, RESNET50_EXPLORER_PARTS));
    this.#overview = new StageOverview(parts.overview, {
      label: 'Overview of ResNet-50, part by part',
      anchor: (row) => `${ID}-row-${row.key}`,
      describedBy: `${ID}-summary ${ID}-stage-rows`,
    });
    parts.full.addEventListener('toggle', () => {
      if (parts.full.open && this.#summaryDirty) this.#renderSummary(parts);
    });
    this.#form = new FieldForm(this, resNet50Fields(), (changed) => this.render(changed));
    this.#form.load();
  }

  disconnectedCallback() {
    this.#form?.destroy();
    this.#overview?.destroy();
  }

  /** Re-checks the fields and redraws; returns whether they described a valid network. */
  render(_changed?: string): boolean {
    const parts = this.#parts;
    if (!this.#form || !parts) return false;
    const check = checkResNet50(this.#form.raw());
    this.#form.showErrors(check.ok ? {} : check.errors);
    parts.section.classList.toggle('stale', !check.ok);
    if (this.#overview) this.#overview.stale = !check.ok;
    if (!check.ok) {
      parts.summary.textContent = 'Showing the last valid network: fix the marked field to update it.';
      return false;
    }
    this.#steps = check.steps;
    const totals = summarize(check.steps);
    parts.summary.textContent =
      `${formatCount(totals.params)} parameters (trainable ${formatCount(totals.trainable)}, non-trainable ${formatCount(totals.nonTrainable)})` +
      ` · ${totals.layers} layers · output ${formatShape(totals.outputShape)}`;
    const rows = stageRows(check.steps);
    this.#overview?.update(rows);
    this.#renderStages(parts, rows, totals);
    this.#summaryDirty = true;
    if (parts.full.open) this.#renderSummary(parts);
    parts.layerCount.textContent = String(totals.layers);
    return true;
  }

  #renderStages(parts: Parts<typeof RESNET50_EXPLORER_PARTS>, rows: readonly StageRow[], totals: ReturnType<typeof summarize>) {
    syncRows(
      parts.stages,
      rows.map((row) => ({
        id: `${ID}-row-${row.key}`,
        dataset: { part: row.key },
        cells: [
          { text: row.part, header: true },
          { text: row.detail },
          { text: String(row.layers), num: true },
          { text: formatShape(row.outputShape), code: true },
          { text: formatCount(row.params), num: true },
        ],
      })),
    );
    syncRows(parts.totals, [
      {
        cells: [
          { text: 'Total', header: true },
          { text: `trainable ${formatCount(totals.trainable)} · non-trainable ${formatCount(totals.nonTrainable)}` },
          { text: String(totals.layers), num: true },
          { text: formatShape(totals.outputShape), code: true },
          { text: formatCount(totals.params), num: true },
        ],
      },
    ]);
  }

  #renderSummary(parts: Parts<typeof RESNET50_EXPLORER_PARTS>) {
    this.#summaryDirty = false;
    syncRows(
      parts.layers,
      summaryRows(this.#steps).map((row) => ({
        dataset: { part: row.key },
        cells: [
          { text: `${row.name} (${row.type})`, code: true },
          { text: formatShape(row.outputShape), code: true },
          { text: formatCount(row.params), num: true },
          { text: row.connectedTo.join(', '), code: true },
        ],
      })),
    );
  }
}
