import type { LoadedImage } from './input.js';
import { alphaOf, featherMask, hasTransparency, maskBounds, withAlpha, type Box } from './mask.js';
import { fromRaw, toRaw, type RawImage } from './raw.js';
import { getSegmentationEngine } from './segmentation/engines.js';
import type { SubjectMask } from './segmentation/segmentation-engine.js';

/** Segmentation runs at most at this size; the mask is scaled back up for larger inputs. */
const WORKING_SIDE = 2048;
const FEATHER_SIGMA = 0.7;

const METHODS: Record<string, string> = {
  classical: 'classical: border background estimate, CIE Lab colour-distance flood fill, verified enclosed holes, morphological opening, feathered edge',
  ml: 'ml: salient-object segmentation model (ONNX), probability map as soft alpha',
};

export interface Cutout {
  /** Full-resolution RGBA, alpha = subject. */
  image: RawImage;
  mask: SubjectMask;
  /** Subject bounding box; null when nothing was found. */
  bounds: Box | null;
  details: Record<string, unknown>;
}

export interface CutoutOptions {
  engine?: string;
  tolerance?: number;
  /** Use the input's own transparency when it has some (default true). */
  reuseAlpha?: boolean;
}

/** Separates the subject from the background: the input's alpha if it has one, else an engine. */
export async function cutOutSubject(image: LoadedImage, options: CutoutOptions = {}): Promise<Cutout> {
  if (image.hasAlpha && options.reuseAlpha !== false) {
    const rgba = await toRaw(image.pipeline(), { alpha: true });
    if (hasTransparency(rgba)) {
      const mask = alphaOf(rgba);
      return { image: rgba, mask, bounds: maskBounds(mask), details: { method: 'input alpha channel' } };
    }
  }
  const full = await toRaw(image.pipeline().flatten({ background: '#ffffff' }), { alpha: false });
  const scale = Math.min(1, WORKING_SIDE / Math.max(full.width, full.height));
  const working =
    scale < 1
      ? await toRaw(fromRaw(full).resize(Math.round(full.width * scale), Math.round(full.height * scale), { kernel: 'lanczos3' }))
      : full;
  const engine = getSegmentationEngine(options.engine);
  const segmentation = await engine.segment(working, { tolerance: options.tolerance });
  const ran = (segmentation.details.engine as string | undefined) ?? engine.name;
  const mask = await featherMask(segmentation.mask, full.width, full.height, FEATHER_SIGMA / Math.max(scale, 0.5));
  return {
    image: withAlpha(full, mask),
    mask,
    bounds: maskBounds(mask),
    details: {
      method: METHODS[ran] ?? ran,
      engine: ran,
      working_size: [working.width, working.height],
      ...segmentation.details,
    },
  };
}
