/**
 * Writes a real-tensor run into the explorer's table: shapes, statistics and one-channel heat-maps,
 * each map with the value range its colours span, and a note on what BatchNorm's rows show in the
 * mode the run used.
 */
import { interpolateViridis, rgb } from 'd3';
import type { BlockParams } from '../../lib/resnet/block-params';
import { formatShape } from '../../lib/resnet/format';
import type { TraceStep } from '../../lib/resnet/trace';
import type { Parts } from '../parts';
import type { PageRun } from './block-run';
import type { BLOCK_RUN_PARTS } from './markup';

/** A value as the map's range shows it: two decimals, a true minus sign. */
const value = (v: number) => v.toFixed(2).replace('-', '−');

/** Channel 0 of the first example as a canvas, one pixel per cell, scaled by CSS, over its range. */
function heatMap(map: Float32Array, height: number, width: number): HTMLElement {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of map) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const context = canvas.getContext('2d');
  if (context) {
    const image = context.createImageData(width, height);
    map.forEach((v, i) => {
      const { r, g, b } = rgb(interpolateViridis(hi > lo ? (v - lo) / (hi - lo) : 0));
      image.data.set([r, g, b, 255], i * 4);
    });
    context.putImageData(image, 0, 0);
  }
  canvas.className = 'heat-map';
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `Channel 0 of the first example, ${height} × ${width}, values from ${lo.toFixed(2)} to ${hi.toFixed(2)}`);
  // The range under the map: its colours run from the first number (dark) to the second (yellow).
  const range = Object.assign(document.createElement('span'), { className: 'heat-range' });
  range.append(
    Object.assign(document.createElement('span'), { textContent: value(lo) }),
    Object.assign(document.createElement('span'), { textContent: ` to ${value(hi)}` }),
  );
  range.setAttribute('aria-hidden', 'true');
  const figure = Object.assign(document.createElement('span'), { className: 'heat-cell' });
  figure.append(canvas, range);
  return figure;
}

const BN_NOTE = {
  training:
    'BatchNorm ran in training mode, as fit runs it: each channel is normalised with this batch’s own mean and variance (over the m examples and every position), so a BatchNorm row reads mean 0 and standard deviation about 1 whatever the conv before it gave.',
  inference:
    'BatchNorm ran in inference mode, as predict runs it: it uses its moving averages, which in a freshly built layer are mean 0 and variance 1. It then only divides by √(1 + 0.001), so a BatchNorm row repeats the conv’s mean and standard deviation, about 0.05 % smaller. Training would move those averages towards the data’s.',
} as const;

export function renderRun(parts: Parts<typeof BLOCK_RUN_PARTS>, shown: { params: BlockParams; steps: TraceStep[] }, run: PageRun): void {
  const byId = new Map(run.steps.map((s) => [s.id, s]));
  let agree = true;
  for (const step of shown.steps) {
    // The rows follow the fields, so each step's row is looked up by its id on every run.
    const row = [...parts.steps.rows].find((r) => r.dataset.step === step.id);
    const real = byId.get(step.id);
    if (!row || !real) {
      agree = false;
      continue;
    }
    const [shapeCell, meanCell, stdCell, mapCell] = [...row.cells].filter((cell) => cell.dataset.runCol !== undefined);
    const same = formatShape(real.shape.slice(1)) === formatShape(step.outputShape) && real.shape[0] === shown.params.m;
    agree &&= same;
    if (shapeCell) {
      shapeCell.replaceChildren(Object.assign(document.createElement('code'), { textContent: formatShape(real.shape.slice(1), real.shape[0]) }));
      shapeCell.dataset.agrees = String(same);
    }
    if (meanCell) meanCell.textContent = real.mean.toFixed(3);
    if (stdCell) stdCell.textContent = real.std.toFixed(3);
    mapCell?.replaceChildren(heatMap(real.map, real.shape[1] ?? 1, real.shape[2] ?? 1));
  }
  parts.table.classList.add('has-run');
  parts.bnNote.textContent = BN_NOTE[run.mode];
  parts.runNotes.removeAttribute('hidden');
  const where = `Ran ${shown.params.m} random inputs, BatchNorm in ${run.mode} mode, on the ${run.backend} backend${run.renderer ? ` (GPU renderer: ${run.renderer})` : ''}.`;
  parts.runStatus.textContent = agree ? `${where} Every real shape matches the traced shape.` : `${where} Some real shapes differ from the trace (marked).`;
  parts.runStatus.dataset.backend = run.backend;
}
