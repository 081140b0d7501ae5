/**
 * <resnet-identity-demo>: stacks 1 to N identity blocks (last BatchNorm gamma 0) and their plain
 * twins on a small batch, and tabulates how far each output lands from its input. TF.js loads on
 * the first press.
 */
import { IDENTITY_DEMO_N as N } from './demo-fields';
import { checkField } from './field-form';

export class IdentityDemoElement extends HTMLElement {
  #running = false;

  connectedCallback() {
    const input = this.querySelector<HTMLInputElement>('input[name="n"]');
    const button = this.querySelector<HTMLButtonElement>('[data-run]');
    this.querySelector('form')?.addEventListener('submit', (event) => event.preventDefault());
    input?.addEventListener('input', () => this.#validate());
    button?.addEventListener('click', () => void this.#run());
  }

  #validate(): number | undefined {
    const n = checkField(this, N);
    const button = this.querySelector<HTMLButtonElement>('[data-run]');
    if (button) button.disabled = n === undefined || this.#running;
    return n;
  }

  async #run() {
    const n = this.#validate();
    const status = this.querySelector('[data-status]');
    if (n === undefined || this.#running || !status) return;
    this.#running = true;
    this.#validate();
    status.textContent = 'Loading TF.js and stacking the blocks…';
    try {
      const [{ identityDemo }, { startDemoBackend }, tf] = await Promise.all([
        import('../../lib/demos/identity-demo'),
        import('../backend'),
        import('@tensorflow/tfjs'),
      ]);
      await startDemoBackend();
      const rows = await identityDemo(n, () => tf.nextFrame());
      const body = this.querySelector('[data-table] tbody');
      const fmt = (v: number) => (v === 0 ? '0 (exact)' : v.toFixed(3));
      body?.replaceChildren(
        ...rows.map((row) => {
          const tr = document.createElement('tr');
          for (const text of [String(row.blocks), fmt(row.residual), fmt(row.plainZeroGamma), fmt(row.plainDefault)])
            tr.append(Object.assign(document.createElement('td'), { textContent: text }));
          return tr;
        }),
      );
      (this.querySelector('[data-table]') as HTMLElement).hidden = false;
      const last = rows.at(-1);
      status.textContent = last
        ? `With ${last.blocks} blocks: the residual stack returns its input exactly; the plain stack with gamma 0 returns zeros (off by ${last.plainZeroGamma.toFixed(2)}, the input's largest value), and with its default start it is off by ${last.plainDefault.toFixed(2)}. (TF.js ${tf.getBackend()} backend.)`
        : '';
    } catch (error) {
      status.textContent = `Could not run here: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      this.#running = false;
      this.#validate();
    }
  }
}
