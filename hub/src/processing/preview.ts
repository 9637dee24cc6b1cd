import sharp from 'sharp';
import { guardDecode } from './input.js';
import type { OperationResult } from './operation.js';

/**
 * Scales a produced image down to at most `maxPixels` (aspect kept, same format; every frame of a
 * GIF): what test-mode keys get. Results already that small, and runs without an image, are kept as
 * they are. The metadata says it is a preview and the full size it stands for.
 */
export async function toPreview(result: OperationResult, maxPixels: number): Promise<OperationResult> {
  const { output, width, height, contentType } = result;
  if (!output || !width || !height || !contentType?.startsWith('image/')) return result;
  if (width * height <= maxPixels) return { ...result, metadata: { ...result.metadata, preview: true } };
  const scale = Math.sqrt(maxPixels / (width * height));
  const size = { width: Math.max(1, Math.floor(width * scale)), height: Math.max(1, Math.floor(height * scale)) };
  const animated = contentType === 'image/gif';
  let pipeline = sharp(output, { animated }).resize(size.width, size.height, { fit: 'fill' });
  if (contentType === 'image/jpeg') pipeline = pipeline.jpeg({ quality: 90 });
  else if (contentType === 'image/webp') pipeline = pipeline.webp();
  else if (contentType === 'image/avif') pipeline = pipeline.avif();
  else if (animated) pipeline = pipeline.gif();
  else pipeline = pipeline.png();
  const data = await guardDecode(() => pipeline.toBuffer());
  return {
    ...result,
    output: data,
    ...size,
    metadata: { ...result.metadata, bytes: data.length, preview: true, full_width: width, full_height: height },
  };
}
