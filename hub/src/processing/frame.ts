import type { Sharp } from 'sharp';
import type { FitMode, Margins, Position } from '@pixport/shared';
import type { Rgba } from './color.js';
import { assertOutputPixels } from './input.js';
import type { ProcessingLimits } from './limits.js';

export interface FrameRequest {
  width?: number;
  height?: number;
  margins: Margins;
  fit: FitMode;
  position: Position;
  background: Rgba;
}

export interface FrameLayout {
  width: number;
  height: number;
  /** Where the content lands on the canvas and its size. */
  content: { left: number; top: number; width: number; height: number };
  /** Size the source is resized to before padding or cropping. */
  resize: { width: number; height: number; crop: boolean };
}

const horizontalShare = (position: Position) => (position.includes('left') ? 0 : position.includes('right') ? 1 : 0.5);
const verticalShare = (position: Position) => (position.includes('top') ? 0 : position.includes('bottom') ? 1 : 0.5);

/** Works out the canvas size; a missing width or height follows the source's aspect ratio. */
function canvasSize(source: { width: number; height: number }, request: FrameRequest) {
  const innerX = 1 - request.margins.left - request.margins.right;
  const innerY = 1 - request.margins.top - request.margins.bottom;
  const aspect = source.width / source.height;
  let { width, height } = request;
  if (width === undefined && height === undefined) {
    width = Math.round(source.width / innerX);
    height = Math.round(source.height / innerY);
  } else if (width === undefined) {
    width = Math.round(((height! * innerY) * aspect) / innerX);
  } else if (height === undefined) {
    height = Math.round((width * innerX) / aspect / innerY);
  }
  return { width: Math.max(1, width), height: Math.max(1, height!) };
}

/** Pure geometry of fitting a source into a frame with margins. */
export function layoutFrame(source: { width: number; height: number }, request: FrameRequest): FrameLayout {
  const { width, height } = canvasSize(source, request);
  const left0 = Math.round(width * request.margins.left);
  const top0 = Math.round(height * request.margins.top);
  const innerW = Math.max(1, width - left0 - Math.round(width * request.margins.right));
  const innerH = Math.max(1, height - top0 - Math.round(height * request.margins.bottom));
  if (request.fit === 'cover') {
    return {
      width,
      height,
      content: { left: left0, top: top0, width: innerW, height: innerH },
      resize: { width: innerW, height: innerH, crop: true },
    };
  }
  let scale = Math.min(innerW / source.width, innerH / source.height);
  if (request.fit === 'inside') scale = Math.min(scale, 1);
  const contentW = Math.max(1, Math.min(innerW, Math.round(source.width * scale)));
  const contentH = Math.max(1, Math.min(innerH, Math.round(source.height * scale)));
  return {
    width,
    height,
    content: {
      left: left0 + Math.round((innerW - contentW) * horizontalShare(request.position)),
      top: top0 + Math.round((innerH - contentH) * verticalShare(request.position)),
      width: contentW,
      height: contentH,
    },
    resize: { width: contentW, height: contentH, crop: false },
  };
}

const SHARP_POSITIONS: Record<Position, string> = {
  center: 'centre',
  top: 'top',
  bottom: 'bottom',
  left: 'left',
  right: 'right',
  'top-left': 'left top',
  'top-right': 'right top',
  'bottom-left': 'left bottom',
  'bottom-right': 'right bottom',
};

/**
 * Adds resize + padding to a pipeline so the source lands in the frame. One pipeline, no
 * intermediate encode: this is the hot path of `process`.
 */
export function applyFrame(
  pipeline: Sharp,
  source: { width: number; height: number },
  request: FrameRequest,
  limits: ProcessingLimits,
): { pipeline: Sharp; layout: FrameLayout } {
  const layout = layoutFrame(source, request);
  assertOutputPixels(layout.width, layout.height, limits);
  const { content } = layout;
  const resized = pipeline.resize(layout.resize.width, layout.resize.height, {
    fit: layout.resize.crop ? 'cover' : 'fill',
    position: SHARP_POSITIONS[request.position],
    kernel: 'lanczos3',
  });
  const padded = resized.extend({
    top: content.top,
    left: content.left,
    bottom: layout.height - content.top - content.height,
    right: layout.width - content.left - content.width,
    background: request.background,
  });
  return { pipeline: padded, layout };
}
