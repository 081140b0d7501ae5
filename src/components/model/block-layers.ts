/**
 * The in-page half of BlockLayers: builds the block with tf.layers, runs a random batch of m
 * inputs through it, and writes each step's real shape next to the traced one.
 */
import type { BlockParams } from '../../lib/resnet/block-params';
import type { BlockKind } from '../../lib/resnet/blocks';
import { formatShape } from '../../lib/resnet/format';
import { runBlock } from '../../lib/resnet/run';
import { chooseBackend } from './backend';
import { gpuRenderer } from './gpu';

export async function runBlockInPage(host: HTMLElement): Promise<void> {
  const status = host.querySelector<HTMLElement>('[data-status]');
  const backendLine = host.querySelector<HTMLElement>('[data-backend]');
  try {
    const { kind, ...params } = JSON.parse(host.dataset.settings ?? '{}') as BlockParams & { kind: BlockKind };
    await chooseBackend();
    const run = await runBlock(kind, params);
    const shapes = new Map(run.steps.map((step) => [step.id, step.shape]));
    let agree = true;
    for (const row of host.querySelectorAll<HTMLTableRowElement>('tr[data-step]')) {
      const cell = row.querySelector<HTMLElement>('[data-real]');
      const shape = shapes.get(row.dataset.step ?? '');
      if (!cell) continue;
      cell.textContent = shape ? formatShape(shape.slice(1), shape[0]) : 'not built';
      const traced = row.querySelector('td:nth-child(4) code')?.textContent?.replace('None', String(params.m));
      const same = cell.textContent === traced;
      cell.dataset.agrees = String(same);
      agree &&= same;
    }
    if (status) {
      status.textContent = agree
        ? `Built with tf.layers and run on ${params.m} random inputs: every shape matches the trace.`
        : 'Built with tf.layers: some shapes differ from the trace (marked in red).';
    }
    if (backendLine) {
      const renderer = gpuRenderer();
      backendLine.textContent = `TF.js backend: ${run.backend}${renderer ? ` · GPU renderer: ${renderer}` : ''}`;
      backendLine.dataset.name = run.backend;
      backendLine.hidden = false;
    }
  } catch (error) {
    if (status) status.textContent = `Could not build the block here: ${error instanceof Error ? error.message : String(error)}`;
  }
}
