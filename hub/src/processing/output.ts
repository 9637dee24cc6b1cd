import type { Sharp } from 'sharp';
import { DEFAULT_JPEG_QUALITY, type ImageOutputFormat } from '@pixport/shared';
import { guardDecode } from './input.js';
import type { OperationResult } from './operation.js';

export interface EncodeOptions {
  /** undefined = PNG when the image has alpha, JPEG otherwise. */
  format?: ImageOutputFormat;
  jpegQuality?: number;
  keepMetadata?: boolean;
  hasAlpha: boolean;
  /** A single-channel mask: written as greyscale instead of sRGB. */
  greyscale?: boolean;
}

export const CONTENT_TYPES: Record<ImageOutputFormat | 'gif', string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  gif: 'image/gif',
};

export function chooseFormat(format: ImageOutputFormat | undefined, hasAlpha: boolean): ImageOutputFormat {
  return format ?? (hasAlpha ? 'png' : 'jpeg');
}

/** Final step of every image operation: sRGB, metadata policy, encoder. */
export async function encodeImage(
  pipeline: Sharp,
  options: EncodeOptions,
  metadata: Record<string, unknown> = {},
): Promise<OperationResult> {
  const format = chooseFormat(options.format, options.hasAlpha);
  const quality = options.jpegQuality ?? DEFAULT_JPEG_QUALITY;
  let out = pipeline.toColourspace(options.greyscale ? 'b-w' : 'srgb');
  if (options.keepMetadata) out = out.keepMetadata();
  if (format === 'jpeg') out = out.flatten({ background: '#ffffff' }).jpeg({ quality, mozjpeg: false });
  else if (format === 'png') out = out.png({ compressionLevel: 6 });
  else if (format === 'webp') out = out.webp({ quality });
  else out = out.avif({ quality });
  const { data, info } = await guardDecode(() => out.toBuffer({ resolveWithObject: true }));
  return {
    output: data,
    contentType: CONTENT_TYPES[format],
    width: info.width,
    height: info.height,
    metadata: { format, bytes: data.length, ...metadata },
  };
}
