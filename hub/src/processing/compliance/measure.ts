import type { ImageFormat, LoadedImage } from '../input.js';
import { toRaw } from '../raw.js';

/** What compliance rules are checked against. */
export interface ImageMeasurements {
  width: number;
  height: number;
  longestSide: number;
  megapixels: number;
  bytes: number;
  format: ImageFormat;
  animated: boolean;
  colourSpace: string;
  hasIccProfile: boolean;
  /** Some pixel is not fully opaque. */
  transparent: boolean;
  /** Largest distance from pure white (max over R, G, B, and 255 - alpha) along the 1-px border. */
  borderMaxDeviation: number;
  /** Product's longest extent relative to the frame (bounding box of non-white pixels). */
  fillRatio: number;
  subjectBox: { left: number; top: number; width: number; height: number } | null;
}

/** A pixel differing from white by more than this (any channel) belongs to the product. */
const SUBJECT_THRESHOLD = 12;

export async function measureImage(image: LoadedImage): Promise<ImageMeasurements> {
  const raw = await toRaw(image.pipeline(), { alpha: true });
  const { data, width, height } = raw;
  const deviation = (index: number) => {
    const o = index * 4;
    return Math.max(255 - data[o]!, 255 - data[o + 1]!, 255 - data[o + 2]!, 255 - data[o + 3]!);
  };
  let border = 0;
  for (let x = 0; x < width; x++) border = Math.max(border, deviation(x), deviation((height - 1) * width + x));
  for (let y = 0; y < height; y++) border = Math.max(border, deviation(y * width), deviation(y * width + width - 1));
  let transparent = false;
  let minX = width;
  let minY = height;
  let maxX = -1;
  let maxY = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const index = y * width + x;
      if (data[index * 4 + 3]! < 255) transparent = true;
      if (deviation(index) <= SUBJECT_THRESHOLD) continue;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  const subjectBox = maxX < 0 ? null : { left: minX, top: minY, width: maxX - minX + 1, height: maxY - minY + 1 };
  return {
    width: image.width,
    height: image.height,
    longestSide: Math.max(image.width, image.height),
    megapixels: Math.round((image.width * image.height) / 10_000) / 100,
    bytes: image.buffer.length,
    format: image.format,
    animated: image.pages > 1,
    colourSpace: image.metadata.space ?? 'unknown',
    hasIccProfile: Boolean(image.metadata.icc),
    transparent,
    borderMaxDeviation: border,
    fillRatio: subjectBox ? Math.round(Math.max(subjectBox.width / width, subjectBox.height / height) * 1000) / 1000 : 0,
    subjectBox,
  };
}
