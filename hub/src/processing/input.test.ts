import { describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import { AppError } from '../errors.js';
import { runOperation } from './engine.js';
import { loadImage, sniffMediaType } from './input.js';
import { DEFAULT_LIMITS } from './limits.js';
import { pngDeclaring, productOn } from './test-images.js';

const sample = () => sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } });

describe('input safety', () => {
  it('recognises every accepted image format by its bytes', async () => {
    for (const format of ['jpeg', 'png', 'webp', 'avif', 'gif', 'tiff'] as const) {
      const buffer = await sample().toFormat(format).toBuffer();
      expect(sniffMediaType(buffer)).toEqual({ kind: 'image', format });
    }
  });

  it('recognises video containers', () => {
    const box = (brand: string) => Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from(`ftyp${brand}\0\0\0\0isom`, 'latin1')]);
    expect(sniffMediaType(box('isom'))).toEqual({ kind: 'video', format: 'mp4' });
    expect(sniffMediaType(box('qt  '))).toEqual({ kind: 'video', format: 'mov' });
    expect(sniffMediaType(Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0, 0, 0, 0, 0, 0, 0, 0]))).toEqual({ kind: 'video', format: 'webm' });
  });

  it('refuses a file whose bytes are not an image with 415, whatever its name', async () => {
    const error = await runOperation('process', Buffer.from('%PDF-1.7 not an image at all'), {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(415);
  });

  it('refuses a truncated image with 400 invalid_image', async () => {
    const jpeg = await productOn('#ffffff', { width: 400, height: 300 }, { left: 100, top: 50, width: 200, height: 200 });
    const error = await runOperation('process', jpeg.subarray(0, jpeg.length / 2), { width: 100 }).catch((e: unknown) => e);
    expect((error as AppError).code).toBe('invalid_image');
    expect((error as AppError).status).toBe(400);
  });

  it('refuses a decompression bomb from its header, fast', async () => {
    const bomb = pngDeclaring(100_000, 100_000);
    expect(bomb.length).toBeLessThan(100);
    const started = performance.now();
    const error = await loadImage(bomb, DEFAULT_LIMITS).catch((e: unknown) => e);
    expect((error as AppError).code).toBe('payload_too_large');
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('refuses an upload over the byte limit with 413', async () => {
    const jpeg = await sample().jpeg().toBuffer();
    const error = await runOperation('process', jpeg, {}, { limits: { maxInputBytes: 100 } }).catch((e: unknown) => e);
    expect((error as AppError).status).toBe(413);
  });

  it('applies EXIF orientation', async () => {
    const rotated = await sharp({ create: { width: 80, height: 40, channels: 3, background: '#ffffff' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const result = await runOperation('process', rotated, {});
    expect([result.width, result.height]).toEqual([40, 80]);
  });
});
