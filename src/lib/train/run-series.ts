/**
 * The lines the lab's charts draw for its runs: per run, its training curve (a line) and its
 * validation curve (dots, once an epoch), both in the run's own colour, each named in the legend.
 * The classes say how a line looks (lab.css): `run-<colour>`, `residual` or `plain` (solid or
 * dashed), and `digits` for a run on MNIST (a dash-dot), so runs on the two datasets differ by
 * more than colour; when the runs shown span datasets, the legend names each run's dataset too.
 */
import type { Series } from '../charts/series';
import type { Curves, Point, RunRecord } from './runs';

/** The datasets' names as the lab writes them. */
export const DATASET_NAMES: Readonly<Record<string, string>> = {
  'fashion-mnist': 'Fashion-MNIST',
  'fashion-mnist-large': 'Fashion-MNIST, large',
  mnist: 'MNIST',
};

/** A dataset's name for the reader: its name above, or its id when it has none. */
export function datasetName(dataset: string): string {
  return DATASET_NAMES[dataset] ?? dataset;
}

/**
 * Two series per run in `shown`, in order: `pick` chooses the curves (e.g. the losses) as
 * [training, validation].
 */
export function runSeries(shown: readonly RunRecord[], pick: (c: Curves) => [Point[], Point[]]): Series[] {
  const mixed = new Set(shown.map((r) => r.params.dataset)).size > 1;
  return shown.flatMap((run) => {
    const [train, validation] = pick(run.curves);
    const look = `run run-${run.colour} ${run.params.residual ? 'residual' : 'plain'}${run.params.dataset === 'mnist' ? ' digits' : ''}`;
    const name = mixed ? `${run.name} (${datasetName(run.params.dataset)})` : run.name;
    return [
      { key: `${run.id}-train`, label: `${name}: training`, className: `${look} run-line`, points: train },
      { key: `${run.id}-validation`, label: `${name}: validation`, className: `${look} run-points`, points: validation, markers: true },
    ];
  });
}
