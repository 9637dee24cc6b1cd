import type { RawImage } from '../raw.js';
import type { Segmentation, SegmentationEngine, SegmentOptions } from './segmentation-engine.js';
import { studioVerdict } from './studio-check.js';

/**
 * `engine: auto`: per image, the classical engine for a studio shot (a uniform backdrop all along
 * the border: fast, and keeps flat products whole) and the learned engine for everything else
 * (textured, busy or coloured scenes, where a colour flood cannot tell product from background).
 * Without the learned engine installed it is the classical engine. The metadata says which ran and why.
 */
export class AutoEngine implements SegmentationEngine {
  readonly name = 'auto';

  constructor(private readonly lookup: (name: string) => SegmentationEngine | undefined) {}

  async segment(image: RawImage, options: SegmentOptions): Promise<Segmentation> {
    const classical = this.lookup('classical')!;
    const learned = this.lookup('ml');
    const verdict = studioVerdict(image);
    const describe = `${Math.round(verdict.share * 100)}% of the border within ΔE 10 of its median, spread ${verdict.spread}`;
    let chosen = classical;
    let reason: string;
    if (!learned) reason = 'the learned engine is not installed on this hub';
    else if (verdict.studio) reason = `uniform studio backdrop (${describe})`;
    else {
      chosen = learned;
      reason = `not a uniform backdrop (${describe})`;
    }
    // A tolerance given by the caller is a colour-flood setting: it asks for the classical engine.
    if (learned && options.tolerance !== undefined && chosen !== classical) {
      chosen = classical;
      reason = 'tolerance was given, which only the classical engine uses';
    }
    const segmentation = await chosen.segment(image, options);
    return { mask: segmentation.mask, details: { ...segmentation.details, engine: chosen.name, engine_requested: 'auto', engine_reason: reason } };
  }
}
