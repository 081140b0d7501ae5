/**
 * Measuring how much a page moves while its live components load: every `layout-shift` entry the
 * browser reports (those right after the reader's own input aside, as Web Vitals does), summed
 * plainly, which is never less than Web Vitals' largest session window. Each entry keeps what
 * moved, so a failing test says where to look.
 */
import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import { NEAR } from '../../src/components/lazy-define';
import { READY } from './live-components';

/** Web Vitals' "good" cumulative layout shift. */
export const GOOD_CLS = 0.1;

export interface Shift {
  value: number;
  /** When, in ms since the page started loading. */
  time: number;
  /** What moved: the element, and its box before and after (viewport px). */
  sources: string[];
}

declare global {
  interface Window {
    __layoutShifts?: Shift[];
  }
}

/** Records layout shifts from the very start of the next page the tab opens. Call before `goto`. */
export async function recordLayoutShifts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    interface ShiftEntry extends PerformanceEntry {
      value: number;
      hadRecentInput: boolean;
      sources: { node?: Node; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[];
    }
    const name = (node?: Node) => {
      if (!(node instanceof Element)) return node?.nodeName ?? '(gone)';
      const id = node.id ? `#${node.id}` : '';
      const classes = [...node.classList].map((c) => `.${c}`).join('');
      const parent = node.parentElement ? `${node.parentElement.localName}${node.parentElement.id ? `#${node.parentElement.id}` : ''} > ` : '';
      return `${parent}${node.localName}${id}${classes}`;
    };
    const box = (r: DOMRectReadOnly) => `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}×${Math.round(r.height)}`;
    const shifts: Shift[] = (window.__layoutShifts = []);
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as ShiftEntry[]) {
        if (entry.hadRecentInput) continue;
        shifts.push({
          value: entry.value,
          time: Math.round(entry.startTime),
          sources: entry.sources.map((s) => `${name(s.node)}: ${box(s.previousRect)} → ${box(s.currentRect)}`),
        });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

/** The shifts recorded so far, after the browser has painted twice more (entries come after paint). */
export async function layoutShifts(page: Page): Promise<Shift[]> {
  return page.evaluate(async () => {
    for (let i = 0; i < 2; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
    // Entries are queued to observers as a task after the frame that produced them.
    await new Promise((resolve) => setTimeout(resolve));
    return window.__layoutShifts ?? [];
  });
}

/** The plain sum of the shifts. */
export function cumulative(shifts: Shift[]): number {
  return shifts.reduce((sum, s) => sum + s.value, 0);
}

/** The shifts, readably, largest first: for a failing test's message. */
export function describeShifts(shifts: Shift[]): string {
  return [...shifts]
    .sort((a, b) => b.value - a.value)
    .slice(0, 8)
    .map((s) => `${s.value.toFixed(4)} at ${s.time} ms\n    ${s.sources.join('\n    ')}`)
    .join('\n');
}

/**
 * Keeps lazy-define.ts from starting components as they near the screen, so the test can start
 * each at the worst moment (see scrollThrough). A page opened at a section (its URL has a
 * fragment) loads as it does for everyone. Call before `goto`.
 */
export async function holdLazyLoading(page: Page): Promise<void> {
  await page.addInitScript((near) => {
    if (location.hash) return;
    const Native = window.IntersectionObserver;
    window.IntersectionObserver = class extends Native {
      #held: boolean;
      constructor(callback: IntersectionObserverCallback, options?: IntersectionObserverInit) {
        super(callback, options);
        this.#held = options?.rootMargin === near;
      }
      override observe(target: Element) {
        if (!this.#held) super.observe(target);
      }
    };
  }, NEAR);
}

/** A live component's height as the server sent it and once it has drawn (CSS px). */
export interface ComponentSize {
  tag: string;
  sent: number;
  drawn: number;
}

declare global {
  interface Window {
    /** Each component the test has started, with its height then. */
    __started?: Map<Element, number>;
  }
}

/**
 * Waits until every live component within `reach` viewports of the screen (1: as far as
 * lazy-define.ts starts loading them), or every one the test started, is defined and has drawn
 * what it draws on start.
 */
export async function componentsDrawn(page: Page, reach: number | 'started'): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(
          ({ ready, reach }) => {
            const near = (el: Element) => {
              if (reach === 'started') return window.__started?.has(el) ?? false;
              const r = el.getBoundingClientRect();
              return r.bottom > -reach * innerHeight && r.top < (1 + reach) * innerHeight;
            };
            return [...document.querySelectorAll('main *')]
              .filter((el) => el.localName.startsWith('resnet-') && near(el))
              .filter((el) => !el.matches(':defined') || (el.localName in ready && !el.querySelector(ready[el.localName] ?? '*')))
              .map((el) => el.localName);
          },
          { ready: READY, reach },
        ),
      { message: 'the live components have drawn', timeout: 90_000 },
    )
    .toEqual([]);
}

/**
 * Scrolls down the page most of a screen at a time, to its end, as a reader who is faster than
 * the code: each live component starts loading (as focus arriving in it would start it) only once
 * the reader has reached its end (its bottom is on screen) or gone into it (its top has left the
 * screen), so whatever its placeholder gets wrong moves what the reader is looking at. At each stop
 * the components started there are waited for. Returns each component's height as the server sent
 * it and once drawn. Needs holdLazyLoading.
 */
export async function scrollThrough(page: Page): Promise<ComponentSize[]> {
  for (let stop = 0; ; stop++) {
    await page.evaluate(() => {
      const started = (window.__started ??= new Map());
      for (const el of document.querySelectorAll('main *')) {
        if (!el.localName.startsWith('resnet-') || started.has(el)) continue;
        const r = el.getBoundingClientRect();
        if (r.top >= 0 && r.bottom > innerHeight) continue;
        started.set(el, r.height);
        el.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
      }
    });
    await componentsDrawn(page, 'started');
    const done = await page.evaluate(() => {
      const end = document.documentElement.scrollHeight - innerHeight;
      if (scrollY >= end - 1) return true;
      window.scrollTo({ top: Math.min(end, scrollY + innerHeight * 0.8), behavior: 'instant' });
      return false;
    });
    if (done) break;
    expect(stop, 'the page ends').toBeLessThan(200);
  }
  return page.evaluate(() => [...(window.__started ?? [])].map(([el, sent]) => ({ tag: el.localName, sent, drawn: el.getBoundingClientRect().height })));
}

/** How far the page would have to scroll to put the element where the browser puts a link's target (0 when it is there). */
export async function offTarget(page: Page, selector: string): Promise<number> {
  return page.locator(selector).evaluate((el) => {
    const before = scrollY;
    el.scrollIntoView({ block: 'start', behavior: 'instant' });
    const moved = scrollY - before;
    window.scrollTo({ top: before, behavior: 'instant' });
    return moved;
  });
}
