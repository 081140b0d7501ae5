/**
 * The lab's data sets, each downloaded once per page, with the download shown on the lab's
 * progress bar and status line. The worker keeps its own copy after the first run (trainer-client.ts).
 */
import { loadDataset, type Dataset } from '../../lib/train/data';
import type { LabParams } from '../../lib/train/lab-params';
import { withBase } from '../base-url';
import { fetchWithProgress } from './fetch-with-progress';
import type { LabReadout } from './lab-readout';

export class LabDatasets {
  readonly #cache = new Map<string, Dataset>();

  constructor(readonly readout: LabReadout) {}

  /** The data set `name`; `prefix` starts each status line, `signal` stops the download. */
  async get(name: LabParams['dataset'], prefix: string, signal?: AbortSignal): Promise<Dataset> {
    const cached = this.#cache.get(name);
    if (cached) return cached;
    this.readout.status(`${prefix}Downloading the images…`);
    const dataset = await loadDataset(name, {
      baseUrl: withBase('data/'),
      fetchBytes: (url, onBytes) => fetchWithProgress(url, onBytes, signal),
      onProgress: ({ loaded, total }) => {
        this.readout.progress(loaded / total);
        this.readout.status(`${prefix}Downloading the images: ${(loaded / 2 ** 20).toFixed(1)} of ${(total / 2 ** 20).toFixed(1)} MB`);
      },
    });
    this.#cache.set(name, dataset);
    return dataset;
  }
}
