import type { RawImage } from '../raw.js';

/** A subject mask: one byte per pixel, 255 = subject, 0 = background, in between = soft edge. */
export interface SubjectMask {
  alpha: Uint8Array;
  width: number;
  height: number;
}

export interface SegmentOptions {
  /** Colour distance (CIE ΔE76) below which a pixel is background; estimated from the border when absent. */
  tolerance?: number;
  /**
   * A second opinion (e.g. the learned engine's mask, same size as the image): an enclosed region
   * near the background's colour is opened only where it says background.
   */
  guide?: SubjectMask;
}

export interface Segmentation {
  mask: SubjectMask;
  /** What the engine did, for the response metadata. */
  details: Record<string, unknown>;
}

/**
 * A background-removal engine. The default works on colour alone; an ML engine (e.g. an ONNX
 * salient-object model) can implement the same interface and be registered next to it.
 */
export interface SegmentationEngine {
  readonly name: string;
  /** `image` is opaque RGB (3 channels). */
  segment(image: RawImage, options: SegmentOptions): Promise<Segmentation>;
}
