/**
 * Keeps a keyboard user's place when the control they pressed disables itself (Train as a run
 * starts, Pause once pressed, Stop once the run stops), instead of dropping the focus to the page.
 *
 * The focused element is read before the controls change, never after: Chromium up to 150 blurs
 * a focused button the moment `disabled` is set (document.activeElement is then already the
 * body), later versions a task later. Reading it afterwards works on one version and silently
 * loses the focus on the other.
 */
export class FocusHandoff {
  #host: HTMLElement;
  #park: string | undefined;
  /** The focus waits on `park` for a button to come back. */
  #parked = false;

  /**
   * `park` (a selector within `host`) takes the focus while no button can (a run testing its
   * model has none enabled): a status line with tabindex="-1", so a screen reader reads where
   * things stand. The focus moves on from there once a button is enabled again, unless the reader
   * has moved it.
   */
  constructor(host: HTMLElement, park?: string) {
    this.#host = host;
    this.#park = park;
  }

  /**
   * Runs `apply`, which enables and disables controls; if it disabled the control that had the
   * focus, the focus goes to the first enabled button of `next`.
   */
  update(apply: () => void, next: readonly (HTMLButtonElement | null)[]): void {
    const park = this.#park ? this.#host.querySelector<HTMLElement>(this.#park) : null;
    const held = document.activeElement;
    const inside = held instanceof HTMLElement && this.#host.contains(held);
    const parked = this.#parked && inside && held === park;
    apply();
    if (!inside || (!parked && !held.matches(':disabled'))) {
      if (!parked) this.#parked = false;
      return;
    }
    const to = next.find((button) => button && !button.disabled);
    if (to) {
      to.focus();
      this.#parked = false;
    } else if (park && !parked) {
      park.focus();
      this.#parked = true;
    }
  }
}
