// Fixtures for the engine's tests: small, generated in memory, deterministic.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { findFfmpeg, runFfmpeg } from './ffmpeg.js';

/** A red box (w×h at left,top) on a canvas of `background`. */
export async function productOn(
  background: string,
  canvas: { width: number; height: number },
  box: { left: number; top: number; width: number; height: number },
  format: 'jpeg' | 'png' = 'jpeg',
): Promise<Buffer> {
  const red = await sharp({ create: { width: box.width, height: box.height, channels: 3, background: '#c0202a' } }).png().toBuffer();
  const image = sharp({ create: { ...canvas, channels: 4, background } }).composite([{ input: red, left: box.left, top: box.top }]);
  return format === 'jpeg' ? image.jpeg({ quality: 95 }).toBuffer() : image.png().toBuffer();
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid-looking PNG of a few bytes whose header declares width × height (a decompression bomb). */
export function pngDeclaring(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

export async function pixelAt(image: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(image).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const offset = (y * info.width + x) * 4;
  return [...data.subarray(offset, offset + 4)];
}

/** Format, size and animation facts of an encoded image (for assertions on outputs). */
export async function describeImage(image: Buffer) {
  const meta = await sharp(image, { animated: true }).metadata();
  return {
    format: meta.format,
    width: meta.width,
    height: meta.pageHeight ?? meta.height,
    pages: meta.pages ?? 1,
    delay: meta.delay,
    loop: meta.loop,
    hasAlpha: meta.hasAlpha ?? false,
    space: meta.space,
  };
}

/** Bounding box of the pixels `isSubject` picks (RGBA), or null when there are none. */
export async function boxOf(image: Buffer, isSubject: (rgba: number[]) => boolean) {
  const { data, info } = await sharp(image).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  let left = Infinity;
  let top = Infinity;
  let right = -1;
  let bottom = -1;
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      const offset = (y * info.width + x) * 4;
      if (!isSubject([data[offset]!, data[offset + 1]!, data[offset + 2]!, data[offset + 3]!])) continue;
      left = Math.min(left, x);
      top = Math.min(top, y);
      right = Math.max(right, x);
      bottom = Math.max(bottom, y);
    }
  }
  return right < 0 ? null : { left, top, width: right - left + 1, height: bottom - top + 1 };
}

/** The red of `productOn`'s product, after JPEG and resampling. */
export const isProductRed = ([r, g, b, a]: number[]) => a! > 128 && r! > 140 && g! < 90 && b! < 100;

/** Black text on white, for OCR. */
export function renderedText(text: string, width = 600, height = 120): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="${width}" height="${height}" fill="#fff"/><text x="20" y="${Math.round(height * 0.66)}" font-family="DejaVu Sans, sans-serif" font-size="48" fill="#000">${text}</text></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** A product filling 90 % of a white 2000 px square: within every marketplace's rules. */
export const compliantShot = () => productOn('#ffffff', { width: 2000, height: 2000 }, { left: 100, top: 300, width: 1800, height: 1400 });

/** Per marketplace, an image that breaks one of its rules (null: the table has only warnings). */
export const NON_COMPLIANT_SHOTS = {
  amazon: () => productOn('#ffffff', { width: 2000, height: 2000 }, { left: 600, top: 600, width: 800, height: 800 }), // fill 0.4
  shopify: () => productOn('#ffffff', { width: 5000, height: 1000 }, { left: 100, top: 100, width: 4800, height: 800 }), // too wide
  woocommerce: () => productOn('#ffffff', { width: 400, height: 400 }, { left: 20, top: 20, width: 360, height: 360 }), // < 600
  ebay: () => productOn('#ffffff', { width: 300, height: 300 }, { left: 10, top: 10, width: 280, height: 280 }), // < 500
  etsy: null, // Etsy's table has recommendations only (warnings); nothing can fail it.
  google: () => productOn('#ffffff', { width: 90, height: 90 }, { left: 5, top: 5, width: 80, height: 80 }), // < 100
} as const;

/** An MP4 test pattern made by ffmpeg (`testsrc`), `seconds` long. */
export async function testClip(seconds = 2, size = '320x240'): Promise<Buffer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pixport-clip-'));
  try {
    const file = path.join(dir, 'clip.mp4');
    await runFfmpeg(findFfmpeg(), ['-f', 'lavfi', '-i', `testsrc=duration=${seconds}:size=${size}:rate=25`, '-pix_fmt', 'yuv420p', '-y', file]);
    return await readFile(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A JPEG copy of `image` resized to exactly width × height (e.g. a real photo made too big or too small for a rule). */
export function resizedJpeg(image: Buffer, width: number, height: number, quality = 80): Promise<Buffer> {
  return sharp(image).resize(width, height, { fit: 'fill' }).jpeg({ quality }).toBuffer();
}
