import type { RawImage } from '../raw.js';
import { estimateBackground, type BackgroundModel } from './background-model.js';
import { dilate, labelRegions, open, removeSmallRegions } from './components.js';
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

/** Whether an enclosed region near the background's colour really shows the background. */
interface RegionStats {
  area: number;
  /** Pixels of the region with a 4-neighbour outside it. */
  perimeter: number;
  sumDistance: number;
  sumSquaredDistance: number;
  /** Pixels within the thin-gap radius of the background the border fill reached. */
  nearOutside: number;
  /** Sum of the guide's alpha over the region (when there is a guide). */
  guideSum: number;
}

/** Barriers up to this thick between a region and the outside count as a gap (a handle touching the body, an anti-aliased seam). */
const THIN_GAP = 2;
/** A region whose outline is this many times longer than a disc's of the same area is riddled with print or texture. */
const MAX_OUTLINE_RATIO = 3;

export interface ColorFloodOptions {
  /**
   * `verified` (default): an enclosed region is opened only when it truly shows the background (a
   * thin gap to the outside, the background's colour statistics with a clean outline, or the guide
   * says so). `any`: every enclosed region near the background's colour opens (the engine before
   * issue 14; kept as the benchmark's baseline).
   */
  holes?: 'verified' | 'any';
  name?: string;
}

/**
 * Default background removal for product shots: estimate the background from the border, flood
 * fill it in CIE Lab (following soft gradients and shadows), open enclosed holes that show the
 * background, then clean the mask with morphology. Soft edges are added by the caller.
 */
export class ColorFloodEngine implements SegmentationEngine {
  readonly name: string;
  private readonly holes: 'verified' | 'any';

  constructor(options: ColorFloodOptions = {}) {
    this.name = options.name ?? 'classical';
    this.holes = options.holes ?? 'verified';
  }

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

    const holes = this.openEnclosedHoles(background, lab, distance, width, height, rules, model, options.guide);
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
   * Regions the border fill could not reach but that show the background (the inside of a ring or
   * a handle) become background seeds. Candidates are strict (plain ΔE, no shadow discount); with
   * `holes: verified` each is then checked, so a white label or white print inside a product stays.
   */
  private openEnclosedHoles(
    background: Uint8Array,
    lab: LabPlanes,
    distance: Float32Array,
    width: number,
    height: number,
    rules: FloodRules,
    model: BackgroundModel,
    guide: SegmentOptions['guide'],
  ): number[] {
    const strict = rules.near * 0.8;
    const candidate = new Uint8Array(background.length);
    const plain = new Float32Array(background.length);
    for (let index = 0; index < candidate.length; index++) {
      if (background[index] || distance[index]! >= strict) continue;
      plain[index] = Math.hypot(lab.l[index]! - model.l, lab.a[index]! - model.a, lab.b[index]! - model.b);
      if (plain[index]! < strict) candidate[index] = 1;
    }
    const { labels, sizes } = labelRegions(candidate, width);
    const minHole = Math.max(24, Math.round(width * height * 0.0003));
    const opened = this.holes === 'any' ? sizes.map((size) => size >= minHole) : this.verifyRegions(candidate, labels, sizes, plain, background, width, height, rules, model, guide, minHole);
    const seeds: number[] = [];
    for (let index = 0; index < candidate.length; index++) {
      if (candidate[index] && opened[labels[index]!]) {
        background[index] = 1;
        seeds.push(index);
      }
    }
    return seeds;
  }

  private verifyRegions(
    candidate: Uint8Array,
    labels: Int32Array,
    sizes: number[],
    plain: Float32Array,
    background: Uint8Array,
    width: number,
    height: number,
    rules: FloodRules,
    model: BackgroundModel,
    guide: SegmentOptions['guide'],
    minHole: number,
  ): boolean[] {
    const stats: RegionStats[] = sizes.map(() => ({ area: 0, perimeter: 0, sumDistance: 0, sumSquaredDistance: 0, nearOutside: 0, guideSum: 0 }));
    const outside = dilate(background, width, height, THIN_GAP);
    for (let index = 0; index < candidate.length; index++) {
      if (!candidate[index]) continue;
      const label = labels[index]!;
      if (sizes[label]! < minHole) continue;
      const region = stats[label]!;
      const x = index % width;
      region.area++;
      region.sumDistance += plain[index]!;
      region.sumSquaredDistance += plain[index]! * plain[index]!;
      if (outside[index]) region.nearOutside++;
      if (guide) region.guideSum += guide.alpha[index]!;
      const edge =
        x === 0 || x === width - 1 || index < width || index + width >= candidate.length ||
        !candidate[index - 1] || !candidate[index + 1] || !candidate[index - width] || !candidate[index + width];
      if (edge) region.perimeter++;
    }
    return stats.map((region, label) => {
      if (label === 0 || sizes[label]! < minHole || region.area === 0) return false;
      if (guide) return region.guideSum / region.area < 96;
      if (region.nearOutside > 0) return true;
      const mean = region.sumDistance / region.area;
      const spread = Math.sqrt(Math.max(0, region.sumSquaredDistance / region.area - mean * mean));
      const outlineRatio = region.perimeter / (2 * Math.sqrt(Math.PI * region.area));
      return mean < rules.near * 0.4 && spread <= Math.max(2, 2 * model.spread) && outlineRatio <= MAX_OUTLINE_RATIO;
    });
  }
}
