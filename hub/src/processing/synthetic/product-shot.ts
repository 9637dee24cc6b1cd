import sharp from 'sharp';
import { seededRandom, type Random } from './random.js';
import { SILHOUETTES, type Silhouette } from './shapes.js';

export type BackdropKind = 'white' | 'near-white' | 'coloured';
/** white and near-white backdrops are "studio shots". */
export const STUDIO_BACKDROPS: readonly BackdropKind[] = ['white', 'near-white'];

export interface SyntheticShot {
  /** The photo, JPEG-encoded. */
  image: Buffer;
  /** Ground truth, one byte per pixel: 1 = product, 0 = background (shadows are background). */
  mask: Uint8Array;
  width: number;
  height: number;
  backdrop: BackdropKind;
  subject: string;
  shadow: boolean;
}

const hsl = (h: number, s: number, l: number) => `hsl(${h.toFixed(0)},${(s * 100).toFixed(0)}%,${(l * 100).toFixed(0)}%)`;

function backdropSvg(kind: BackdropKind, size: number, random: Random): { defs: string; rect: string; hue: number } {
  if (kind === 'white') return { defs: '', rect: `<rect width="${size}" height="${size}" fill="#ffffff"/>`, hue: -1 };
  if (kind === 'near-white') {
    const level = Math.round(random.between(236, 250));
    const edge = level - Math.round(random.between(4, 12));
    return {
      defs: `<radialGradient id="bg" cx="50%" cy="45%" r="75%"><stop offset="0" stop-color="rgb(${level},${level},${level - 2})"/><stop offset="1" stop-color="rgb(${edge},${edge},${edge - 2})"/></radialGradient>`,
      rect: `<rect width="${size}" height="${size}" fill="url(#bg)"/>`,
      hue: -1,
    };
  }
  const hue = random.between(0, 360);
  return {
    defs: `<linearGradient id="bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${hsl(hue, 0.45, 0.72)}"/><stop offset="1" stop-color="${hsl(hue, 0.45, 0.64)}"/></linearGradient>`,
    rect: `<rect width="${size}" height="${size}" fill="url(#bg)"/>`,
    hue,
  };
}

/** A hue at least 90 degrees away from the backdrop's, so the product is distinguishable. */
function subjectHue(backdropHue: number, random: Random): number {
  if (backdropHue < 0) return random.between(0, 360);
  return (backdropHue + random.between(90, 270)) % 360;
}

function shadowSvg(silhouette: Silhouette, size: number): string {
  const { cx, cy, rx } = silhouette.base;
  const blur = (size * 0.012).toFixed(1);
  return `<filter id="soft" x="-50%" y="-200%" width="200%" height="500%"><feGaussianBlur stdDeviation="${blur}"/></filter>
<ellipse cx="${cx.toFixed(1)}" cy="${(cy + size * 0.005).toFixed(1)}" rx="${(rx * 1.15).toFixed(1)}" ry="${(size * 0.025).toFixed(1)}" fill="#000" fill-opacity="0.28" filter="url(#soft)"/>`;
}

/** Adds mild sensor noise to RGB pixels in place. */
function addNoise(pixels: Buffer, random: Random, strength: number): void {
  for (let index = 0; index < pixels.length; index++) {
    const value = pixels[index]! + random.gaussian() * strength;
    pixels[index] = value < 0 ? 0 : value > 255 ? 255 : value;
  }
}

/** Renders one synthetic product shot and its ground-truth mask, reproducible from `seed`. */
export async function generateProductShot(
  seed: number,
  options: { size?: number; backdrop?: BackdropKind; shadow?: boolean } = {},
): Promise<SyntheticShot> {
  const random = seededRandom(seed);
  const size = options.size ?? 1000;
  const backdrop = options.backdrop ?? random.pick(['white', 'near-white', 'coloured'] as const);
  const silhouette = random.pick(SILHOUETTES)(size, random);
  const shadow = options.shadow ?? random.next() < 0.7;
  const back = backdropSvg(backdrop, size, random);
  const hue = subjectHue(back.hue, random);
  const saturation = random.between(0.35, 0.85);
  const lightness = random.between(0.28, 0.55);
  const paint = `<linearGradient id="paint" x1="0" y1="0" x2="1" y2="0.3"><stop offset="0" stop-color="${hsl(hue, saturation, lightness + 0.15)}"/><stop offset="0.6" stop-color="${hsl(hue, saturation, lightness)}"/><stop offset="1" stop-color="${hsl(hue, saturation, lightness - 0.15)}"/></linearGradient>`;
  const photoSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><defs>${back.defs}${paint}</defs>${back.rect}${shadow ? shadowSvg(silhouette, size) : ''}<g fill="url(#paint)">${silhouette.body}</g></svg>`;
  const maskSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><rect width="${size}" height="${size}" fill="#000"/><g fill="#fff">${silhouette.body}</g></svg>`;

  const photo = await sharp(Buffer.from(photoSvg)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  addNoise(photo.data, random, 1.5);
  const image = await sharp(photo.data, { raw: { width: size, height: size, channels: 3 } }).jpeg({ quality: 92 }).toBuffer();
  const maskPixels = await sharp(Buffer.from(maskSvg)).extractChannel(0).raw().toBuffer();
  const mask = new Uint8Array(size * size);
  for (let index = 0; index < mask.length; index++) mask[index] = maskPixels[index]! >= 128 ? 1 : 0;
  return { image, mask, width: size, height: size, backdrop, subject: silhouette.kind, shadow };
}

/** Intersection over union of a predicted alpha (>= 128 = subject) against a ground-truth mask. */
export function maskIoU(alpha: Uint8Array, truth: Uint8Array): number {
  let intersection = 0;
  let union = 0;
  for (let index = 0; index < truth.length; index++) {
    const predicted = alpha[index]! >= 128;
    const actual = truth[index] === 1;
    if (predicted && actual) intersection++;
    if (predicted || actual) union++;
  }
  return union === 0 ? 1 : intersection / union;
}
