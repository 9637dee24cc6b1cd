import type { RawImage } from './raw.js';

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/**
 * Automatic white balance (grey world) and levels (0.5 %–99.5 % luminance stretch), measured and
 * applied on the subject only (alpha >= 128 measures; every non-transparent pixel is adjusted).
 * Works in place on RGBA pixels; returns the applied gains and levels.
 */
export function relightSubject(image: RawImage): { gains: number[]; black: number; white: number } {
  const { data } = image;
  const sums = [0, 0, 0];
  let count = 0;
  for (let offset = 0; offset < data.length; offset += 4) {
    if (data[offset + 3]! < 128) continue;
    sums[0]! += data[offset]!;
    sums[1]! += data[offset + 1]!;
    sums[2]! += data[offset + 2]!;
    count++;
  }
  if (count === 0) return { gains: [1, 1, 1], black: 0, white: 255 };
  const grey = (sums[0]! + sums[1]! + sums[2]!) / 3;
  const gains = sums.map((sum) => clamp(grey / Math.max(1, sum), 0.7, 1.4));
  const histogram = new Uint32Array(256);
  for (let offset = 0; offset < data.length; offset += 4) {
    if (data[offset + 3]! < 128) continue;
    const luma = 0.299 * data[offset]! * gains[0]! + 0.587 * data[offset + 1]! * gains[1]! + 0.114 * data[offset + 2]! * gains[2]!;
    histogram[clamp(Math.round(luma), 0, 255)]!++;
  }
  const percentile = (share: number) => {
    let seen = 0;
    for (let level = 0; level < 256; level++) {
      seen += histogram[level]!;
      if (seen >= share * count) return level;
    }
    return 255;
  };
  const black = percentile(0.005);
  const white = Math.max(black + 1, percentile(0.995));
  const stretch = Math.min(2, 255 / (white - black));
  for (let offset = 0; offset < data.length; offset += 4) {
    if (data[offset + 3] === 0) continue;
    for (let channel = 0; channel < 3; channel++) {
      data[offset + channel] = clamp(Math.round((data[offset + channel]! * gains[channel]! - black) * stretch), 0, 255);
    }
  }
  return { gains: gains.map((gain) => Math.round(gain * 1000) / 1000), black, white };
}
