import sharp, { type OverlayOptions, type Sharp } from 'sharp';
import type { Rgba } from './color.js';
import type { Box } from './mask.js';
import type { RawImage } from './raw.js';
import { renderShadow, type ShadowSpec } from './shadow.js';

/**
 * Layers a subject (RGBA, canvas-sized) over a background colour or a background image of the
 * same size, with an optional shadow in between. Returns a sharp pipeline ready to encode.
 */
export async function composeScene(
  subject: RawImage,
  bounds: Box | null,
  background: Rgba | RawImage,
  shadow: ShadowSpec,
): Promise<Sharp> {
  const { width, height } = subject;
  const base =
    'data' in background
      ? sharp(background.data, { raw: { width, height, channels: background.channels } }).ensureAlpha()
      : sharp({ create: { width, height, channels: 4, background } });
  const layers: OverlayOptions[] = [];
  const shadowLayer = await renderShadow(subject, bounds, shadow);
  if (shadowLayer) layers.push({ input: shadowLayer.data, raw: { width, height, channels: 4 } });
  layers.push({ input: subject.data, raw: { width, height, channels: 4 } });
  // Materialise the composite: later steps (flatten, encode) must see the layered pixels.
  const { data } = await base.composite(layers).raw().toBuffer({ resolveWithObject: true });
  return sharp(data, { raw: { width, height, channels: 4 } });
}
