import sharp, { type Metadata, type Sharp } from 'sharp';
import { AppError } from '../errors.js';
import type { ProcessingLimits } from './limits.js';

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'avif' | 'gif' | 'tiff';
export type VideoFormat = 'mp4' | 'webm' | 'mov';
export type MediaType = { kind: 'image'; format: ImageFormat } | { kind: 'video'; format: VideoFormat };

const ascii = (buffer: Buffer, start: number, end: number) => buffer.toString('latin1', start, end);

/** ISO-BMFF (`ftyp` box) brands: AVIF images, MP4 and QuickTime videos. */
function sniffIsoBmff(buffer: Buffer): MediaType | undefined {
  if (buffer.length < 12 || ascii(buffer, 4, 8) !== 'ftyp') return undefined;
  const boxSize = Math.min(buffer.readUInt32BE(0), buffer.length, 64);
  const brands = [ascii(buffer, 8, 12)];
  for (let offset = 16; offset + 4 <= boxSize; offset += 4) brands.push(ascii(buffer, offset, offset + 4));
  if (brands[0] === 'avif' || brands[0] === 'avis') return { kind: 'image', format: 'avif' };
  if (brands[0] === 'qt  ') return { kind: 'video', format: 'mov' };
  if (brands.some((brand) => /^(heic|heix|mif1|msf1)$/.test(brand))) return undefined;
  if (brands.some((brand) => /^(isom|iso\d|mp4\d|mp41|mp42|avc1|M4V |dash|3gp\d)$/.test(brand))) {
    return { kind: 'video', format: 'mp4' };
  }
  return undefined;
}

/** Identifies a file by its first bytes, never by its name or declared type. */
export function sniffMediaType(buffer: Buffer): MediaType | undefined {
  if (buffer.length < 12) return undefined;
  if (buffer[0] === 0xff && buffer[1] === 0xd8 && buffer[2] === 0xff) return { kind: 'image', format: 'jpeg' };
  if (buffer.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return { kind: 'image', format: 'png' };
  }
  if (ascii(buffer, 0, 4) === 'RIFF' && ascii(buffer, 8, 12) === 'WEBP') return { kind: 'image', format: 'webp' };
  if (ascii(buffer, 0, 6) === 'GIF87a' || ascii(buffer, 0, 6) === 'GIF89a') return { kind: 'image', format: 'gif' };
  const tiffHead = ascii(buffer, 0, 4);
  if (tiffHead === 'II*\0' || tiffHead === 'MM\0*') return { kind: 'image', format: 'tiff' };
  if (buffer.readUInt32BE(0) === 0x1a45dfa3) return { kind: 'video', format: 'webm' };
  const iso = sniffIsoBmff(buffer);
  if (iso) return iso;
  // QuickTime files without an ftyp box start with another top-level atom.
  if (['moov', 'mdat', 'wide', 'free', 'skip'].includes(ascii(buffer, 4, 8))) return { kind: 'video', format: 'mov' };
  return undefined;
}

const IMAGE_TYPES = 'JPEG, PNG, WebP, AVIF, GIF or TIFF';

export function assertInputSize(buffer: Buffer, limits: ProcessingLimits, field = 'file'): void {
  if (buffer.length > limits.maxInputBytes) {
    throw new AppError('payload_too_large', `${field} is ${buffer.length} bytes; the limit is ${limits.maxInputBytes} bytes.`, {
      extra: { limit_bytes: limits.maxInputBytes },
    });
  }
}

/** Maps a sharp/libvips failure to the API's error codes. */
export function toImageError(error: unknown, field = 'file'): AppError {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) {
    return new AppError('payload_too_large', `${field} has more pixels than the limit allows.`, { cause: error });
  }
  if (/unsupported image format/i.test(message)) {
    return new AppError('unsupported_media_type', `${field} is not a ${IMAGE_TYPES} image.`, { cause: error });
  }
  return new AppError('invalid_image', `${field} could not be decoded (corrupt or truncated): ${message.split('\n')[0]}`, {
    cause: error,
  });
}

export async function guardDecode<T>(work: () => Promise<T>, field = 'file'): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toImageError(error, field);
  }
}

export interface LoadedImage {
  buffer: Buffer;
  format: ImageFormat;
  /** Size after EXIF orientation. */
  width: number;
  height: number;
  hasAlpha: boolean;
  pages: number;
  metadata: Metadata;
  /** A fresh sharp pipeline over the input, EXIF orientation applied, pixel limit enforced. */
  pipeline(options?: { animated?: boolean }): Sharp;
}

/**
 * Validates an uploaded image before any decoding: size, magic bytes (415), header (400), declared
 * pixel count (413, so a decompression bomb is refused from its header alone).
 */
export async function loadImage(buffer: Buffer, limits: ProcessingLimits, field = 'file'): Promise<LoadedImage> {
  assertInputSize(buffer, limits, field);
  const media = sniffMediaType(buffer);
  if (!media || media.kind !== 'image') {
    throw new AppError('unsupported_media_type', `${field} is not a ${IMAGE_TYPES} image (checked by content).`);
  }
  // Header only (no pixels are decoded), so the declared size is checked below against our own limit.
  const metadata = await guardDecode(() => sharp(buffer, { limitInputPixels: false }).metadata(), field);
  const width = metadata.autoOrient?.width ?? metadata.width;
  const height = metadata.autoOrient?.height ?? metadata.height;
  if (!width || !height) throw new AppError('invalid_image', `${field} has no readable dimensions.`);
  const pageHeight = metadata.pageHeight ?? height;
  if (width * pageHeight > limits.maxInputPixels) {
    throw new AppError(
      'payload_too_large',
      `${field} is ${width}x${pageHeight} (${((width * pageHeight) / 1e6).toFixed(1)} MP); the limit is ${(limits.maxInputPixels / 1e6).toFixed(1)} MP.`,
      { extra: { limit_pixels: limits.maxInputPixels } },
    );
  }
  return {
    buffer,
    format: media.format,
    width,
    height,
    hasAlpha: metadata.hasAlpha ?? false,
    pages: metadata.pages ?? 1,
    metadata,
    pipeline: (options = {}) =>
      sharp(buffer, { limitInputPixels: limits.maxInputPixels, animated: options.animated ?? false }).autoOrient(),
  };
}

export function assertOutputPixels(width: number, height: number, limits: ProcessingLimits, field = 'width'): void {
  if (width * height > limits.maxOutputPixels) {
    throw new AppError(
      'invalid_parameter',
      `${field}: the output would be ${width}x${height}; the limit is ${(limits.maxOutputPixels / 1e6).toFixed(1)} MP.`,
      { errors: [{ field, message: `output must be at most ${limits.maxOutputPixels} pixels (asked ${width}x${height})` }] },
    );
  }
}
