/**
 * What the training components' code needs from their markup (TrainingLab.astro, InsideModel.astro,
 * Degradation.astro, LossLandscape.astro): found once by `findParts` (../parts.ts), and checked
 * against the rendered markup by tests/components/train.test.ts.
 */
import type { PartTable } from '../parts';

/** <resnet-training-lab>: its buttons, the runs table and the results panel. */
export const LAB_PARTS = {
  runs: ['[data-runs]', 'table'],
  webgpu: ['option[data-needs-webgpu]', 'option'],
  train: ['[data-action="train"]', 'button'],
  pair: ['[data-action="pair"]', 'button'],
  pause: ['[data-action="pause"]', 'button'],
  resume: ['[data-action="resume"]', 'button'],
  stop: ['[data-action="stop"]', 'button'],
  summary: ['[data-model-summary]', 'p'],
  results: ['[data-results]', 'div'],
  inside: ['[data-inside]', 'div'],
  own: ['[data-own]', 'div'],
} as const satisfies PartTable;

/** The lab's readouts while a run goes on (lab-readout.ts). */
export const LAB_READOUT_PARTS = {
  status: ['[data-status]', 'p'],
  progress: ['[data-progress]', 'div'],
  progressFill: ['[data-progress-fill]', 'div'],
  engine: ['[data-engine]', 'p'],
} as const satisfies PartTable;

/** The lab's two charts and their captions (lab-view.ts). */
export const LAB_CHART_PARTS = {
  loss: ['[data-chart="loss"]', 'div'],
  accuracy: ['[data-chart="accuracy"]', 'div'],
  lossSummary: ['[data-chart-summary="loss"]', 'figcaption'],
  accuracySummary: ['[data-chart-summary="accuracy"]', 'figcaption'],
} as const satisfies PartTable;

/** The lab's results panel, under `[data-results]` (lab-view.ts). */
export const RESULTS_PARTS = {
  accuracy: ['[data-test-accuracy]', 'p'],
  confusion: ['[data-confusion]', 'table'],
  gallery: ['[data-gallery]', 'div'],
} as const satisfies PartTable;

/** "Keep the model", in the lab (keep-panel.ts). */
export const KEEP_PARTS = {
  download: ['[data-store="download"]', 'button'],
  save: ['[data-store="save"]', 'button'],
  load: ['[data-store="load"]', 'button'],
  files: ['[data-model-files]', 'input'],
  status: ['[data-store-status]', 'p'],
} as const satisfies PartTable;

/** "Try your own image", under `[data-own]` (own-image-panel.ts). */
export const OWN_IMAGE_PARTS = {
  canvas: ['[data-draw]', 'canvas'],
  clear: ['[data-own="clear"]', 'button'],
  recipe: ['[data-own="recipe"]', 'button'],
  upload: ['[data-upload]', 'input'],
  warning: ['[data-chance-warning]', 'p'],
  probabilities: ['[data-probabilities]', 'ul'],
} as const satisfies PartTable;

/** "Inside the model", under `[data-inside]` (inside-panel.ts, markup in InsideModel.astro). */
export const INSIDE_PARTS = {
  picker: ['[data-inside-block]', 'select'],
  status: ['[data-inside-status]', 'p'],
  figures: ['[data-inside-figures]', 'div'],
  stages: ['[data-inside-stages]', 'div'],
  blockView: ['[data-inside-block-view]', 'div'],
} as const satisfies PartTable;

/** <resnet-degradation>. */
export const DEGRADATION_PARTS = {
  chart: ['[data-chart]', 'div'],
  run: ['[data-run]', 'button'],
  stop: ['[data-stop]', 'button'],
  referenceNote: ['[data-reference-note]', 'p'],
  status: ['[data-status]', 'p'],
  table: ['[data-table]', 'table'],
  summary: ['[data-summary]', 'figcaption'],
} as const satisfies PartTable;

/** <resnet-loss-landscape>; each network's panel, title and roughness are found by the network's name. */
export const LANDSCAPE_PARTS = {
  run: ['[data-run]', 'button'],
  stop: ['[data-stop]', 'button'],
  progress: ['[data-progress]', 'div'],
  progressFill: ['[data-progress-fill]', 'div'],
  status: ['[data-status]', 'p'],
  colourBar: ['[data-colour-bar]', 'div'],
  ratio: ['[data-ratio]', 'p'],
  summary: ['[data-summary]', 'figcaption'],
  plainPanel: ['[data-panel="plain"]', 'div'],
  plainTitle: ['[data-title="plain"]', 'p'],
  plainRoughness: ['[data-roughness="plain"]', 'p'],
  resnetPanel: ['[data-panel="resnet"]', 'div'],
  resnetTitle: ['[data-title="resnet"]', 'p'],
  resnetRoughness: ['[data-roughness="resnet"]', 'p'],
} as const satisfies PartTable;
