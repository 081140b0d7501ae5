/** Writes a real-tensor run into the explorer's table: shapes, statistics and one-channel heat-maps. */
import { interpolateViridis, rgb } from 'd3';
import type { BlockParams } from '../../lib/resnet/block-params';
import { formatShape } from '../../lib/resnet/format';
import type { TraceStep } from '../../lib/resnet/trace';
import type { PageRun } from './block-run';

/** Channel 0 of the first example as a canvas, one pixel per cell, scaled by CSS. */
function heatMap(map: Float32Array, height: number, width: number): HTMLCanvasElement {
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
  return canvas;
}

export function renderRun(host: HTMLElement, shown: { params: BlockParams; steps: TraceStep[] }, run: PageRun): void {
  const byId = new Map(run.steps.map((s) => [s.id, s]));
  let agree = true;
  for (const step of shown.steps) {
    const row = host.querySelector<HTMLTableRowElement>(`tr[data-step="${CSS.escape(step.id)}"]`);
    const real = byId.get(step.id);
    if (!row || !real) {
      agree = false;
      continue;
    }
    const [shapeCell, meanCell, stdCell, mapCell] = [...row.querySelectorAll<HTMLElement>('td[data-run-col]')];
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
  host.querySelector('[data-table]')?.classList.add('has-run');
  const status = host.querySelector('[data-run-status]');
  if (status) {
    const where = `Ran ${shown.params.m} random inputs on the ${run.backend} backend${run.renderer ? ` (GPU renderer: ${run.renderer})` : ''}.`;
    status.textContent = agree ? `${where} Every real shape matches the traced shape.` : `${where} Some real shapes differ from the trace (marked).`;
    (status as HTMLElement).dataset.backend = run.backend;
  }
}
