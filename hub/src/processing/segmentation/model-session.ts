import { Worker } from 'node:worker_threads';
import { MODEL_WORKER_SOURCE } from './model-worker.source.js';

export interface ModelSessionOptions {
  /** A directory from which `onnxruntime-node` resolves (its node_modules holds the package). */
  runtimeDir: string;
  modelPath: string;
  threads: number;
  normalize: 'isnet' | 'imagenet';
}

type Reply = { type: 'ready'; side: number } | { type: 'failed'; error: string } | { type: 'result'; id: number; mask?: Uint8Array; error?: string; rss?: number };

/**
 * One ONNX session in one worker thread, created once and reused for every inference of this
 * process. Inferences queue (one runs at a time), so concurrent requests wait rather than multiply
 * memory; `pending` and `peakRss` make the queue and the memory visible.
 */
export class ModelSession {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (mask: Uint8Array) => void; reject: (error: Error) => void }>();
  /** The model's square input side (from its input shape). */
  side = 0;
  peakRss = 0;

  private constructor(private readonly options: ModelSessionOptions) {}

  /** Starts the worker and loads the model; rejects with the reason when either fails. */
  static async open(options: ModelSessionOptions): Promise<ModelSession> {
    const session = new ModelSession(options);
    await session.start();
    return session;
  }

  get pending(): number {
    return this.waiting.size;
  }

  private start(): Promise<void> {
    const worker = new Worker(MODEL_WORKER_SOURCE, { eval: true, workerData: this.options });
    this.worker = worker;
    return new Promise((resolve, reject) => {
      let ready = false;
      worker.on('message', (reply: Reply) => {
        if (reply.type === 'ready') {
          ready = true;
          this.side = reply.side;
          resolve();
        } else if (reply.type === 'failed') {
          reject(new Error(reply.error));
          void worker.terminate();
        } else {
          const entry = this.waiting.get(reply.id);
          this.waiting.delete(reply.id);
          if (reply.rss && reply.rss > this.peakRss) this.peakRss = reply.rss;
          if (reply.error || !reply.mask) entry?.reject(new Error(`segmentation model failed: ${reply.error ?? 'no output'}`));
          else entry?.resolve(reply.mask);
        }
      });
      const lost = (reason: string) => {
        if (this.worker === worker) this.worker = undefined;
        if (!ready) reject(new Error(reason));
        for (const entry of this.waiting.values()) entry.reject(new Error(reason));
        this.waiting.clear();
      };
      worker.on('error', (error) => lost(`segmentation worker crashed: ${error.message}`));
      worker.on('exit', (code) => lost(`segmentation worker exited (${code})`));
    });
  }

  /** Segments an RGB image of side × side; resolves with a 0–255 subject probability per pixel. */
  async infer(rgb: Uint8Array): Promise<Uint8Array> {
    if (rgb.length !== this.side * this.side * 3) throw new Error(`segmentation input must be ${this.side}×${this.side} RGB`);
    // A worker lost to a crash is started again (the model is reloaded once, not per call).
    if (!this.worker) await this.start();
    const id = this.nextId++;
    const copy = Uint8Array.from(rgb);
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker!.postMessage({ id, rgb: copy, side: this.side }, [copy.buffer]);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }
}
