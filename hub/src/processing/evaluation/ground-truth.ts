/**
 * Hand-traced ground truth for the real-photo evaluation set: each photo's subject is a list of
 * shapes (polygons and ellipses, in the photo's own pixel coordinates) that are added or cut out in
 * order, rendered here to a 0/1 mask. Nothing in it comes from an engine's output.
 */
export type Shape =
  | { op?: 'add' | 'cut'; polygon: Array<[number, number]> }
  | { op?: 'add' | 'cut'; ellipse: [cx: number, cy: number, rx: number, ry: number, angleDegrees?: number] };

export type Background = 'white' | 'grey' | 'colour' | 'textured' | 'busy';

export interface GroundTruthEntry {
  /** File name in the photo directory (scripts/cutout-photos.sh). */
  file: string;
  width: number;
  height: number;
  background: Background;
  /** What the subject is, in words. */
  subject: string;
  /** The expected verdict for enclosed regions: which stay opaque, which must open. */
  holes: string;
  shapes: Shape[];
}

/** Points of an ellipse outline, dense enough for sub-pixel accuracy at these sizes. */
function ellipsePoints([cx, cy, rx, ry, angle = 0]: [number, number, number, number, number?]): Array<[number, number]> {
  const steps = Math.max(32, Math.ceil((rx + ry) * 1.5));
  const theta = (angle * Math.PI) / 180;
  const points: Array<[number, number]> = [];
  for (let step = 0; step < steps; step++) {
    const t = (2 * Math.PI * step) / steps;
    const x = rx * Math.cos(t);
    const y = ry * Math.sin(t);
    points.push([cx + x * Math.cos(theta) - y * Math.sin(theta), cy + x * Math.sin(theta) + y * Math.cos(theta)]);
  }
  return points;
}

/** Even-odd scanline fill of one polygon at pixel centres; `value` 1 adds, 0 cuts. */
function fillPolygon(mask: Uint8Array, width: number, height: number, points: Array<[number, number]>, value: 0 | 1): void {
  const crossings: number[] = [];
  for (let y = 0; y < height; y++) {
    const scan = y + 0.5;
    crossings.length = 0;
    for (let index = 0; index < points.length; index++) {
      const [x1, y1] = points[index]!;
      const [x2, y2] = points[(index + 1) % points.length]!;
      if (y1 <= scan === y2 <= scan) continue;
      crossings.push(x1 + ((scan - y1) / (y2 - y1)) * (x2 - x1));
    }
    crossings.sort((a, b) => a - b);
    for (let pair = 0; pair + 1 < crossings.length; pair += 2) {
      const from = Math.max(0, Math.ceil(crossings[pair]! - 0.5));
      const to = Math.min(width - 1, Math.floor(crossings[pair + 1]! - 0.5));
      for (let x = from; x <= to; x++) mask[y * width + x] = value;
    }
  }
}

/** The subject mask of one entry: 1 = subject, 0 = background. */
export function renderGroundTruth(entry: Pick<GroundTruthEntry, 'width' | 'height' | 'shapes'>): Uint8Array {
  const mask = new Uint8Array(entry.width * entry.height);
  for (const shape of entry.shapes) {
    const points = 'polygon' in shape ? shape.polygon : ellipsePoints(shape.ellipse);
    fillPolygon(mask, entry.width, entry.height, points, shape.op === 'cut' ? 0 : 1);
  }
  return mask;
}
