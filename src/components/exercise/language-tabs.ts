/**
 * The code cells and the lessons' code tabs (Starlight's <Tabs syncKey="lang">) show one language
 * choice. Starlight keeps the label of the last tab picked in localStorage and switches every
 * synced group on the page when one is clicked; these two functions join the cells to that:
 * a cell's switch turns the page's tabs, and a tab picked in a lesson turns the cells.
 */
import { LANGUAGE_LABELS, LANGUAGES, type Language } from '../../lib/course';

const GROUPS = 'starlight-tabs[data-sync-key="lang"]';

/** The part of Starlight's tabs element used here (its public method; sync false: no focus, no scroll). */
interface StarlightTabs extends HTMLElement {
  switchTab?(tab: HTMLElement, index: number, shouldSync?: boolean): void;
}

const tabsOf = (group: Element) => [...group.querySelectorAll<HTMLElement>('[role="tab"]')];
const languageOf = (tab: Element) => LANGUAGES.find((language) => LANGUAGE_LABELS[language] === tab.textContent?.trim());

/** Tells the page's cells, with or without code tabs on the page, that the reader picked `language`. */
const LANGUAGE_EVENT = 'resnet:language';

/** Shows `language` in every code-tab group of the page, and in every cell. */
export function showTabsIn(root: ParentNode, language: Language): void {
  document.dispatchEvent(new CustomEvent<Language>(LANGUAGE_EVENT, { detail: language }));
  for (const group of root.querySelectorAll<StarlightTabs>(GROUPS)) {
    const tabs = tabsOf(group);
    const index = tabs.findIndex((tab) => languageOf(tab) === language);
    const tab = tabs[index];
    if (tab && tab.getAttribute('aria-selected') !== 'true') group.switchTab?.(tab, index, false);
  }
}

/** Calls `onPick` with the language the reader picks in any code-tab group or cell; returns a stop function. */
export function watchTabs(root: ParentNode, onPick: (language: Language) => void): () => void {
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      const tab = record.target as Element;
      const language = tab.getAttribute('aria-selected') === 'true' ? languageOf(tab) : undefined;
      if (language) onPick(language);
    }
  });
  for (const group of root.querySelectorAll(GROUPS)) {
    for (const tab of tabsOf(group)) observer.observe(tab, { attributes: true, attributeFilter: ['aria-selected'] });
  }
  const onCell = (event: Event) => onPick((event as CustomEvent<Language>).detail);
  document.addEventListener(LANGUAGE_EVENT, onCell);
  return () => {
    observer.disconnect();
    document.removeEventListener(LANGUAGE_EVENT, onCell);
  };
}
