import sharp from 'sharp';
import { AppError } from '../errors.js';

export interface DecodeBudget {
  /** Operations decoding at once in this process. */
  maxConcurrent: number;
  /** Decoded bytes (width × height × channels × sample size) of the inputs in flight together. */
  maxDecodedBytes: number;
  /** Most requests waiting for a slot; beyond it the answer is 503 at once. */
  maxQueue: number;
  /** Longest wait for a slot before 503. */
  maxWaitMs: number;
  /** Largest decoded size one request's inputs may have (413 before decoding). */
  maxRequestDecodedBytes: number;
}

const SAMPLE_BYTES: Record<string, number> = {
  uchar: 1, char: 1, ushort: 2, short: 2, uint: 4, int: 4, float: 4, complex: 8, double: 8, dpcomplex: 16,
};

/**
 * What the inputs take once decoded, from their headers alone (no pixel is decoded): every page of
 * a multi-page image, every channel at its sample size — a 16-bit RGBA PNG takes eight times a
 * greyscale one of the same pixel count. Inputs that are not images (a video) count 0 here.
 */
export async function decodedBytesOf(files: readonly Buffer[]): Promise<number> {
  let total = 0;
  for (const file of files) {
    try {
      const { width, height, pageHeight, pages, channels, depth } = await sharp(file, { limitInputPixels: false }).metadata();
      const rows = pageHeight && pages ? pageHeight * pages : height;
      total += (width ?? 0) * (rows ?? 0) * (channels ?? 4) * (SAMPLE_BYTES[depth ?? 'uchar'] ?? 1);
    } catch {
      // Not an image sharp reads: the operation's own loader answers it (415/400).
    }
  }
  return total;
}

interface Waiter {
  bytes: number;
  admit: () => void;
}

/**
 * A per-process budget for synchronous image operations. Decoding happens on libvips threads, so a
 * burst of large images at once would hold all their pixels together (8 × 49 MP PNGs: 3.3 GB) and
 * slow every one of them; here they run `maxConcurrent` at a time within `maxDecodedBytes`, the rest
 * wait in order (bounded queue, bounded wait) and then get 503 with Retry-After. One request always
 * runs when nothing else does, so a single large image is never starved.
 */
export class DecodeGate {
  private active = 0;
  private activeBytes = 0;
  private readonly queue: Waiter[] = [];
  /** Recent run time (ms, moving average), for Retry-After. */
  private typicalMs = 1000;

  constructor(private readonly budget: DecodeBudget) {}

  get stats() {
    return { active: this.active, waiting: this.queue.length, activeBytes: this.activeBytes };
  }

  async run<T>(bytes: number, work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (bytes > this.budget.maxRequestDecodedBytes) {
      const mb = (value: number) => Math.ceil(value / 1024 / 1024);
      throw new AppError(
        'payload_too_large',
        `The input would take ${mb(bytes)} MB once decoded; the limit is ${mb(this.budget.maxRequestDecodedBytes)} MB (fewer pixels, pages or bits per channel).`,
        { extra: { limit_bytes: this.budget.maxRequestDecodedBytes } },
      );
    }
    if (this.queue.length > 0 || !this.fits(bytes)) {
      await this.wait(bytes, signal); // drain() counted this run when it admitted it
    } else {
      this.active++;
      this.activeBytes += bytes;
    }
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.typicalMs = 0.8 * this.typicalMs + 0.2 * (performance.now() - started);
      this.active--;
      this.activeBytes -= bytes;
      this.drain();
    }
  }

  private fits(bytes: number): boolean {
    return this.active === 0 || (this.active < this.budget.maxConcurrent && this.activeBytes + bytes <= this.budget.maxDecodedBytes);
  }

  private wait(bytes: number, signal?: AbortSignal): Promise<void> {
    if (this.queue.length >= this.budget.maxQueue) return Promise.reject(this.busy());
    return new Promise<void>((resolve, reject) => {
      const leave = (error: unknown) => {
        const at = this.queue.indexOf(waiter);
        if (at !== -1) this.queue.splice(at, 1);
        clearTimeout(timer);
        signal?.removeEventListener('abort', aborted);
        reject(error);
      };
      const aborted = () => leave(new AppError('service_unavailable', 'The client went away while waiting.'));
      const timer = setTimeout(() => leave(this.busy()), this.budget.maxWaitMs);
      const waiter: Waiter = {
        bytes,
        admit: () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', aborted);
          resolve();
        },
      };
      signal?.addEventListener('abort', aborted, { once: true });
      this.queue.push(waiter);
    });
  }

  /** Admits waiters in order while the head fits (no overtaking: a large image is not starved by small ones). */
  private drain(): void {
    while (this.queue.length > 0 && this.fits(this.queue[0]!.bytes)) {
      const next = this.queue.shift()!;
      // Counted now, so the next loop turn sees this slot taken before the waiter's code resumes.
      this.active++;
      this.activeBytes += next.bytes;
      next.admit();
    }
  }

  private busy(): AppError {
    const seconds = Math.max(1, Math.ceil(((this.queue.length + 1) * this.typicalMs) / this.budget.maxConcurrent / 1000));
    return new AppError('service_unavailable', `The hub is processing as many images as it can at once; retry in ${seconds} s.`, {
      headers: { 'Retry-After': String(seconds) },
      extra: { retry_after: seconds },
    });
  }
}
