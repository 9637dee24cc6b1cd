import { createRequire } from 'node:module';
import { createWorker, type Worker } from 'tesseract.js';

const require = createRequire(import.meta.url);

/**
 * A small pool of tesseract.js workers, created on first use and reused: starting a worker costs
 * ~0.3 s, recognising a product label ~0.2 s. English data comes from `@tesseract.js-data/eng`,
 * so nothing is downloaded at run time.
 */
class OcrPool {
  private readonly idle: Worker[] = [];
  private readonly waiting: ((worker: Worker) => void)[] = [];
  private created = 0;

  constructor(private size: number) {}

  resize(size: number): void {
    this.size = Math.max(1, size);
  }

  private async spawn(): Promise<Worker> {
    const eng = require('@tesseract.js-data/eng') as { langPath: string };
    return createWorker('eng', 1, { langPath: eng.langPath, gzip: true, cacheMethod: 'none' });
  }

  private async acquire(): Promise<Worker> {
    const ready = this.idle.pop();
    if (ready) return ready;
    if (this.created < this.size) {
      this.created++;
      try {
        return await this.spawn();
      } catch (error) {
        this.created--;
        throw error;
      }
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(worker: Worker): void {
    const next = this.waiting.shift();
    if (next) next(worker);
    else this.idle.push(worker);
  }

  async use<T>(work: (worker: Worker) => Promise<T>): Promise<T> {
    const worker = await this.acquire();
    try {
      return await work(worker);
    } finally {
      this.release(worker);
    }
  }

  /** Stops idle workers (call on shutdown and after tests). */
  async close(): Promise<void> {
    const workers = this.idle.splice(0);
    this.created -= workers.length;
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

export const ocrPool = new OcrPool(1);

export const configureOcrPool = (size: number) => ocrPool.resize(size);
export const closeOcrPool = () => ocrPool.close();
