/**
 * Every numeric field on every page, fed hostile text: the fixed list from the course's
 * requirements and 50 seeded random strings. Each value must either be accepted (no message) or
 * be flagged with aria-invalid and a visible message beside that same field, while the component
 * keeps showing its last valid output, opens no dialog, injects nothing, and logs no error (the
 * fixture fails the test on console errors and uncaught exceptions). Putting the field's valid
 * value back must bring the component back exactly as it was. DOM only: nothing is run or trained.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { FIXED_HOSTILE, hostileStrings, watchDialogs, whenLive } from './live';

const RANDOM_HOSTILE = hostileStrings(50, 20_261_126);

/**
 * Every live component with a form, the page it is on, and how many fields it must offer at least
 * (fewer means some were hidden or lost). One test each, the ResNet-50 explorer's twenty fields
 * split by group (`labels` picks them); each with a time limit about three times what it takes
 * on a busy two-core machine. A component or field left out here fails its page's census test.
 */
const COMPONENTS: { name: string; path: string; tag: string; labels?: RegExp; fields: number; timeout: number }[] = [
  { name: 'the gradient demo', path: '/lessons/deep-networks/', tag: 'resnet-gradient-demo', fields: 1, timeout: 30_000 },
  { name: 'the identity demo', path: '/lessons/residual-networks/', tag: 'resnet-identity-demo', fields: 1, timeout: 30_000 },
  { name: 'the identity block explorer', path: '/lessons/identity-block/', tag: 'resnet-block-explorer', fields: 10, timeout: 75_000 },
  { name: 'the convolutional block explorer', path: '/lessons/convolutional-block/', tag: 'resnet-block-explorer', fields: 11, timeout: 75_000 },
  ...['Input and output', 'Stage 2', 'Stage 3', 'Stage 4', 'Stage 5'].map((group) => ({
    name: `the ResNet-50 explorer (${group.toLowerCase()})`,
    path: '/lessons/resnet50/',
    tag: 'resnet-resnet50-explorer',
    labels: group.startsWith('Stage') ? new RegExp(`^${group} `) : /^(Height|Width|Channels|classes)$/,
    fields: 4,
    timeout: 75_000,
  })),
  { name: 'the training lab', path: '/lessons/training/', tag: 'resnet-training-lab', fields: 6, timeout: 45_000 },
  { name: 'the degradation experiment', path: '/lessons/training/', tag: 'resnet-degradation', fields: 4, timeout: 45_000 },
  { name: 'the loss landscape', path: '/lessons/training/', tag: 'resnet-loss-landscape', fields: 5, timeout: 45_000 },
  { name: 'the training lab on its own page', path: '/lab/', tag: 'resnet-training-lab', fields: 6, timeout: 45_000 },
];
const PAGES = [...new Set(COMPONENTS.map((c) => c.path))];

const NUMERIC = 'input[inputmode="numeric"], input[inputmode="decimal"], input[type="number"]';
/** Hyperparameters typed as text (the block's letter) get the same treatment. */
const FIELDS = `${NUMERIC}, form input[type="text"]`;
/** The button that starts each component's work: disabled while any field is invalid. */
const ACTION = /^(Run on a real tensor|Stack the blocks|Train side by side|Train|Run the experiment)$/;

interface FieldState {
  invalid: boolean;
  message: string;
  messageVisible: boolean;
  /** Whether the message slot is the one aria-describedby points at. */
  described: boolean;
  /** Other fields of the component flagged invalid (the message must sit beside the edited one). */
  otherInvalid: string[];
  /** The component's output: its tables, drawings and model summary, as text. */
  output: string;
  /** Whether the component's action button is disabled; null for a component without one. */
  actionDisabled: boolean | null;
  injected: number;
  scripts: number;
}

interface Probe {
  read(input: HTMLInputElement, tag: string, action: string): FieldState;
  attack(id: string, tag: string, action: string, values: string[]): Promise<{ value: string; after: FieldState; back: FieldState }[]>;
}

/**
 * Installed in the page: reads a field's state and its component's output in one go, and (for
 * the long lists) types each value and then the original back, as the input events of typing
 * would, reading the state after each. Done in the page because a round trip per value would
 * make thousands of values take many minutes here.
 */
function installProbe() {
  const tick = () =>
    new Promise<void>((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(0);
    });
  const probe: Probe = {
    read(input, tag, action) {
      const host = input.closest(tag) as HTMLElement;
      const ids = (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
      const described = ids.map((id) => document.getElementById(id)).filter((el): el is HTMLElement => el !== null);
      // data-* hooks, not roles: that aria-describedby points at the field's own message slot (not
      // another field's), and which parts of a component are its output, is wiring a reader never
      // sees or names. The visible message itself is checked through aria-describedby.
      const slot = host.querySelector(`[data-message-for="${input.name}"]`);
      // Tables inside the form hold fields and their messages, not output.
      const parts = [...host.querySelectorAll('table tbody, table tfoot, svg, [data-model-summary]')].filter((el) => !el.closest('form'));
      const button = [...host.querySelectorAll('button')].find((b) => new RegExp(action).test(b.textContent?.trim() ?? ''));
      return {
        invalid: input.getAttribute('aria-invalid') === 'true',
        message: described
          .map((el) => el.textContent?.trim() ?? '')
          .join(' ')
          .trim(),
        messageVisible: described.some((el) => (el.textContent?.trim() ?? '') !== '' && el.checkVisibility()),
        described: slot !== null && described.includes(slot as HTMLElement),
        otherInvalid: [...host.querySelectorAll<HTMLInputElement>('input[aria-invalid="true"]')].filter((i) => i !== input).map((i) => i.name),
        output: parts.map((el) => el.textContent ?? '').join('\n'),
        actionDisabled: button ? button.disabled : null,
        injected: document.querySelectorAll('img[src="x"]').length + ((window as { __pwned?: unknown }).__pwned ? 1 : 0),
        scripts: document.scripts.length,
      };
    },
    async attack(id, tag, action, values) {
      const input = document.getElementById(id) as HTMLInputElement;
      const original = input.value;
      const type = async (text: string) => {
        input.focus();
        input.value = text;
        input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
        await tick();
      };
      const results = [];
      for (const value of values) {
        await type(value);
        const after = probe.read(input, tag, action);
        await type(original);
        results.push({ value, after, back: probe.read(input, tag, action) });
      }
      return results;
    },
  };
  (window as unknown as { __probe: Probe }).__probe = probe;
}

const read = (field: Locator, tag: string) =>
  field.evaluate((input: HTMLInputElement, [tag, action]) => (window as unknown as { __probe: Probe }).__probe.read(input, tag, action), [
    tag,
    ACTION.source,
  ] as [string, string]);

interface Live {
  tag: string;
  component: Locator;
  fields: { label: string; id: string; field: Locator }[];
}

/** Finds every live component with a form and its numeric fields, by their visible labels. */
async function discover(page: Page): Promise<Live[]> {
  const found = await page.locator('main').evaluate((main, selector) => {
    const hosts = [...main.querySelectorAll('*')].filter((el) => el.localName.startsWith('resnet-') && el.querySelector('form'));
    const inputs = [...main.querySelectorAll<HTMLInputElement>(selector)];
    return {
      stray: inputs.filter((input) => !hosts.some((host) => host.contains(input))).map((input) => input.id),
      components: hosts.map((host) => ({
        tag: host.localName,
        fields: inputs
          .filter((input) => host.contains(input))
          .map((input) => ({ id: input.id, label: input.labels?.[0]?.textContent?.trim() ?? `(no label: ${input.id})` })),
      })),
    };
  }, FIELDS);
  expect(found.stray, 'numeric fields outside any live component').toEqual([]);
  return found.components.map(({ tag, fields }) => {
    const component = page.locator(tag);
    return { tag, component, fields: fields.map(({ id, label }) => ({ id, label, field: component.getByLabel(label, { exact: true }) })) };
  });
}

const shown = (value: string) => JSON.stringify(value.length > 40 ? `${value.slice(0, 20)}… (${value.length} chars)` : value);

/**
 * The checks every hostile value must pass, after it is typed and after the original is back.
 * Returns what went wrong, in words: thousands of values are judged, and one expect per check
 * would cost more time than the typing.
 */
function judge(index: number, value: string, after: FieldState, back: FieldState, baseline: FieldState): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => ok || problems.push(problem);
  check(after.injected === 0, 'markup was injected');
  check(after.scripts === baseline.scripts, 'a script was added');
  check(after.otherInvalid.length === 0, `the message went to another field (${after.otherInvalid.join(', ')}), not beside the edited one`);
  const mustRefuse = (index < FIXED_HOSTILE.length && value !== '0') || value.includes('<');
  check(after.invalid || !mustRefuse, 'was accepted but must be refused');
  if (after.invalid) {
    check(after.message !== '', 'no message beside the field');
    check(after.messageVisible, 'the message is not visible');
    check(after.described, "the message slot is not the field's aria-describedby");
    check(after.output === baseline.output, 'the last valid output did not stay');
    check(after.actionDisabled !== false, 'the action stayed enabled');
  } else {
    check(after.message === '', `accepted, yet a message shows: ${after.message}`);
  }
  check(!back.invalid && back.otherInvalid.length === 0 && back.message === '', 'putting the valid value back did not clear the messages');
  check(back.output === baseline.output, 'the component did not come back as it was');
  check(back.actionDisabled !== true, 'the action did not come back');
  return problems;
}

async function attack(live: Live, label: string, id: string, field: Locator, typed: boolean) {
  await expect(field, `${live.tag} ${label}`).toHaveCount(1);
  await expect(field).toHaveAttribute('id', id);
  const original = await field.inputValue();
  const baseline = await read(field, live.tag);
  expect(baseline.invalid || baseline.otherInvalid.length > 0, `${live.tag} starts valid`).toBe(false);
  const problems: string[] = [];
  if (typed) {
    // Real typing, through the browser's input pipeline, for the fixed list.
    for (const [i, value] of FIXED_HOSTILE.entries()) {
      await field.fill(value);
      const after = await read(field, live.tag);
      await field.fill(original);
      for (const problem of judge(i, value, after, await read(field, live.tag), baseline)) problems.push(`${label} = ${shown(value)} (typed): ${problem}`);
    }
  }
  const values = [...FIXED_HOSTILE, ...RANDOM_HOSTILE];
  const results = await field.evaluate((_, args) => (window as unknown as { __probe: Probe }).__probe.attack(...args), [
    id,
    live.tag,
    ACTION.source,
    values,
  ] as [string, string, string, string[]]);
  expect(results).toHaveLength(values.length);
  results.forEach(({ value, after, back }, i) => {
    for (const problem of judge(i, value, after, back, baseline)) problems.push(`${label} = ${shown(value)}: ${problem}`);
  });
  expect(problems, `${live.tag}: hostile values that were mishandled`).toEqual([]);
}

for (const { name, path, tag, labels, fields: minimum, timeout } of COMPONENTS) {
  test(`${name}: every numeric field on ${path} refuses hostile text beside the field and keeps its last valid state`, async ({ page }) => {
    test.setTimeout(timeout);
    const dialogs = watchDialogs(page);
    await page.addInitScript(installProbe);
    await page.goto(path);
    const live = (await discover(page)).find((c) => c.tag === tag);
    expect(live, `${name} on ${path}`).toBeDefined();
    const fields = live!.fields.filter((f) => !labels || labels.test(f.label));
    expect(fields.length, `numeric fields of ${name}`).toBeGreaterThanOrEqual(minimum);
    await whenLive(live!.component, fields[0]!.field);
    for (const [i, { label, id, field }] of fields.entries()) await attack(live!, label, id, field, i === 0);
    expect(dialogs).toEqual([]);
  });
}

for (const path of PAGES) {
  test(`every numeric field on ${path} belongs to a component tested above`, async ({ page }) => {
    await page.goto(path);
    const here = COMPONENTS.filter((c) => c.path === path);
    const untested = (await discover(page)).flatMap(({ tag, fields }) =>
      fields.filter(({ label }) => !here.some((c) => c.tag === tag && (!c.labels || c.labels.test(label)))).map(({ label }) => `${tag}: ${label}`),
    );
    expect(untested, `numeric fields on ${path} that no test above attacks`).toEqual([]);
  });
}

test('the home page has no fields, and that is expected', async ({ page }) => {
  await page.goto('/');
  expect(await discover(page)).toEqual([]);
  await expect(page.locator(`main :is(${NUMERIC})`)).toHaveCount(0);
});
