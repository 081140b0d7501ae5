/**
 * Hints that name the actual fault. The checks find *where* a model parts from the reference (a
 * layer's settings, what feeds it, a name used twice); these functions turn that into what to
 * change, in the exercise's own terms: the argument s, a stage's filters, the ReLU on the sum.
 *
 * The block exercises are graded at stage 1, so a layer named for stage 2 to 5 is ResNet-50's,
 * and its stage's settings come from RESNET50_STAGES.
 */
import { RESNET50_STAGES } from '../resnet';
import type { ExerciseId, Language } from './types';

/** Where a named block layer sits: `res4a_branch2b` is stage 4, block 'a', step 2b. */
export interface BlockPlace {
  kind: 'res' | 'bn';
  stage: number;
  block: string;
  step: '2a' | '2b' | '2c' | '1';
}

/** The stage, block and step a block layer's name encodes, or undefined for any other name. */
export function placeOf(name: string): BlockPlace | undefined {
  const parts = name.match(/^(res|bn)(\d+)([a-z]+)_branch(2a|2b|2c|1)$/);
  if (!parts) return undefined;
  return { kind: parts[1] as 'res' | 'bn', stage: Number(parts[2]), block: parts[3] as string, step: parts[4] as BlockPlace['step'] };
}

/** ResNet-50's settings for a stage from 2 to 5, or undefined (the block exercises use stage 1). */
const stageSpec = (stage: number) => (stage >= 2 && stage <= 5 ? RESNET50_STAGES[stage - 2] : undefined);

/** Which of [F1, F2, F3] a step's CONV2D takes: the shortcut's has F3 filters. */
const FILTER_INDEX: Record<BlockPlace['step'], 0 | 1 | 2> = { '2a': 0, '2b': 1, '2c': 2, '1': 2 };

const pair = (v: unknown) => (Array.isArray(v) ? `(${v.join(', ')})` : String(v));

/** The hint for a CONV2D whose stride differs from the reference's. */
export function strideHint(name: string, mine: unknown, want: unknown): string {
  const base = `this conv uses a stride of ${pair(want)}, not ${pair(mine)}`;
  const place = placeOf(name);
  const spec = place && stageSpec(place.stage);
  if (!place || !spec || place.block !== 'a' || place.step === '2b' || place.step === '2c') return base;
  if (place.stage === 2) {
    return `${base}: stage 2's convolutional block takes s = 1, not the default s = 2, because stage 1's max-pool has already halved the height and width`;
  }
  return `${base}: stage ${place.stage}'s convolutional block takes s = ${spec.s}`;
}

/** The hint for a CONV2D whose number of filters differs from the reference's. */
export function filtersHint(name: string, mine: number, want: number): string {
  const base = `this conv has ${want} filters, not ${mine}`;
  const place = placeOf(name);
  const spec = place && stageSpec(place.stage);
  if (!place || !spec) return `${base}: check the order of [F1, F2, F3]`;
  const index = FILTER_INDEX[place.step];
  // Filters from the stage's own list, in the wrong place, are an order slip; from another
  // stage's, a copied line whose filters were left as they were.
  if (spec.filters.includes(mine)) return `${base}: stage ${place.stage}'s blocks take [${spec.filters.join(', ')}], in that order`;
  const owner = RESNET50_STAGES.findIndex((other) => other.filters[index] === mine);
  const whose = owner >= 0 ? `; ${mine} is stage ${owner + 2}'s` : '';
  return `${base}: stage ${place.stage}'s blocks take filters [${spec.filters.join(', ')}]${whose}`;
}

/**
 * Explains a wiring difference: `got` and `want` are the signatures (structure.ts) of what feeds
 * a layer, or of the output, in the learner's model and in the reference.
 */
export function wiringHint(got: string[], want: string[]): string {
  const text = got.join(' ');
  const expected = want.join(' ');
  const onlyMine = (pattern: RegExp) => pattern.test(text) && !pattern.test(expected);
  if (onlyMine(/Activation\(bn\w*2c\)/)) {
    return 'the third component has no ReLU: its BatchNorm goes straight into the Add, and the ReLU comes after the Add';
  }
  if (onlyMine(/Activation\(input\)/))
    return 'the shortcut carries X to the Add as it is, with no ReLU of its own: the only ReLU at the end is the one on the sum';
  if (onlyMine(/Activation\(bn\w*_branch1\)/)) {
    return 'the shortcut ends with its BatchNorm, which goes straight into the Add: no ReLU on the shortcut, the only one at the end is on the sum';
  }
  if (/^Activation\(Add\(/.test(expected) && /^Add\(/.test(text)) {
    return 'the block ends with a ReLU on the sum: apply one more ReLU to the output of the Add, and return that';
  }
  if (expected.includes('Flatten(') && !text.includes('Flatten(')) {
    return 'a Flatten belongs between avg_pool and the Dense layer: it turns the pooled feature maps into the one vector per example that a Dense layer takes';
  }
  if (/Add\(/.test(expected) && /Add\(/.test(text))
    return 'the Add takes the main path and the shortcut: the block input X itself (identity block) or the shortcut BatchNorm (convolutional block)';
  if (expected.startsWith('Activation(') && !text.includes('Activation(')) return 'a ReLU belongs here, right after the BatchNorm';
  return 'keep the order of the steps: CONV2D → BatchNorm → ReLU in each component, then the Add and a final ReLU';
}

/** What each step's suffix belongs to, as the lessons name the steps. */
const STEP_NAMES: Record<BlockPlace['step'], string> = {
  '2a': 'the first component',
  '2b': 'the second component',
  '2c': 'the third component',
  '1': 'the shortcut',
};

const COUNT_WORDS = ['', 'One', 'Two', 'Three', 'Four', 'Five'];

/** 'a', 'b' and 'c'. */
const listed = (items: string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/**
 * TF.js refuses a model with two layers of one name, listing every layer name of the model
 * (internal ones such as `activation_Activation807` among them): about 180 for ResNet-50. This
 * says which name is used twice and where to look instead, or undefined for any other message.
 * TF.js's error is a plain ValueError with no field naming the duplicate, so its text is read.
 */
export function duplicateName(message: string, id: ExerciseId, language: Language): { message: string; hint: string } | undefined {
  const found = message.match(/The name "([^"]+)" is used (\d+) times in the model/);
  if (!found) return undefined;
  const name = found[1] as string;
  const times = Number(found[2]);
  const count = COUNT_WORDS[times] ?? String(times);
  const text = `${count} layers are named '${name}': each name must be used once.`;
  const place = placeOf(name);
  const spec = place && stageSpec(place.stage);
  if (id === 'resnet50' && place && spec) {
    const letters = ['a', ...Array.from({ length: spec.identityBlocks }, (_, i) => String.fromCharCode(98 + i))];
    return {
      message: text,
      hint: `check the stage and block arguments of each block call: stage ${place.stage}'s blocks are ${listed(letters.map((l) => `'${l}'`))}, each letter used once`,
    };
  }
  if (place) {
    const bases = language === 'keras' ? { res: 'conv_name_base', bn: 'bn_name_base' } : { res: 'convNameBase', bn: 'bnNameBase' };
    const steps = id === 'convolutional-block' ? "'2a', '2b', '2c' and '1'" : "'2a', '2b' and '2c'";
    return {
      message: text,
      hint: `check the suffix of each ${bases[place.kind]} + '…': '${place.step}' belongs to ${STEP_NAMES[place.step]} only, and each step has its own (${steps})`,
    };
  }
  return { message: text, hint: 'give each layer a name of its own, or leave it unnamed (a ReLU, an Add, a pooling or a Flatten needs no name)' };
}
