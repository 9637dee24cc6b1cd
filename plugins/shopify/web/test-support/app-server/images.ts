import crypto from 'node:crypto';

/**
 * Product photos drawn as SVG: the "before" is an off-centre product on a grey, uneven background; the "after"
 * the same product centred on white with a soft shadow, as a white-background preset would make it.
 */
export function productSvg(seed: string, kind: 'before' | 'after', label: string): string {
  const hash = crypto.createHash('sha256').update(seed).digest();
  const hue = hash[0]! % 360;
  const shape = hash[1]! % 3;
  const color = `hsl(${hue} 55% 48%)`;
  const dark = `hsl(${hue} 55% 32%)`;
  const size = 600;
  const offset = kind === 'before' ? { x: -70 + (hash[2]! % 60), y: 40 } : { x: 0, y: 0 };
  const scale = kind === 'before' ? 0.8 : 1;
  const cx = size / 2 + offset.x;
  const cy = size / 2 + offset.y;
  const body =
    shape === 0
      ? `<rect x="${cx - 110 * scale}" y="${cy - 150 * scale}" width="${220 * scale}" height="${300 * scale}" rx="${28 * scale}" fill="${color}"/><rect x="${cx - 60 * scale}" y="${cy - 190 * scale}" width="${120 * scale}" height="${50 * scale}" rx="${12 * scale}" fill="${dark}"/>`
      : shape === 1
        ? `<ellipse cx="${cx}" cy="${cy}" rx="${150 * scale}" ry="${120 * scale}" fill="${color}"/><ellipse cx="${cx}" cy="${cy - 20 * scale}" rx="${80 * scale}" ry="${50 * scale}" fill="${dark}"/>`
        : `<path d="M${cx - 160 * scale} ${cy + 90 * scale} L${cx - 120 * scale} ${cy - 60 * scale} Q${cx} ${cy - 150 * scale} ${cx + 120 * scale} ${cy - 60 * scale} L${cx + 160 * scale} ${cy + 90 * scale} Z" fill="${color}"/><rect x="${cx - 170 * scale}" y="${cy + 80 * scale}" width="${340 * scale}" height="${30 * scale}" rx="${10 * scale}" fill="${dark}"/>`;
  const background =
    kind === 'before'
      ? `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#d9d4cc"/><stop offset="1" stop-color="#a9a39a"/></linearGradient></defs><rect width="${size}" height="${size}" fill="url(#g)"/><rect y="${size * 0.72}" width="${size}" height="${size * 0.28}" fill="#8f887e" opacity="0.5"/>`
      : `<rect width="${size}" height="${size}" fill="#ffffff"/><ellipse cx="${cx}" cy="${cy + 175}" rx="150" ry="18" fill="#000" opacity="0.12"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" width="${size}" height="${size}" role="img" aria-label="${escapeXml(label)}">${background}${body}</svg>`;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
