import type { LabPlanes } from './lab.js';

/** The background as seen along the image border: its median Lab colour and how much it varies. */
export interface BackgroundModel {
  l: number;
  a: number;
  b: number;
  /** Robust spread (scaled median absolute deviation) of border pixels' ΔE from the median. */
  spread: number;
}

const median = (values: Float32Array | number[]) => {
  const sorted = Float32Array.from(values).sort();
  return sorted[sorted.length >> 1] ?? 0;
};

/** Indices of a ring `thickness` pixels wide along the border, subsampled to at most ~8000. */
export function borderIndices(width: number, height: number, thickness: number): number[] {
  const indices: number[] = [];
  const perimeter = 2 * (width + height) * thickness;
  const step = Math.max(1, Math.floor(perimeter / 8000));
  for (let ring = 0; ring < thickness; ring++) {
    for (let x = 0; x < width; x += step) indices.push(ring * width + x, (height - 1 - ring) * width + x);
    for (let y = 0; y < height; y += step) indices.push(y * width + ring, y * width + width - 1 - ring);
  }
  return indices;
}

export function estimateBackground(lab: LabPlanes, width: number, height: number): BackgroundModel {
  const ring = borderIndices(width, height, Math.max(1, Math.round(Math.min(width, height) * 0.004)));
  const l = median(ring.map((index) => lab.l[index]!));
  const a = median(ring.map((index) => lab.a[index]!));
  const b = median(ring.map((index) => lab.b[index]!));
  const distances = ring.map((index) => Math.hypot(lab.l[index]! - l, lab.a[index]! - a, lab.b[index]! - b));
  return { l, a, b, spread: 1.4826 * median(distances) };
}
