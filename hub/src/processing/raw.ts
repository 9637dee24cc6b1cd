import sharp, { type Sharp } from 'sharp';
import { guardDecode } from './input.js';

/** Decoded pixels, interleaved, 8 bits per channel. */
export interface RawImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

export async function toRaw(pipeline: Sharp, options: { alpha?: boolean } = {}): Promise<RawImage> {
  let out = pipeline.toColourspace('srgb');
  if (options.alpha === true) out = out.ensureAlpha();
  if (options.alpha === false) out = out.removeAlpha();
  const { data, info } = await guardDecode(() => out.raw().toBuffer({ resolveWithObject: true }));
  return { data, width: info.width, height: info.height, channels: info.channels as RawImage['channels'] };
}

/** A sharp pipeline over raw pixels (no decode cost). */
export function fromRaw(image: RawImage): Sharp {
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } });
}
