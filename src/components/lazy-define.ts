/**
 * Loads a live component's code only when the reader gets near it.
 *
 * A page first ships only its prose and these few lines. The heavy code behind a component
 * (TF.js, D3, the editor) is imported, and its custom element defined, once any instance of the
 * element comes within about one viewport of the screen, or receives focus (so a keyboard user
 * who tabs into it is never left with a dead panel). Until then the server-rendered markup stands
 * in: its fields and labels, and a loading badge (see LiveLoading.astro) that goes away once the
 * element is defined, or says plainly that the code could not load.
 *
 * A reader may type in a field, pick files or press a button while the code is on its way. Those
 * edits are kept and passed on once the element is live, the files picked are announced again
 * (a file input keeps its files, but the element was not there to hear the first `change`), and
 * the last button pressed is pressed again, so nothing the reader did is lost. Any of these also
 * starts the loading, wherever the element is on the page.
 */

/** How far from the screen an element may be and still start loading: one viewport. */
export const NEAR = '100% 0px 100% 0px';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** What a reader did to one instance before its element was defined. */
interface Early {
  edited: Set<Control>;
  /** File inputs the reader picked files in: their files wait on the input itself. */
  picked: Set<HTMLInputElement>;
  pressed: HTMLButtonElement | undefined;
  /** Stops watching. */
  stop: () => void;
}

/**
 * Defines `tag` with the class `load` resolves to, once an instance nears the screen.
 * `load` is a dynamic import, e.g. `() => import('./lab').then((m) => m.TrainingLabElement)`.
 */
export function lazyDefine(tag: string, load: () => Promise<CustomElementConstructor>): void {
  const hosts = [...document.querySelectorAll<HTMLElement>(tag)];
  if (hosts.length === 0 || customElements.get(tag)) return;
  let started = false;
  const early = new Map(hosts.map((host) => [host, watchEarly(host, () => start())]));
  const start = () => {
    if (started) return;
    started = true;
    observer.disconnect();
    for (const host of hosts) host.removeEventListener('focusin', start);
    load()
      .then((element) => {
        // The reader's text, read before the element starts and perhaps fills its fields.
        const kept = [...early].map(([host, what]) => {
          what.stop();
          return { host, what, values: new Map([...what.edited].map((control) => [control, control.value])) };
        });
        if (!customElements.get(tag)) customElements.define(tag, element);
        for (const { host, what, values } of kept) {
          host.querySelector('[data-live-loading]')?.remove();
          replay(values, what.picked, what.pressed);
        }
      })
      .catch(() => {
        for (const host of hosts) showFailure(host);
      });
  };
  const observer = new IntersectionObserver(
    (entries) => {
      if (entries.some((entry) => entry.isIntersecting)) start();
    },
    { rootMargin: NEAR },
  );
  for (const host of hosts) {
    observer.observe(host);
    host.addEventListener('focusin', start);
  }
  if ([...early.values()].some((what) => what.picked.size > 0)) start();
}

/**
 * Notes the fields a reader edits, the files they pick and the button they press before the
 * element is live, and calls `touched` on each, so that acting on a component loads it.
 */
function watchEarly(host: HTMLElement, touched: () => void): Early {
  const edited = new Set<Control>();
  // Files picked before this script ran (a slow network) are waiting on their inputs already.
  const picked = new Set([...host.querySelectorAll<HTMLInputElement>('input[type="file"]')].filter((input) => (input.files?.length ?? 0) > 0));
  let pressed: HTMLButtonElement | undefined;
  const onEdit = (event: Event) => {
    const target = event.target;
    if (target instanceof HTMLInputElement && target.type === 'file') {
      if (target.files?.length) picked.add(target);
      else picked.delete(target);
    } else if (target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement) edited.add(target);
    touched();
  };
  const onClick = (event: Event) => {
    const button = event.target instanceof Element ? event.target.closest('button') : null;
    if (button && host.contains(button)) {
      pressed = button;
      touched();
    }
  };
  host.addEventListener('input', onEdit, true);
  host.addEventListener('change', onEdit, true);
  host.addEventListener('click', onClick, true);
  return {
    edited,
    picked,
    get pressed() {
      return pressed;
    },
    stop: () => {
      host.removeEventListener('input', onEdit, true);
      host.removeEventListener('change', onEdit, true);
      host.removeEventListener('click', onClick, true);
    },
  };
}

/**
 * Passes early edits on to the live element. An element may fill its fields when it starts
 * (from the URL, say), so the reader's text is put back first, then announced as an edit.
 * Picked files are still on their inputs (script cannot set them), so they are only announced.
 */
function replay(values: Map<Control, string>, picked: Set<HTMLInputElement>, pressed: HTMLButtonElement | undefined) {
  for (const [control, value] of values) {
    control.value = value;
    control.dispatchEvent(new Event('input', { bubbles: true }));
    control.dispatchEvent(new Event('change', { bubbles: true }));
  }
  for (const input of picked) if (input.files?.length) input.dispatchEvent(new Event('change', { bubbles: true }));
  if (pressed && !pressed.disabled) pressed.click();
}

function showFailure(host: HTMLElement) {
  const badge = host.querySelector<HTMLElement>('[data-live-loading]');
  if (!badge) return;
  badge.dataset.state = 'failed';
  badge.textContent = badge.dataset.failedText ?? 'This part of the page could not load. Check your connection, then reload the page.';
}
