import type { Random } from './random.js';

/** A product silhouette as SVG: `body` is drawn with the subject's paint, `base` is where it stands. */
export interface Silhouette {
  kind: string;
  /** SVG elements without fill, e.g. `<path d="..."/>`; drawn with `fill` set by the caller. */
  body: string;
  base: { cx: number; cy: number; rx: number };
}

const f = (value: number) => value.toFixed(1);

function bottle(s: number, r: Random): Silhouette {
  const w = s * r.between(0.18, 0.3);
  const h = s * r.between(0.55, 0.72);
  const x = (s - w) / 2;
  const y = (s - h) / 2 + s * 0.03;
  const neck = w * 0.35;
  const neckH = h * 0.22;
  const body = `<rect x="${f(x)}" y="${f(y + neckH)}" width="${f(w)}" height="${f(h - neckH)}" rx="${f(w * 0.18)}"/>
<rect x="${f((s - neck) / 2)}" y="${f(y)}" width="${f(neck)}" height="${f(neckH + w * 0.2)}" rx="${f(neck * 0.15)}"/>`;
  return { kind: 'bottle', body, base: { cx: s / 2, cy: y + h, rx: w / 2 } };
}

/** A mug: body plus a handle with a hole through it (a ring drawn with even-odd fill). */
function mug(s: number, r: Random): Silhouette {
  const w = s * r.between(0.32, 0.42);
  const h = s * r.between(0.36, 0.48);
  const x = (s - w) / 2 - s * 0.05;
  const y = (s - h) / 2;
  const hr = h * 0.3;
  const hx = x + w;
  const hy = y + h / 2;
  const inner = hr * 0.55;
  const handle = `<path fill-rule="evenodd" d="M ${f(hx - hr * 0.3)} ${f(hy)} a ${f(hr)} ${f(hr)} 0 1 0 ${f(hr * 2)} 0 a ${f(hr)} ${f(hr)} 0 1 0 ${f(-hr * 2)} 0 Z M ${f(hx + hr * 0.7 - inner)} ${f(hy)} a ${f(inner)} ${f(inner)} 0 1 1 ${f(inner * 2)} 0 a ${f(inner)} ${f(inner)} 0 1 1 ${f(-inner * 2)} 0 Z"/>`;
  const body = `<rect x="${f(x)}" y="${f(y)}" width="${f(w)}" height="${f(h)}" rx="${f(w * 0.06)}"/>\n${handle}`;
  return { kind: 'mug', body, base: { cx: x + w / 2, cy: y + h, rx: w / 2 } };
}

/** A lamp: thin stem (a few px wide), shade, base. */
function lamp(s: number, r: Random): Silhouette {
  const stem = Math.max(4, s * r.between(0.008, 0.015));
  const shadeW = s * r.between(0.35, 0.45);
  const top = s * 0.18;
  const shadeH = s * 0.2;
  const baseY = s * 0.8;
  const cx = s / 2;
  const body = `<path d="M ${f(cx - shadeW * 0.3)} ${f(top)} L ${f(cx + shadeW * 0.3)} ${f(top)} L ${f(cx + shadeW / 2)} ${f(top + shadeH)} L ${f(cx - shadeW / 2)} ${f(top + shadeH)} Z"/>
<rect x="${f(cx - stem / 2)}" y="${f(top + shadeH)}" width="${f(stem)}" height="${f(baseY - top - shadeH)}"/>
<ellipse cx="${f(cx)}" cy="${f(baseY)}" rx="${f(shadeW * 0.3)}" ry="${f(s * 0.025)}"/>`;
  return { kind: 'lamp', body, base: { cx, cy: baseY + s * 0.02, rx: shadeW * 0.3 } };
}

/** A ring / donut seen from the front: a big hole in the middle. */
function ring(s: number, r: Random): Silhouette {
  const outer = s * r.between(0.25, 0.33);
  const inner = outer * r.between(0.4, 0.6);
  const cx = s / 2;
  const cy = s / 2;
  const body = `<path fill-rule="evenodd" d="M ${f(cx - outer)} ${f(cy)} a ${f(outer)} ${f(outer)} 0 1 0 ${f(outer * 2)} 0 a ${f(outer)} ${f(outer)} 0 1 0 ${f(-outer * 2)} 0 Z M ${f(cx - inner)} ${f(cy)} a ${f(inner)} ${f(inner)} 0 1 1 ${f(inner * 2)} 0 a ${f(inner)} ${f(inner)} 0 1 1 ${f(-inner * 2)} 0 Z"/>`;
  return { kind: 'ring', body, base: { cx, cy: cy + outer, rx: outer * 0.6 } };
}

/** A box in perspective: three faces the caller shades differently through one gradient. */
function box(s: number, r: Random): Silhouette {
  const w = s * r.between(0.35, 0.5);
  const h = s * r.between(0.3, 0.45);
  const d = w * 0.3;
  const x = (s - w - d) / 2;
  const y = (s - h + d) / 2;
  const body = `<path d="M ${f(x)} ${f(y)} L ${f(x + d)} ${f(y - d)} L ${f(x + w + d)} ${f(y - d)} L ${f(x + w + d)} ${f(y + h - d)} L ${f(x + w)} ${f(y + h)} L ${f(x)} ${f(y + h)} Z"/>`;
  return { kind: 'box', body, base: { cx: x + w / 2 + d / 2, cy: y + h, rx: (w + d) / 2 } };
}

export const SILHOUETTES = [bottle, mug, lamp, ring, box] as const;
