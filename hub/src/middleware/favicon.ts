/** The hub's icon (a dark rounded square with a white square inside), as SVG and as a 16×16 .ico. */
export const FAVICON_SVG =
  "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'><rect width='16' height='16' rx='3' fill='#303030'/><rect x='4' y='4' width='8' height='8' fill='#fff'/></svg>";

const SIZE = 16;

/** BGRA of pixel (x, y) from the top-left: transparent corners (radius 3), dark frame, white centre. */
function pixel(x: number, y: number): [number, number, number, number] {
  const cx = x < 3 ? 3 - x : x > SIZE - 4 ? x - (SIZE - 4) : 0;
  const cy = y < 3 ? 3 - y : y > SIZE - 4 ? y - (SIZE - 4) : 0;
  if (cx * cx + cy * cy > 9) return [0, 0, 0, 0];
  if (x >= 4 && x < 12 && y >= 4 && y < 12) return [0xff, 0xff, 0xff, 0xff];
  return [0x30, 0x30, 0x30, 0xff];
}

/** An ICO file holding one 32-bit BMP image (bottom-up rows, then the 1-bit AND mask, all zero: alpha decides). */
function icon(): Buffer {
  const pixels = Buffer.alloc(SIZE * SIZE * 4);
  for (let row = 0; row < SIZE; row++)
    for (let x = 0; x < SIZE; x++) Buffer.from(pixel(x, SIZE - 1 - row)).copy(pixels, (row * SIZE + x) * 4);
  const mask = Buffer.alloc(SIZE * 4); // 16 px = 2 bytes a row, padded to 4
  const info = Buffer.alloc(40);
  info.writeUInt32LE(40, 0);
  info.writeInt32LE(SIZE, 4);
  info.writeInt32LE(SIZE * 2, 8); // ICO images state the height of image + mask
  info.writeUInt16LE(1, 12);
  info.writeUInt16LE(32, 14);
  info.writeUInt32LE(pixels.length + mask.length, 20);
  const image = Buffer.concat([info, pixels, mask]);
  const header = Buffer.alloc(6 + 16);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(SIZE, 6);
  header.writeUInt8(SIZE, 7);
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(image.length, 14);
  header.writeUInt32LE(header.length, 18);
  return Buffer.concat([header, image]);
}

export const FAVICON_ICO = icon();
