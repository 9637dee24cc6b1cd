import type { RawImage } from '../raw.js';
import { estimateBackground, type BackgroundModel } from './background-model.js';
import { labelRegions, open, removeSmallRegions } from './components.js';
import { toLabPlanes, type LabPlanes } from './lab.js';
import type { Segmentation, SegmentationEngine, SegmentOptions } from './segmentation-engine.js';

/** Darker-than-background differences in lightness count this much: soft shadows stay background. */
const SHADOW_LIGHTNESS_WEIGHT = 0.5;

interface FloodRules {
  /** ΔE to the background model under which a pixel is background outright. */
  near: number;
  /** ΔE between neighbours under which the fill may follow a gradual change (vignette, shadow)... */
  step: number;
  /** ...as long as the pixel stays within this ΔE of the model. */
  far: number;
}

/** ΔE76 to the background model, with shadows (darker, same hue) discounted. */
function distanceToBackground(lab: LabPlanes, model: BackgroundModel): Float32Array {
  const distance = new Float32Array(lab.l.length);
  for (let index = 0; index < distance.length; index++) {
    let dl = lab.l[index]! - model.l;
    if (dl < 0) dl *= SHADOW_LIGHTNESS_WEIGHT;
    distance[index] = Math.sqrt(dl * dl + (lab.a[index]! - model.a) ** 2 + (lab.b[index]! - model.b) ** 2);
  }
  return distance;
}

/** Grows the background from `seeds` (already marked in `background`) through similar pixels. */
function floodBackground(background: Uint8Array, seeds: number[], lab: LabPlanes, distance: Float32Array, width: number, rules: FloodRules): void {
  const queue = new Int32Array(background.length);
  let head = 0;
  let tail = 0;
  for (const seed of seeds) queue[tail++] = seed;
  const stepSquared = rules.step * rules.step;
  const tryVisit = (from: number, to: number) => {
    if (background[to]) return;
    const d = distance[to]!;
    if (d >= rules.far) return;
    if (d >= rules.near) {
      const dl = lab.l[to]! - lab.l[from]!;
      const da = lab.a[to]! - lab.a[from]!;
      const db = lab.b[to]! - lab.b[from]!;
      if (dl * dl + da * da + db * db >= stepSquared) return;
    }
    background[to] = 1;
    queue[tail++] = to;
  };
  while (head < tail) {
    const index = queue[head++]!;
    const x = index % width;
    if (x > 0) tryVisit(index, index - 1);
    if (x < width - 1) tryVisit(index, index + 1);
    if (index >= width) tryVisit(index, index - width);
    if (index + width < background.length) tryVisit(index, index + width);
  }
}

/**
 * Default background removal for product shots: estimate the background from the border, flood
 * fill it in CIE Lab (following soft gradients and shadows), open enclosed holes that show the
 * background, then clean the mask with morphology. Soft edges are added by the caller.
 */
export class ColorFloodEngine implements SegmentationEngine {
  readonly name = 'color-flood';

  async segment(image: RawImage, options: SegmentOptions): Promise<Segmentation> {
    const { width, height } = image;
    const pixelCount = width * height;
    const lab = toLabPlanes(image.data, pixelCount, image.channels);
    const model = estimateBackground(lab, width, height);
    const near = options.tolerance ?? Math.min(15, Math.max(7, 5 + 2 * model.spread));
    const rules: FloodRules = { near, step: Math.min(4, Math.max(2.5, near * 0.3)), far: near * 2.5 };
    const distance = distanceToBackground(lab, model);

    const background = new Uint8Array(pixelCount);
    const seeds: number[] = [];
    const seedIfNear = (index: number) => {
      if (!background[index] && distance[index]! < near) {
        background[index] = 1;
        seeds.push(index);
      }
    };
    for (let x = 0; x < width; x++) {
      seedIfNear(x);
      seedIfNear((height - 1) * width + x);
    }
    for (let y = 0; y < height; y++) {
      seedIfNear(y * width);
      seedIfNear(y * width + width - 1);
    }
    floodBackground(background, seeds, lab, distance, width, rules);

    const holes = this.openEnclosedHoles(background, lab, distance, width, height, rules, model);
    floodBackground(background, holes, lab, distance, width, rules);

    let subject: Uint8Array = new Uint8Array(pixelCount);
    for (let index = 0; index < pixelCount; index++) subject[index] = background[index] ? 0 : 1;
    subject = open(subject, width, height, 1);
    removeSmallRegions(subject, width, Math.max(16, Math.round(pixelCount * 0.0002)));

    const alpha = new Uint8Array(pixelCount);
    for (let index = 0; index < pixelCount; index++) alpha[index] = subject[index] ? 255 : 0;
    return {
      mask: { alpha, width, height },
      details: {
        background_lab: [model.l, model.a, model.b].map((value) => Math.round(value * 10) / 10),
        tolerance: Math.round(near * 10) / 10,
        holes_opened: holes.length > 0,
      },
    };
  }

  /**
   * Regions the border fill could not reach but that clearly show the background (the inside of
   * a ring or a handle) become background seeds. Strict: plain ΔE, no shadow discount.
   */
  private openEnclosedHoles(
    background: Uint8Array,
    lab: LabPlanes,
    distance: Float32Array,
    width: number,
    height: number,
    rules: FloodRules,
    model: BackgroundModel,
  ): number[] {
    const strict = rules.near * 0.8;
    const candidate = new Uint8Array(background.length);
    for (let index = 0; index < candidate.length; index++) {
      if (background[index] || distance[index]! >= strict) continue;
      const plain = Math.hypot(lab.l[index]! - model.l, lab.a[index]! - model.a, lab.b[index]! - model.b);
      if (plain < strict) candidate[index] = 1;
    }
    const { labels, sizes } = labelRegions(candidate, width);
    const minHole = Math.max(24, Math.round(width * height * 0.0003));
    const seeds: number[] = [];
    for (let index = 0; index < candidate.length; index++) {
      if (candidate[index] && sizes[labels[index]!]! >= minHole) {
        background[index] = 1;
        seeds.push(index);
      }
    }
    return seeds;
  }
}
