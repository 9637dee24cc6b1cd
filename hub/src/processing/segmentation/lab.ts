/** CIE L*a*b* planes of an RGB image (D65, sRGB input). */
export interface LabPlanes {
  l: Float32Array;
  a: Float32Array;
  b: Float32Array;
}

const SRGB_TO_LINEAR = new Float32Array(256).map((_, index) => {
  const c = index / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
});

const labCurve = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);

export function rgbToLab(r: number, g: number, b: number): [number, number, number] {
  const lr = SRGB_TO_LINEAR[r]!;
  const lg = SRGB_TO_LINEAR[g]!;
  const lb = SRGB_TO_LINEAR[b]!;
  const fx = labCurve((0.4124 * lr + 0.3576 * lg + 0.1805 * lb) / 0.95047);
  const fy = labCurve(0.2126 * lr + 0.7152 * lg + 0.0722 * lb);
  const fz = labCurve((0.0193 * lr + 0.1192 * lg + 0.9505 * lb) / 1.08883);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

/** Converts interleaved RGB(A) pixels; repeated colours (flat backgrounds) reuse the last result. */
export function toLabPlanes(pixels: Uint8Array, pixelCount: number, channels: number): LabPlanes {
  const l = new Float32Array(pixelCount);
  const a = new Float32Array(pixelCount);
  const b = new Float32Array(pixelCount);
  let lastKey = -1;
  let last: [number, number, number] = [0, 0, 0];
  for (let index = 0, offset = 0; index < pixelCount; index++, offset += channels) {
    const key = (pixels[offset]! << 16) | (pixels[offset + 1]! << 8) | pixels[offset + 2]!;
    if (key !== lastKey) {
      last = rgbToLab(pixels[offset]!, pixels[offset + 1]!, pixels[offset + 2]!);
      lastKey = key;
    }
    l[index] = last[0];
    a[index] = last[1];
    b[index] = last[2];
  }
  return { l, a, b };
}
