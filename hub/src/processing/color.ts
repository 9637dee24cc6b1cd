export interface Rgba {
  r: number;
  g: number;
  b: number;
  /** 0..1, as sharp expects. */
  alpha: number;
}

export const TRANSPARENT: Rgba = { r: 0, g: 0, b: 0, alpha: 0 };
export const WHITE: Rgba = { r: 255, g: 255, b: 255, alpha: 1 };

/** Parses `#rgb`, `#rrggbb`, `#rrggbbaa` or `transparent` (already validated by the schema). */
export function parseColor(value: string): Rgba {
  if (value === 'transparent') return TRANSPARENT;
  let hex = value.replace(/^#/, '');
  if (hex.length === 3) hex = [...hex].map((digit) => digit + digit).join('');
  const channel = (index: number) => parseInt(hex.slice(index, index + 2), 16);
  return { r: channel(0), g: channel(2), b: channel(4), alpha: hex.length === 8 ? channel(6) / 255 : 1 };
}

export function isOpaque(color: Rgba): boolean {
  return color.alpha >= 1;
}
