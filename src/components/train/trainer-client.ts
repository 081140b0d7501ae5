/**
 * The page's side of the training worker: starts it on first use, sends each data set to it once,
 * turns a run's messages into callbacks and its end into a promise. A worker whose WebGL context
 * was lost, or whose run failed, is replaced before the next run, so every run starts clean.
 */
import type { Dataset } from '../../lib/train/data';
import type { LabParams } from '../../lib/train/lab-params';
import type { FromTrainer, InspectReply, InspectRequest, ToTrainer } from '../../lib/train/trainer-protocol';

export type RunEnd = Extract<FromTrainer, { type: 'done' } | { type: 'failed' }>;
type Progress = Exclude<FromTrainer, RunEnd>;

export class Trainer {
  #worker: Worker | undefined;
  #sent = new Set<string>();
  /** The run whose model the worker holds for looking inside. */
  #held: string | undefined;

  #start(): Worker {
    if (this.#worker) return this.#worker;
    this.#worker = new Worker(new URL('./trainer.worker.ts', import.meta.url), { type: 'module', name: 'trainer' });
    this.#sent.clear();
    return this.#worker;
  }

  #send(message: ToTrainer): void {
    this.#worker?.postMessage(message);
  }

  /**
   * Trains with `params` on `dataset`; `onProgress` sees every message before the end. With
   * `results: false` the run ends after training, without testing or sending the model back.
   */
  run(params: LabParams, dataset: Dataset, onProgress: (message: Progress) => void, { results = true } = {}): Promise<RunEnd> {
    const worker = this.#start();
    const name = dataset.manifest.name;
    // The splits are copied, not transferred: the page keeps the test images for its gallery.
    const message: ToTrainer = { type: 'train', params, results, dataset: this.#sent.has(name) ? { name } : dataset };
    this.#sent.add(name);
    return new Promise<RunEnd>((resolve) => {
      const finish = (end: RunEnd) => {
        worker.removeEventListener('message', onMessage);
        worker.removeEventListener('error', onError);
        if (end.type === 'failed' || end.reason === 'context-lost') this.terminate();
        resolve(end);
      };
      const onMessage = (event: MessageEvent<FromTrainer>) => {
        const data = event.data;
        if (data.type === 'done' || data.type === 'failed') finish(data);
        else onProgress(data);
      };
      const onError = (event: ErrorEvent) => {
        event.preventDefault();
        finish({ type: 'failed', message: event.message || 'the training worker could not start' });
      };
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', onError);
      worker.postMessage(message);
    });
  }

  pause(): void {
    this.#send({ type: 'pause' });
  }

  resume(): void {
    this.#send({ type: 'resume' });
  }

  stop(): void {
    this.#send({ type: 'stop' });
  }

  /**
   * Looks inside a trained model for one image, in the worker (see InspectRequest). The model's
   * files are sent only when the worker does not hold that run already.
   */
  async inspect(request: Required<Pick<InspectRequest, 'run' | 'model' | 'image'>> & Pick<InspectRequest, 'block'>): Promise<InspectReply> {
    const ask = (withModel: boolean) =>
      new Promise<InspectReply>((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = (event: MessageEvent<InspectReply>) => {
          channel.port1.close();
          resolve(event.data);
        };
        const { model, ...rest } = request;
        const message: ToTrainer = { type: 'inspect', request: withModel ? request : rest, reply: channel.port2 };
        this.#start().postMessage(message, [channel.port2]);
      });
    const reply = await ask(this.#held !== request.run);
    if (!reply.ok && reply.reason === 'unknown-model') return ask(true);
    if (reply.ok) this.#held = request.run;
    return reply;
  }

  /** Ends the worker and everything it holds (models, tensors, the backend). */
  terminate(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#sent.clear();
    this.#held = undefined;
  }
}
