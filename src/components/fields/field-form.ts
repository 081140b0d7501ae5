/**
 * The fields of one explorer, bound to the page URL. The fields' raw text is the state: it is
 * read on every keystroke, written to the query string (one history entry per edit, so back and
 * forward step through edits), and restored from the query on load and on back/forward.
 * Within an edit the address is rewritten once typing pauses, not on every keystroke: browsers
 * throttle pages that rewrite their address too often. It is written at once when the edit
 * ends (the field's change) and before the page goes away, so a reload keeps the last keystroke.
 */
import { fromQuery, parseInteger, toQuery, type Field, type IntField, type RawValues } from '../../lib/state/fields';

/** How long typing must pause before the address follows it. */
const REWRITE_PAUSE_MS = 250;

/** Every live form on the page: each keeps the others' keys when it rewrites the address. */
const forms = new Set<FieldForm>();

export class FieldForm {
  #host: HTMLElement;
  #fields: readonly Field[];
  #onChange: (changed?: string) => void;
  /** True between an edit's first keystroke and the field's change event. */
  #editing = false;
  /** An address write waiting for typing to pause. */
  #pending: { url: string; timer: ReturnType<typeof setTimeout> } | undefined;
  #onPopState = () => {
    this.#cancel();
    this.load();
  };
  #onPageHide = () => this.#flush();

  constructor(host: HTMLElement, fields: readonly Field[], onChange: (changed?: string) => void) {
    this.#host = host;
    this.#fields = fields;
    this.#onChange = onChange;
    const form = host.querySelector('form');
    form?.addEventListener('input', (event) => this.#onInput(event));
    form?.addEventListener('change', () => {
      this.#flush();
      this.#editing = false;
    });
    form?.addEventListener('submit', (event) => event.preventDefault());
    window.addEventListener('popstate', this.#onPopState);
    window.addEventListener('pagehide', this.#onPageHide);
    forms.add(this);
  }

  destroy() {
    forms.delete(this);
    this.#flush();
    window.removeEventListener('popstate', this.#onPopState);
    window.removeEventListener('pagehide', this.#onPageHide);
  }

  #inputs() {
    return [...this.#host.querySelectorAll<HTMLInputElement | HTMLSelectElement>('form input[name], form select[name]')];
  }

  raw(): RawValues {
    return Object.fromEntries(this.#inputs().map((input) => [input.name, input.value]));
  }

  /** Fills the fields from the URL and reports the change. */
  load() {
    const raw = fromQuery(this.#fields, location.search);
    for (const input of this.#inputs()) input.value = raw[input.name] ?? input.value;
    this.#onChange();
  }

  /** Marks fields invalid with their messages, and clears the rest. */
  showErrors(errors: Record<string, string>) {
    for (const input of this.#inputs()) {
      const message = errors[input.name];
      input.setAttribute('aria-invalid', String(message !== undefined));
      const slot = this.#host.querySelector(`[data-message-for="${input.name}"]`);
      if (slot && slot.textContent !== (message ?? '')) slot.textContent = message ?? '';
    }
  }

  #onInput(event: Event) {
    const target = event.target;
    this.#onChange(target instanceof HTMLInputElement || target instanceof HTMLSelectElement ? target.name : undefined);
    const here = `${location.pathname}${location.search}${location.hash}`;
    const others = new Set([...forms].filter((f) => f !== this).flatMap((f) => f.#fields.map((field) => field.key)));
    const url = `${location.pathname}${toQuery(this.#fields, this.raw(), { search: location.search, keys: others })}${location.hash}`;
    if (this.#editing) {
      this.#cancel();
      if (url !== here) this.#pending = { url, timer: setTimeout(() => this.#flush(), REWRITE_PAUSE_MS) };
      return;
    }
    if (url === here) return;
    history.pushState(null, '', url);
    this.#editing = true;
  }

  /** Writes the waiting address now, if any. */
  #flush() {
    const pending = this.#pending;
    this.#cancel();
    if (pending) history.replaceState(null, '', pending.url);
  }

  #cancel() {
    if (this.#pending) clearTimeout(this.#pending.timer);
    this.#pending = undefined;
  }
}

/**
 * Checks one whole-number field of a small demo: sets aria-invalid and the message beside it,
 * and returns the value, or undefined when the text is not acceptable.
 */
export function checkField(host: ParentNode, field: IntField): number | undefined {
  const input = host.querySelector<HTMLInputElement>(`input[name="${field.key}"]`);
  const parsed = parseInteger(field, input?.value ?? '');
  input?.setAttribute('aria-invalid', String(!parsed.ok));
  const slot = host.querySelector(`[data-message-for="${field.key}"]`);
  if (slot && slot.textContent !== (parsed.ok ? '' : parsed.message)) slot.textContent = parsed.ok ? '' : parsed.message;
  return parsed.ok ? parsed.value : undefined;
}
