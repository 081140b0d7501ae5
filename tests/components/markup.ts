/**
 * Reads a component's rendered markup as its code would: parse5 parses the HTML, and a small
 * matcher finds the first element a selector names, in document order, as `querySelector` does.
 * It knows only the selectors the parts tables use (`tag`, `.class`, `[data-x]`, `[data-x="y"]`
 * and their combinations, and descendants of one such as `[data-table] tbody`); any other throws,
 * so a table never passes by being misread.
 */
import { parseFragment, type DefaultTreeAdapterTypes } from 'parse5';
import { partError, type PartTable } from '../../src/components/parts';

type Node = DefaultTreeAdapterTypes.ChildNode | DefaultTreeAdapterTypes.DocumentFragment;
export type Element = DefaultTreeAdapterTypes.Element;

const SIMPLE = /^([a-z][a-z0-9-]*)?(?:\.([\w-]+))?(?:\[([\w-]+)(?:="([^"]*)")?\])?$/;

/** `element`'s parent when that is an element, or null. */
function parentOf(element: Element): Element | null {
  const parent = element.parentNode;
  return parent && 'tagName' in parent ? parent : null;
}

/** Whether `element` matches `selector`: simple selectors above, each an ancestor of the next. */
export function matches(element: Element, selector: string): boolean {
  const [last = '', ...ancestors] = selector.trim().split(/\s+/).reverse();
  if (!matchesSimple(element, last)) return false;
  let above = parentOf(element);
  for (const wanted of ancestors) {
    while (above && !matchesSimple(above, wanted)) above = parentOf(above);
    if (!above) return false;
    above = parentOf(above);
  }
  return true;
}

/** Whether `element` matches `selector`, one simple selector. */
function matchesSimple(element: Element, selector: string): boolean {
  const m = SIMPLE.exec(selector);
  if (!m || selector === '')
    throw new Error(`The markup test cannot read the selector ${selector}: use a tag, .class, [data-x] or [data-x="y"], or one inside another.`);
  const [, tag, className, attribute, value] = m;
  const attr = (name: string) => element.attrs.find((a) => a.name === name)?.value;
  if (tag && element.tagName !== tag) return false;
  if (className && !(attr('class') ?? '').split(/\s+/).includes(className)) return false;
  if (attribute && attr(attribute) === undefined) return false;
  return value === undefined || attr(attribute ?? '') === value;
}

/** The elements under `root` (not `root` itself), in document order. */
function* descendants(root: Node): Generator<Element> {
  if (!('childNodes' in root)) return;
  for (const child of root.childNodes) {
    if ('tagName' in child) yield child;
    yield* descendants(child);
  }
}

/** The first element under `root` that `selector` finds, or null. */
export function query(root: Node, selector: string): Element | null {
  for (const element of descendants(root)) if (matches(element, selector)) return element;
  return null;
}

/** The rendered HTML's first element: the component's own (`<resnet-…>`, or a panel's `<div>`). */
export function rootOf(html: string): Element {
  const root = descendants(parseFragment(html)).next().value;
  if (!root) throw new Error('The component rendered no element.');
  return root;
}

/**
 * What `root`'s markup lacks of `table`: one line per missing or mistyped part (the messages
 * `findParts` throws in the page), none when the markup has every part.
 */
export function missingParts(root: Node, table: PartTable, component: string): string[] {
  return Object.entries(table).flatMap(([name, [selector, tag, presence]]) => {
    const found = query(root, selector);
    if (found === null && presence === 'optional') return [];
    if (found !== null && (tag === '*' || found.tagName === tag)) return [];
    return [partError(component, name, selector, tag, found && { localName: found.tagName })];
  });
}
