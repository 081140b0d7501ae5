/** What exercises.test.ts and keras-grading.test.ts share to hold a copy of an exercise to its description. */
import type * as tf from '@tensorflow/tfjs';

/** The parameter names of a parameter list's text: types, defaults and `*` markers left out. */
function parameterNames(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let part = '';
  for (const char of list) {
    if ('([{'.includes(char)) depth++;
    if (')]}'.includes(char)) depth--;
    if (char === ',' && depth === 0) {
      parts.push(part);
      part = '';
    } else part += char;
  }
  parts.push(part);
  return parts.map((p) => p.trim().split(/[\s:=]/)[0] as string).filter((name) => name !== '' && name !== '*');
}

/** The first function `source` defines (`function` in TF.js, `def` in Python): its name and parameters. */
export function signatureOf(source: string, keyword: 'function' | 'def'): { name: string; parameters: string[] } {
  const head = new RegExp(`^\\s*${keyword} (\\w+)\\(`, 'm').exec(source);
  if (!head) throw new Error(`signatureOf: no line starting with "${keyword} name(" in the source`);
  const start = head.index + head[0].length;
  let depth = 1;
  let end = start;
  while (depth > 0 && end < source.length) {
    const char = source[end++] as string;
    if (char === '(') depth++;
    if (char === ')') depth--;
  }
  return { name: head[1] as string, parameters: parameterNames(source.slice(start, end - 1)) };
}

/** The names of a model's layers that the assignment names, sorted: TF.js's own names for
 * unnamed layers (`activation_Activation12`) and the input are left out. */
export function namedLayers(model: tf.LayersModel): string[] {
  return model.layers
    .filter((layer) => layer.getClassName() !== 'InputLayer' && !/_[A-Z][A-Za-z0-9]*\d+$/.test(layer.name))
    .map((layer) => layer.name)
    .sort();
}
