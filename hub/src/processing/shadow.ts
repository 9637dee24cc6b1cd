import sharp from 'sharp';
import type { ShadowType } from '@pixport/shared';
import { parseColor } from './color.js';
import type { Box } from './mask.js';
import type { RawImage } from './raw.js';

export interface ShadowSpec {
  type: ShadowType;
  offsetX: number;
  offsetY: number;
  blur: number;
  opacity: number;
  color: string;
}

export function shadowSpecFrom(params: {
  shadow?: ShadowType;
  shadow_offset_x?: number;
  shadow_offset_y?: number;
  shadow_blur?: number;
  shadow_opacity?: number;
  shadow_color?: string;
}, fallback: ShadowType, size: number): ShadowSpec {
  const type = params.shadow ?? fallback;
  return {
    type,
    offsetX: params.shadow_offset_x ?? Math.round(size * 0.015),
    offsetY: params.shadow_offset_y ?? Math.round(size * 0.02),
    blur: params.shadow_blur ?? Math.max(1, size * 0.012),
    opacity: params.shadow_opacity ?? (type === 'reflection' ? 0.35 : 0.45),
    color: params.shadow_color ?? '#000000',
  };
}

/** A single-colour RGBA layer whose alpha is `alpha` (0..255 per pixel). */
function tintedLayer(alpha: Uint8Array, width: number, height: number, color: string): RawImage {
  const { r, g, b } = parseColor(color);
  const data = Buffer.alloc(width * height * 4);
  for (let index = 0; index < alpha.length; index++) {
    data[index * 4] = r;
    data[index * 4 + 1] = g;
    data[index * 4 + 2] = b;
    data[index * 4 + 3] = alpha[index]!;
  }
  return { data, width, height, channels: 4 };
}

async function blurred(layer: RawImage, sigma: number): Promise<RawImage> {
  if (sigma < 0.3) return layer;
  const data = await sharp(layer.data, { raw: { width: layer.width, height: layer.height, channels: 4 } }).blur(sigma).raw().toBuffer();
  return { ...layer, data };
}

function dropShadow(subject: RawImage, spec: ShadowSpec): Uint8Array {
  const { width, height } = subject;
  const alpha = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const sourceY = y - spec.offsetY;
    if (sourceY < 0 || sourceY >= height) continue;
    for (let x = 0; x < width; x++) {
      const sourceX = x - spec.offsetX;
      if (sourceX < 0 || sourceX >= width) continue;
      alpha[y * width + x] = subject.data[(sourceY * width + sourceX) * 4 + 3]! * spec.opacity;
    }
  }
  return alpha;
}

function contactShadow(subject: RawImage, bounds: Box, spec: ShadowSpec): Uint8Array {
  const { width, height } = subject;
  const alpha = new Uint8Array(width * height);
  const cx = bounds.left + bounds.width / 2;
  const cy = bounds.top + bounds.height;
  const rx = bounds.width * 0.48;
  const ry = Math.max(2, bounds.height * 0.035);
  for (let y = Math.max(0, Math.floor(cy - ry)); y < Math.min(height, Math.ceil(cy + ry)); y++) {
    for (let x = Math.max(0, Math.floor(cx - rx)); x < Math.min(width, Math.ceil(cx + rx)); x++) {
      const d = ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2;
      if (d < 1) alpha[y * width + x] = 255 * spec.opacity * (1 - d);
    }
  }
  return alpha;
}

/** The subject mirrored below its base, fading out over 40 % of its height. */
function reflection(subject: RawImage, bounds: Box, spec: ShadowSpec): RawImage {
  const { width, height } = subject;
  const data = Buffer.alloc(width * height * 4);
  const base = bounds.top + bounds.height;
  const fadeRows = Math.max(1, Math.round(bounds.height * 0.4));
  for (let row = 0; row < fadeRows && base + row < height; row++) {
    const sourceY = base - 1 - row;
    if (sourceY < bounds.top) break;
    const fade = spec.opacity * (1 - row / fadeRows);
    for (let x = bounds.left; x < bounds.left + bounds.width; x++) {
      const from = (sourceY * width + x) * 4;
      const to = ((base + row) * width + x) * 4;
      subject.data.copy(data, to, from, from + 3);
      data[to + 3] = subject.data[from + 3]! * fade;
    }
  }
  return { data, width, height, channels: 4 };
}

/** The layer to draw between the background and the subject; null for `none`. */
export async function renderShadow(subject: RawImage, bounds: Box | null, spec: ShadowSpec): Promise<RawImage | null> {
  if (spec.type === 'none' || !bounds) return null;
  if (spec.type === 'reflection') return reflection(subject, bounds, spec);
  const alpha = spec.type === 'drop' ? dropShadow(subject, spec) : contactShadow(subject, bounds, spec);
  return blurred(tintedLayer(alpha, subject.width, subject.height, spec.color), spec.type === 'drop' ? spec.blur : Math.max(1, spec.blur * 0.6));
}
