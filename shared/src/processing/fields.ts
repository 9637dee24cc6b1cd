import { z } from 'zod';

/**
 * Field builders for operation parameters. Parameters arrive as JSON or as multipart form strings,
 * so numbers and booleans are coerced; every range error names the allowed range.
 */
export function intInRange(min: number, max: number) {
  const error = `must be an integer between ${min} and ${max}`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

export function numberInRange(min: number, max: number) {
  const error = `must be a number between ${min} and ${max}`;
  return z.coerce.number({ error }).min(min, { error }).max(max, { error });
}

const TRUE_WORDS = ['true', '1', 'yes', 'on'];
export const booleanish = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])], {
    error: 'must be true or false',
  })
  .transform((value) => value === true || TRUE_WORDS.includes(String(value)));

/** `#rgb`, `#rrggbb` or `#rrggbbaa` (the `#` is optional). */
export const hexColor = z
  .string()
  .regex(/^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/, { error: 'must be a hex colour like #ffffff' })
  .transform((value) => (value.startsWith('#') ? value : `#${value}`).toLowerCase());

export const backgroundColor = z.union([z.literal('transparent'), hexColor], {
  error: 'must be a hex colour like #ffffff or "transparent"',
});

export const IMAGE_OUTPUT_FORMATS = ['jpeg', 'png', 'webp', 'avif'] as const;
export type ImageOutputFormat = (typeof IMAGE_OUTPUT_FORMATS)[number];
export const imageOutputFormat = z.preprocess(
  (value) => (value === 'jpg' ? 'jpeg' : value),
  z.enum(IMAGE_OUTPUT_FORMATS, { error: `must be one of ${IMAGE_OUTPUT_FORMATS.join(', ')}` }),
);

export const POSITIONS = [
  'center',
  'top',
  'bottom',
  'left',
  'right',
  'top-left',
  'top-right',
  'bottom-left',
  'bottom-right',
] as const;
export type Position = (typeof POSITIONS)[number];
export const position = z.enum(POSITIONS, { error: `must be one of ${POSITIONS.join(', ')}` });

/** Output-encoding fields every image-producing operation accepts. */
export const outputFields = {
  format: imageOutputFormat.optional(),
  jpegQuality: intInRange(1, 100).optional(),
  keep_metadata: booleanish.optional(),
};

/** Margin as a fraction of each side of the frame, or per side (per-side values win). */
export const marginFields = {
  margin: numberInRange(0, 0.49).optional(),
  margin_top: numberInRange(0, 0.49).optional(),
  margin_right: numberInRange(0, 0.49).optional(),
  margin_bottom: numberInRange(0, 0.49).optional(),
  margin_left: numberInRange(0, 0.49).optional(),
};

export const DEFAULT_JPEG_QUALITY = 92;
