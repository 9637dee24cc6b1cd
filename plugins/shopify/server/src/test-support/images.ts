import zlib from 'node:zlib';
import type { AppStack } from './app-stack.js';

/** A valid 8×8 RGB PNG whose colour comes from n: distinct bytes, so the hub does not reuse one result for all. */
export function uniquePng(n: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(8, 0);
  header.writeUInt32BE(8, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: 8 }, () => [n & 255, (n >> 8) & 255, (n >> 16) & 255]).flat())]);
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: 8 }, () => row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

/** Gives every image of the sandbox's catalog its own bytes. */
export function distinctSandboxImages(stack: AppStack): void {
  const store = stack.sandbox.state.store;
  let n = 1;
  for (const media of store.media.values()) {
    const key = new URL(media.url).pathname.replace(/^\/cdn\/shop\//, '');
    store.blobs.set(key, { data: uniquePng(n++), contentType: 'image/png' });
  }
}
