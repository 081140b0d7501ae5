/**
 * The in-page half of BlockLayers: builds the block with tf.layers, runs a random batch of m
 * inputs through it, and writes each step's real shape next to the traced one.
 */
import * as tf from '@tensorflow/tfjs';
import { applyBlock, convolutionalBlockSpec, formatShape, identityBlockSpec } from '../../lib/resnet';
import { gpuRenderer } from './gpu';

interface Settings {
  kind: 'identity' | 'convolutional';
  input: [number, number, number];
  f: number;
  filters: [number, number, number];
  s: number;
  stage: number;
  block: string;
  m: number;
}

/** WebGL where the browser has it; otherwise TF.js's CPU backend, said plainly. */
async function chooseBackend(): Promise<string> {
  if (tf.getBackend() === 'webgl') return 'webgl';
  try {
    if (await tf.setBackend('webgl')) return 'webgl';
  } catch {
    // No WebGL here: fall through to the CPU.
  }
  await tf.setBackend('cpu');
  return 'cpu';
}

/** Shapes of every step's output on a real batch, by step id. */
function realShapes(settings: Settings): Map<string, number[]> {
  const spec =
    settings.kind === 'identity'
      ? identityBlockSpec(settings.f, settings.filters, settings.stage, settings.block)
      : convolutionalBlockSpec(settings.f, settings.filters, settings.stage, settings.block, settings.s);
  const X = tf.input({ shape: settings.input });
  const { tensors } = applyBlock(X, spec);
  const ids = ['input', ...tensors.keys()];
  const model = tf.model({ inputs: X, outputs: [...tensors.values()] });
  const shapes = new Map<string, number[]>();
  try {
    // tf.tidy returns only tensors, so the shapes are collected outside what it returns.
    tf.tidy(() => {
      const batch = tf.randomNormal([settings.m, ...settings.input], 0, 1, 'float32', 0);
      const outputs = [batch, ...(model.predict(batch) as tf.Tensor[])];
      outputs.forEach((t, i) => shapes.set(ids[i] as string, t.shape));
    });
  } finally {
    model.dispose();
  }
  return shapes;
}

export async function runBlockInPage(host: HTMLElement): Promise<void> {
  const status = host.querySelector<HTMLElement>('[data-status]');
  const backendLine = host.querySelector<HTMLElement>('[data-backend]');
  try {
    const settings = JSON.parse(host.dataset.settings ?? '{}') as Settings;
    const backend = await chooseBackend();
    const shapes = realShapes(settings);
    let agree = true;
    for (const row of host.querySelectorAll<HTMLTableRowElement>('tr[data-step]')) {
      const cell = row.querySelector<HTMLElement>('[data-real]');
      const shape = shapes.get(row.dataset.step ?? '');
      if (!cell) continue;
      cell.textContent = shape ? formatShape(shape.slice(1), shape[0]) : 'not built';
      const traced = row.querySelector('td:nth-child(4) code')?.textContent?.replace('None', String(settings.m));
      const same = cell.textContent === traced;
      cell.dataset.agrees = String(same);
      agree &&= same;
    }
    if (status) {
      status.textContent = agree
        ? `Built with tf.layers and run on ${settings.m} random inputs: every shape matches the trace.`
        : 'Built with tf.layers: some shapes differ from the trace (marked in red).';
    }
    if (backendLine) {
      const renderer = gpuRenderer();
      backendLine.textContent = `TF.js backend: ${backend}${renderer ? ` · GPU renderer: ${renderer}` : ''}`;
      backendLine.dataset.name = backend;
      backendLine.hidden = false;
    }
  } catch (error) {
    if (status) status.textContent = `Could not build the block here: ${error instanceof Error ? error.message : String(error)}`;
  }
}
