/**
 * <resnet-identity-demo>: stacks 1 to N identity blocks (last BatchNorm gamma 0) and their plain
 * twins on a small batch, and tabulates how much each output changed from its input and how much
 * of its size is left. N lives in the address (FieldForm), as every component's settings do, so
 * a link can open the demo at `?n=3`. TF.js loads on the first press.
 */
import type { DemoRow } from '../../lib/demos/identity-demo';
import { IDENTITY_DEMO_N as N } from './demo-fields';
import { FieldForm, checkField } from '../fields/field-form';
import { findParts, type Parts } from '../parts';
import { IDENTITY_DEMO_PARTS } from './markup';

export class IdentityDemoElement extends HTMLElement {
  /** The markup's parts, found once as the demo connects. */
  #parts: Parts<typeof IDENTITY_DEMO_PARTS> | undefined;
  #running = false;
  #form: FieldForm | undefined;

  connectedCallback() {
    const parts = (this.#parts = findParts(this, IDENTITY_DEMO_PARTS));
    this.#form = new FieldForm(this, [N], () => this.#validate());
    this.#form.load();
    parts.run.addEventListener('click', () => void this.#run());
  }

  disconnectedCallback() {
    this.#form?.destroy();
  }

  #validate(): number | undefined {
    const n = checkField(this, N);
    if (this.#parts) this.#parts.run.disabled = n === undefined || this.#running;
    return n;
  }

  #show(parts: Parts<typeof IDENTITY_DEMO_PARTS>, rows: DemoRow[], format: { change: (v: number) => string; size: (v: number) => string }) {
    const cell = (tag: 'th' | 'td', text: string, className: string) => Object.assign(document.createElement(tag), { textContent: text, className });
    parts.body.replaceChildren(
      ...rows.map((row) => {
        const tr = document.createElement('tr');
        const head = cell('th', String(row.blocks), 'num');
        head.scope = 'row';
        tr.append(head);
        for (const { change, size } of [row.residual, row.plainZeroGamma, row.plainDefault])
          tr.append(cell('td', format.change(change), 'num group-start'), cell('td', format.size(size), 'num'));
        return tr;
      }),
    );
    for (const shown of [parts.measures, parts.table]) shown.hidden = false;
  }

  async #run() {
    const n = this.#validate();
    const parts = this.#parts;
    if (n === undefined || this.#running || !parts) return;
    const { status } = parts;
    this.#running = true;
    this.#validate();
    status.textContent = 'Loading TF.js and stacking the blocks…';
    try {
      const [demo, { startEngine }, tf] = await Promise.all([import('../../lib/demos/identity-demo'), import('../engine'), import('@tensorflow/tfjs')]);
      await startEngine('demo');
      const rows = await demo.identityDemo(n, () => tf.nextFrame());
      this.#show(parts, rows, { change: demo.formatChange, size: demo.formatSize });
      const last = rows.at(-1);
      status.textContent = last ? `${demo.identitySummary(last)} (TF.js ${tf.getBackend()} backend.)` : '';
    } catch (error) {
      status.textContent = `Could not run here: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      this.#running = false;
      this.#validate();
    }
  }
}
