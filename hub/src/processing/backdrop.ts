import sharp from 'sharp';
import type { BackgroundKind } from '@pixport/shared';
import { AppError } from '../errors.js';
import { guardDecode, loadImage } from './input.js';
import type { ProcessingLimits } from './limits.js';
import { toRaw, type RawImage } from './raw.js';

export interface BackdropRequest {
  kind: BackgroundKind;
  color: string;
  colorTo: string;
  angle: number;
  /** Required for kind=image. */
  image?: Buffer;
}

/** SVG paint for the generated kinds; rendered by sharp (librsvg) at the canvas size. */
function backdropSvg(request: BackdropRequest, width: number, height: number): string {
  const { color, colorTo } = request;
  let defs = '';
  let fill = color;
  if (request.kind === 'linear') {
    const radians = (request.angle * Math.PI) / 180;
    const dx = Math.sin(radians) / 2;
    const dy = Math.cos(radians) / 2;
    defs = `<linearGradient id="g" x1="${0.5 - dx}" y1="${0.5 - dy}" x2="${0.5 + dx}" y2="${0.5 + dy}"><stop offset="0" stop-color="${color}"/><stop offset="1" stop-color="${colorTo}"/></linearGradient>`;
    fill = 'url(#g)';
  } else if (request.kind === 'radial') {
    defs = `<radialGradient id="g" cx="50%" cy="50%" r="70%"><stop offset="0" stop-color="${color}"/><stop offset="1" stop-color="${colorTo}"/></radialGradient>`;
    fill = 'url(#g)';
  } else if (request.kind === 'studio') {
    // A sweep: bright key light above centre, soft falloff to the edges and the floor line.
    defs = `<radialGradient id="g" cx="50%" cy="38%" r="85%" fx="50%" fy="30%"><stop offset="0" stop-color="${color}"/><stop offset="0.55" stop-color="${color}" stop-opacity="0.92"/><stop offset="1" stop-color="${colorTo}"/></radialGradient>`;
    fill = 'url(#g)';
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs>${defs}</defs><rect width="${width}" height="${height}" fill="${colorTo}"/><rect width="${width}" height="${height}" fill="${fill}"/></svg>`;
}

/** The background layer, canvas-sized RGBA. */
export async function renderBackdrop(request: BackdropRequest, width: number, height: number, limits: ProcessingLimits): Promise<RawImage> {
  if (request.kind === 'image') {
    if (!request.image) {
      throw new AppError('invalid_parameter', 'background: kind=image needs a background image as the second file.', {
        errors: [{ field: 'background', message: 'upload the background image as the second file' }],
      });
    }
    const background = await loadImage(request.image, limits, 'background');
    return toRaw(background.pipeline().resize(width, height, { fit: 'cover', kernel: 'lanczos3' }), { alpha: true });
  }
  return guardDecode(() => toRaw(sharp(Buffer.from(backdropSvg(request, width, height))), { alpha: true }));
}
