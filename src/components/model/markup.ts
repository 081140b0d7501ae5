/**
 * What the model components' code needs from their markup (BlockExplorer.astro, IdentityDemo.astro,
 * ResNet50Explorer.astro, GradientDemo.astro): found once by `findParts` (../parts.ts), and checked
 * against the rendered markup by tests/components/model.test.ts.
 */
import type { PartTable } from '../parts';

/** The block explorer's parts that a run on a real tensor writes into (block-run-view.ts). */
export const BLOCK_RUN_PARTS = {
  table: ['[data-table]', 'table'],
  steps: ['[data-table] tbody', 'tbody'],
  bnNote: ['[data-bn-note]', 'p'],
  runNotes: ['[data-run-notes]', 'div'],
  runStatus: ['[data-run-status]', 'p'],
} as const satisfies PartTable;

/** <resnet-block-explorer>, both kinds; only the identity explorer has the table of costs. */
export const BLOCK_EXPLORER_PARTS = {
  ...BLOCK_RUN_PARTS,
  section: ['section', 'section'],
  diagram: ['[data-diagram]', 'div'],
  summary: ['[data-summary]', 'p'],
  run: ['[data-run]', 'button'],
  bnMode: ['[data-bn-mode]', 'select'],
  costs: ['[data-costs] tbody', 'tbody', 'optional'],
} as const satisfies PartTable;

/** <resnet-identity-demo>. */
export const IDENTITY_DEMO_PARTS = {
  run: ['[data-run]', 'button'],
  status: ['[data-status]', 'p'],
  measures: ['[data-measures]', 'p'],
  table: ['[data-table]', 'table'],
  body: ['[data-table] tbody', 'tbody'],
} as const satisfies PartTable;

/** <resnet-resnet50-explorer>. */
export const RESNET50_EXPLORER_PARTS = {
  section: ['section', 'section'],
  summary: ['[data-summary]', 'p'],
  overview: ['[data-overview]', 'div'],
  stages: ['[data-stages] tbody', 'tbody'],
  totals: ['[data-totals]', 'tr'],
  full: ['[data-full]', 'details'],
  layerCount: ['[data-layer-count]', 'span'],
  layers: ['[data-summary-table] tbody', 'tbody'],
} as const satisfies PartTable;

/** <resnet-gradient-demo>; each network's chart and caption are found by the network's name. */
export const GRADIENT_DEMO_PARTS = {
  run: ['[data-run]', 'button'],
  status: ['[data-status]', 'p'],
  staleNote: ['[data-stale-note]', 'p'],
  charts: ['[data-charts]', 'div'],
  plainChart: ['[data-chart="plain"]', 'div'],
  plainSummary: ['[data-summary="plain"]', 'p'],
  residualChart: ['[data-chart="residual"]', 'div'],
  residualSummary: ['[data-summary="residual"]', 'p'],
} as const satisfies PartTable;
