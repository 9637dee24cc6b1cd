// Fixtures for the engine's tests: small, generated in memory, deterministic.
import { crc32 } from 'node:zlib';
import sharp from 'sharp';

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
