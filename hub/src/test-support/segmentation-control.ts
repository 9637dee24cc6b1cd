import { registerSegmentationEngine } from '../processing/index.js';
import { ColorFloodEngine } from '../processing/segmentation/color-flood.engine.js';
import type { SegmentationEngine } from '../processing/segmentation/segmentation-engine.js';

/**
 * Takes the place of the default background-removal engine (through the engine registry, the
 * extension point an ML engine uses) to make `remove-background` runs fail or wait on demand, for
 * testing how tasks retry, fail and cancel. `restore()` puts the real engine back.
 */
export class SegmentationControl {
  private readonly real = new ColorFloodEngine();
  /** The next this-many runs throw a (transient) error. */
  failures = 0;
  /** Runs wait here until `release()`. */
  private gate: Promise<void> | undefined;
  private open: (() => void) | undefined;
  private waiting: Array<() => void> = [];
  runs = 0;
  blocked = 0;

  install(): this {
    const engine: SegmentationEngine = {
      name: this.real.name,
      segment: async (image, options) => {
        this.runs += 1;
        if (this.gate) {
          this.blocked += 1;
          this.waiting.splice(0).forEach((wake) => wake());
          await this.gate;
        }
        if (this.failures > 0) {
          this.failures -= 1;
          throw new Error('segmentation backend unavailable');
        }
        return this.real.segment(image, options);
      },
    };
    registerSegmentationEngine(engine);
    return this;
  }

  /** From now on runs wait until `release()`. */
  hold(): void {
    this.gate ??= new Promise((resolve) => (this.open = resolve));
  }

  release(): void {
    this.open?.();
    this.gate = undefined;
    this.open = undefined;
  }

  /** Resolves once `count` runs are waiting at the gate. */
  async untilBlocked(count: number): Promise<void> {
    while (this.blocked < count) await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  restore(): void {
    this.release();
    registerSegmentationEngine(this.real);
  }
}
