import sharp from 'sharp';
import type { RawImage } from './raw.js';
import type { SubjectMask } from './segmentation/segmentation-engine.js';

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Bounding box of pixels with alpha >= threshold; null when there are none. */
export function maskBounds(mask: SubjectMask, threshold = 128): Box | null {
  let minX = mask.width;
  let minY = mask.height;
  let maxX = -1;
  let maxY = -1;
  for (let y = 0; y < mask.height; y++) {
    const row = y * mask.width;
    for (let x = 0; x < mask.width; x++) {
      if (mask.alpha[row + x]! < threshold) continue;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  return maxX < 0 ? null : { left: minX, top: minY, width: maxX - minX + 1, height: maxY - minY + 1 };
}

/** Resizes (when needed) and feathers a hard mask into a soft alpha edge. */
export async function featherMask(mask: SubjectMask, width: number, height: number, sigma: number): Promise<SubjectMask> {
  let pipeline = sharp(Buffer.from(mask.alpha.buffer, mask.alpha.byteOffset, mask.alpha.length), {
    raw: { width: mask.width, height: mask.height, channels: 1 },
  });
  if (width !== mask.width || height !== mask.height) pipeline = pipeline.resize(width, height, { fit: 'fill', kernel: 'linear' });
  if (sigma >= 0.3) pipeline = pipeline.blur(sigma);
  const data = await pipeline.extractChannel(0).raw().toBuffer();
  return { alpha: new Uint8Array(data.buffer, data.byteOffset, data.length), width, height };
}

/** The alpha channel of an RGBA image as a mask. */
export function alphaOf(image: RawImage): SubjectMask {
  const alpha = new Uint8Array(image.width * image.height);
  for (let index = 0; index < alpha.length; index++) alpha[index] = image.data[index * 4 + 3]!;
  return { alpha, width: image.width, height: image.height };
}

/** Replaces the alpha channel of an RGB/RGBA image, returning RGBA. */
export function withAlpha(image: RawImage, mask: SubjectMask): RawImage {
  const data = Buffer.alloc(image.width * image.height * 4);
  for (let index = 0, source = 0; index < mask.alpha.length; index++, source += image.channels) {
    data[index * 4] = image.data[source]!;
    data[index * 4 + 1] = image.data[source + 1]!;
    data[index * 4 + 2] = image.data[source + 2]!;
    data[index * 4 + 3] = mask.alpha[index]!;
  }
  return { data, width: image.width, height: image.height, channels: 4 };
}

/** Whether an image's alpha actually cuts something out (not just an opaque alpha channel). */
export function hasTransparency(image: RawImage): boolean {
  if (image.channels !== 4 && image.channels !== 2) return false;
  for (let offset = image.channels - 1; offset < image.data.length; offset += image.channels) {
    if (image.data[offset]! < 250) return true;
  }
  return false;
}
