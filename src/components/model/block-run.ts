/** The TF.js half of the explorer's "Run on a real tensor", loaded on the first press. */
import type { BlockParams } from '../../lib/resnet/block-params';
import type { BlockKind } from '../../lib/resnet/blocks';
import { runBlock, type BatchNormMode, type BlockRun } from '../../lib/resnet/run';
import { startEngine } from '../engine';

export interface PageRun extends BlockRun {
  renderer: string | null;
}

export async function runInPage(kind: BlockKind, params: BlockParams, mode: BatchNormMode): Promise<PageRun> {
  const { renderer } = await startEngine('demo');
  const run = await runBlock(kind, params, undefined, mode);
  return { ...run, renderer };
}
