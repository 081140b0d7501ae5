/**
 * The parts of a component's markup that its code uses, found once and checked. Each component
 * keeps a table of its parts (`LAB_PARTS` and the like, in its folder's markup.ts): a name, the
 * selector that finds it and the tag it must be. The tag gives the part its type (through
 * TypeScript's HTMLElementTagNameMap), so code that uses `parts.run` knows it holds a button; a
 * part the markup lacks throws at once, naming the component, the part and the selector, rather
 * than turning into `null` somewhere later. The tables are plain data, so a unit test renders each
 * component's .astro file and checks its markup against them (tests/components/).
 */

/** An HTML tag the table can ask for, or `*` for any HTML element (a container whose tag does not matter). */
export type PartTag = keyof HTMLElementTagNameMap | '*';

/** One part: its selector, its tag, and `optional` where the markup may leave it out. */
export type PartSpec = readonly [selector: string, tag: PartTag] | readonly [selector: string, tag: PartTag, presence: 'optional'];

/** A component's parts by name. */
export type PartTable = Readonly<Record<string, PartSpec>>;

type ElementOf<T extends PartTag> = T extends keyof HTMLElementTagNameMap ? HTMLElementTagNameMap[T] : HTMLElement;

/** The elements a table finds: each typed by its tag; an optional part may be undefined. */
export type Parts<T extends PartTable> = {
  readonly [K in keyof T]: T[K] extends readonly [string, infer Tag extends PartTag, 'optional']
    ? ElementOf<Tag> | undefined
    : T[K] extends readonly [string, infer Tag extends PartTag]
      ? ElementOf<Tag>
      : never;
};

/** Whether `element` is what `tag` asks for: an HTML element, and of that tag unless the tag is `*`. */
export function isTag(element: Element | null, tag: PartTag): boolean {
  return element instanceof HTMLElement && (tag === '*' || element.localName === tag);
}

/**
 * The one element `selector` finds under `root`, checked to be a `tag`; throws, naming `component`
 * and `name`, when the markup lacks it or has another tag there.
 */
export function findPart<T extends PartTag>(root: ParentNode, component: string, name: string, selector: string, tag: T): ElementOf<T> {
  const element = root.querySelector(selector);
  if (!isTag(element, tag)) throw new Error(partError(component, name, selector, tag, element));
  return element as ElementOf<T>;
}

/**
 * Finds every part of `table` under `root`, once: call it where the component connects, and keep
 * what it returns. `component` names the component in errors; by default, `root`'s tag.
 */
export function findParts<T extends PartTable>(root: Element, table: T, component = `<${root.localName}>`): Parts<T> {
  const found: Record<string, HTMLElement | undefined> = {};
  for (const [name, [selector, tag, presence]] of Object.entries(table)) {
    const element = root.querySelector(selector);
    if (element === null && presence === 'optional') found[name] = undefined;
    else if (isTag(element, tag)) found[name] = element as HTMLElement;
    else throw new Error(partError(component, name, selector, tag, element));
  }
  return found as Parts<T>;
}

/** Says what the markup lacks, and what to do: the message a test of the markup shows too. */
export function partError(component: string, name: string, selector: string, tag: PartTag, found: { localName: string } | null): string {
  const what = tag === '*' ? 'an HTML element' : `a <${tag}>`;
  return found === null
    ? `${component} has no ${selector} (part '${name}'): add it to the component's markup, or change the part's selector.`
    : `${component} has a <${found.localName}> at ${selector} (part '${name}'), not ${what}: change the markup or the part's tag.`;
}
