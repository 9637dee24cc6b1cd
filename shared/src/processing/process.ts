import { z } from 'zod';
import {
  DEFAULT_JPEG_QUALITY,
  backgroundColor,
  booleanish,
  intInRange,
  marginFields,
  outputFields,
  position,
  type ImageOutputFormat,
  type Position,
} from './fields.js';
import { MARKETPLACE_PRESETS, marketplaceName, type MarketplaceName } from './marketplaces.js';

export const FIT_MODES = ['contain', 'cover', 'inside'] as const;
export type FitMode = (typeof FIT_MODES)[number];

/** The size/margin/background fields `process` shares with `backgrounds-generate`. */
export const frameFields = {
  width: intInRange(1, 10000).optional(),
  height: intInRange(1, 10000).optional(),
  ...marginFields,
  fit: z.enum(FIT_MODES, { error: `must be one of ${FIT_MODES.join(', ')}` }).optional(),
  position: position.optional(),
};

export const processParamsSchema = z
  .object({
    ...frameFields,
    background: backgroundColor.optional(),
    trim: booleanish.optional(),
    trim_tolerance: intInRange(0, 255).optional(),
    ...outputFields,
    presetLabel: z.string().max(100).optional(),
    preset: marketplaceName.optional(),
  })
  .meta({
    id: 'ProcessParams',
    description:
      'Fit a product into width x height. `preset` fills defaults from the marketplace table; explicit fields override it. ' +
      'fit: contain = scale into the frame and pad; cover = fill the frame and crop; inside = like contain but never enlarge.',
  });
export type ProcessParamsInput = z.input<typeof processParamsSchema>;
export type ProcessParams = z.output<typeof processParamsSchema>;

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** Process parameters after the preset and the defaults are applied: every field decided. */
export interface ResolvedProcessParams {
  width: number | undefined;
  height: number | undefined;
  margins: Margins;
  background: string;
  fit: FitMode;
  position: Position;
  trim: boolean;
  trimTolerance: number;
  /** undefined = keep alpha as PNG, otherwise JPEG. */
  format: ImageOutputFormat | undefined;
  jpegQuality: number;
  keepMetadata: boolean;
  presetLabel: string | undefined;
  preset: MarketplaceName | undefined;
}

export const DEFAULT_TRIM_TOLERANCE = 10;

/** Resolves margins: per-side values win over `margin`, which wins over the fallback. */
export function resolveMargins(
  params: Pick<ProcessParams, 'margin' | 'margin_top' | 'margin_right' | 'margin_bottom' | 'margin_left'>,
  fallback = 0,
): Margins {
  const all = params.margin ?? fallback;
  return {
    top: params.margin_top ?? all,
    right: params.margin_right ?? all,
    bottom: params.margin_bottom ?? all,
    left: params.margin_left ?? all,
  };
}

/** Order of precedence: explicit field > marketplace preset > built-in default. */
export function resolveProcessParams(params: ProcessParams): ResolvedProcessParams {
  const preset = params.preset ? MARKETPLACE_PRESETS[params.preset].process : undefined;
  return {
    width: params.width ?? preset?.width,
    height: params.height ?? preset?.height,
    margins: resolveMargins(params, preset?.margin ?? 0),
    background: params.background ?? preset?.background ?? 'transparent',
    fit: params.fit ?? 'contain',
    position: params.position ?? 'center',
    trim: params.trim ?? false,
    trimTolerance: params.trim_tolerance ?? DEFAULT_TRIM_TOLERANCE,
    format: params.format ?? preset?.format,
    jpegQuality: params.jpegQuality ?? preset?.jpegQuality ?? DEFAULT_JPEG_QUALITY,
    keepMetadata: params.keep_metadata ?? false,
    presetLabel: params.presetLabel ?? params.preset,
    preset: params.preset,
  };
}
