/**
 * The lab's table of runs: one row per run of the session, with its settings and final figures,
 * a Show box that puts it on the charts or takes it off, and Rename and Delete. The rows are
 * rebuilt from the run log when something changes; a rename in progress keeps its field (and any
 * message beside it) until it is saved or cancelled.
 */
import { datasetName } from '../../lib/train/run-series';
import { formatCount } from '../../lib/resnet/format';
import { last, MAX_NAME_CHARS, type RunLog, type RunRecord } from '../../lib/train/runs';

const STATUS: Record<RunRecord['status'], string> = { training: 'training…', done: 'done', stopped: 'stopped early', failed: 'failed' };

function settings(run: RunRecord): string {
  const p = run.params;
  const model = p.preset === 'resnet50' ? 'ResNet-50' : `${p.preset === 'tiny' ? 'Tiny' : 'Small'}, depth ${p.depth}, width ×${p.width}`;
  // A one-cycle run's rate is its peak: say so, or two runs would read alike.
  const optimizer = `${p.optimizer === 'adam' ? 'Adam' : 'SGD'}${p.schedule === 'one-cycle' ? ' one-cycle to' : ''}`;
  return `${p.residual ? 'ResNet' : 'plain twin'} · ${model} · ${optimizer} ${p.lr} · batch ${p.batch} · ${p.epochs} epoch${p.epochs === 1 ? '' : 's'} of ${formatCount(p.trainSize)} · ${datasetName(p.dataset)}`;
}

const cell = (tag: 'td' | 'th', text: string) => Object.assign(document.createElement(tag), { textContent: text });
const percent = (v: number | undefined) => (v === undefined ? '—' : `${(100 * v).toFixed(1)} %`);
const fixed = (v: number | undefined) => (v === undefined ? '—' : v.toFixed(3));

export class RunsTable {
  #table: HTMLTableElement;
  #log: RunLog;
  #changed: () => void;
  /** The run being renamed, if any, with what is typed so far and the message beside it. */
  #renaming: number | undefined;
  #draft = { text: '', message: '' };

  constructor(table: HTMLTableElement, log: RunLog, changed: () => void) {
    this.#table = table;
    this.#log = log;
    this.#changed = changed;
  }

  render(): void {
    const runs = this.#log.list();
    this.#table.hidden = runs.length === 0;
    const active = document.activeElement;
    const focusKey = active instanceof HTMLElement && this.#table.contains(active) ? active.dataset.focusKey : undefined;
    this.#table.tBodies[0]?.replaceChildren(...runs.map((run) => this.#row(run)));
    // Rebuilding the rows must not drop the keyboard's place.
    if (focusKey) this.#table.querySelector<HTMLElement>(`[data-focus-key="${focusKey}"]`)?.focus();
  }

  #row(run: RunRecord): HTMLTableRowElement {
    const row = document.createElement('tr');
    row.dataset.run = String(run.id);
    const show = Object.assign(document.createElement('input'), { type: 'checkbox', checked: run.visible });
    show.setAttribute('aria-label', `Show ${run.name}`);
    show.dataset.focusKey = `show-${run.id}`;
    show.addEventListener('change', () => {
      this.#log.setVisible(run.id, show.checked);
      this.#changed();
    });
    const showCell = document.createElement('td');
    showCell.append(show);
    const name = this.#renaming === run.id ? this.#renameCell(run) : cell('th', run.name);
    if (name instanceof HTMLTableCellElement && name.tagName === 'TH') name.scope = 'row';
    const c = run.curves;
    row.append(
      showCell,
      name,
      cell('td', settings(run)),
      cell('td', run.left ? 'stopped when you left the page' : STATUS[run.status]),
      cell('td', fixed(last(c.trainLoss))),
      cell('td', fixed(last(c.validationLoss))),
      cell('td', percent(last(c.validationAccuracy))),
      cell('td', percent(run.testAccuracy)),
      this.#actions(run),
    );
    return row;
  }

  #actions(run: RunRecord): HTMLTableCellElement {
    const td = document.createElement('td');
    td.className = 'runs-actions';
    const button = (label: string, key: string, onClick: () => void, disabled = false) => {
      const b = Object.assign(document.createElement('button'), { type: 'button', textContent: label, disabled });
      b.setAttribute('aria-label', `${label} ${run.name}`);
      b.dataset.focusKey = `${key}-${run.id}`;
      b.addEventListener('click', onClick);
      return b;
    };
    if (this.#renaming !== run.id) {
      td.append(
        button('Rename', 'rename', () => {
          this.#renaming = run.id;
          this.#draft = { text: run.name, message: '' };
          this.render();
          this.#table.querySelector<HTMLInputElement>(`[data-run="${run.id}"] input[type="text"]`)?.focus();
        }),
      );
    }
    // A run still training cannot go: Stop it first.
    td.append(
      button(
        'Delete',
        'delete',
        () => {
          if (this.#log.remove(run.id)) this.#changed();
        },
        run.status === 'training',
      ),
    );
    return td;
  }

  #renameCell(run: RunRecord): HTMLTableCellElement {
    const th = document.createElement('th');
    th.scope = 'row';
    const id = `run-name-${run.id}`;
    const input = Object.assign(document.createElement('input'), { type: 'text', value: this.#draft.text, id, size: 24, autocomplete: 'off' });
    input.dataset.focusKey = `name-${run.id}`;
    input.addEventListener('input', () => (this.#draft.text = input.value));
    input.setAttribute('aria-label', `New name for ${run.name}`);
    input.setAttribute('aria-describedby', `${id}-message`);
    input.maxLength = MAX_NAME_CHARS * 2;
    const message = Object.assign(document.createElement('span'), { id: `${id}-message`, className: 'field-message', textContent: this.#draft.message });
    input.setAttribute('aria-invalid', String(this.#draft.message !== ''));
    message.setAttribute('aria-live', 'polite');
    const save = () => {
      const result = this.#log.rename(run.id, input.value);
      if (!result.ok) {
        input.setAttribute('aria-invalid', 'true');
        message.textContent = this.#draft.message = result.message;
        return;
      }
      this.#renaming = undefined;
      this.#changed();
      this.#table.querySelector<HTMLElement>(`[data-focus-key="rename-${run.id}"]`)?.focus();
    };
    const cancel = () => {
      this.#renaming = undefined;
      this.render();
      this.#table.querySelector<HTMLElement>(`[data-focus-key="rename-${run.id}"]`)?.focus();
    };
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') save();
      else if (event.key === 'Escape') cancel();
    });
    const buttons = [
      ['Save', save],
      ['Cancel', cancel],
    ] as const;
    th.append(
      input,
      ...buttons.map(([label, action]) => Object.assign(document.createElement('button'), { type: 'button', textContent: label, onclick: action })),
      message,
    );
    return th;
  }
}
