import type { Sharp } from 'sharp';
import { fromRaw, toRaw, type RawImage } from './raw.js';
import { guardDecode } from './input.js';

export interface TrimResult {
  image: RawImage;
  /** The kept box in source pixels; null when nothing was trimmed. */
  box: { left: number; top: number; width: number; height: number } | null;
}

/**
 * Removes a uniform border (the colour of the top-left pixel, within `tolerance`) so the product,
 * not the photo's empty border, is what gets fitted. Orientation is applied before trimming.
 */
export async function trimUniformBorder(pipeline: Sharp, tolerance: number): Promise<TrimResult> {
  const source = await toRaw(pipeline);
  const { data, info } = await guardDecode(() =>
    fromRaw(source).trim({ threshold: tolerance }).raw().toBuffer({ resolveWithObject: true }),
  );
  if (info.width === source.width && info.height === source.height) return { image: source, box: null };
  return {
    image: { data, width: info.width, height: info.height, channels: source.channels },
    box: { left: -(info.trimOffsetLeft ?? 0), top: -(info.trimOffsetTop ?? 0), width: info.width, height: info.height },
  };
}
