import { AppError } from '../errors.js';
import { assertInputSize, loadImage, sniffMediaType, type MediaType } from './input.js';
import type { ProcessingLimits } from './limits.js';

/**
 * Checks an uploaded file before it is queued or run, naming its field in every error: size (413),
 * content type by magic bytes (415), and for images the header (400 when unreadable, 413 when it
 * declares more pixels than the limit — a decompression bomb is refused without decoding).
 */
export async function inspectInput(
  buffer: Buffer,
  kind: 'image' | 'video',
  limits: ProcessingLimits,
  field: string,
): Promise<MediaType> {
  if (buffer.length === 0) throw new AppError('invalid_image', `${field} is an empty file.`);
  if (kind === 'image') {
    const image = await loadImage(buffer, limits, field);
    return { kind: 'image', format: image.format };
  }
  assertInputSize(buffer, limits, field);
  const media = sniffMediaType(buffer);
  if (media?.kind !== 'video') {
    throw new AppError(
      'unsupported_media_type',
      `${field} is not an MP4, WebM or MOV video (checked by content).`,
    );
  }
  return media;
}
