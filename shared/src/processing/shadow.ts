import { z } from 'zod';
import { hexColor, intInRange, numberInRange } from './fields.js';

export const SHADOW_TYPES = ['none', 'drop', 'contact', 'reflection'] as const;
export type ShadowType = (typeof SHADOW_TYPES)[number];

/** Shadow controls shared by `relight-shadow` and `backgrounds-generate`. */
export const shadowFields = {
  shadow: z.enum(SHADOW_TYPES, { error: `must be one of ${SHADOW_TYPES.join(', ')}` }).optional(),
  shadow_offset_x: intInRange(-500, 500).optional(),
  shadow_offset_y: intInRange(-500, 500).optional(),
  shadow_blur: numberInRange(0, 100).optional(),
  shadow_opacity: numberInRange(0, 1).optional(),
  shadow_color: hexColor.optional(),
};
