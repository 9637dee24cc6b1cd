import { z } from 'zod';
import { backgroundColor, booleanish, numberInRange, outputFields } from './fields.js';

export const REMOVE_BACKGROUND_ENGINES = ['color-flood'] as const;

export const removeBackgroundParamsSchema = z
  .object({
    engine: z.enum(REMOVE_BACKGROUND_ENGINES, { error: `must be one of ${REMOVE_BACKGROUND_ENGINES.join(', ')}` }).optional(),
    crop: booleanish.optional(),
    crop_margin: numberInRange(0, 0.49).optional(),
    channels: z.enum(['rgba', 'alpha'], { error: 'must be rgba or alpha' }).optional(),
    bg_color: backgroundColor.optional(),
    /** Colour distance (CIE ΔE) under which a pixel counts as background; auto when omitted. */
    tolerance: numberInRange(1, 100).optional(),
    ...outputFields,
  })
  .meta({
    id: 'RemoveBackgroundParams',
    description:
      'Cut the product out of its background. crop trims to the subject (+ crop_margin fraction); channels=alpha returns the mask; bg_color composites instead of transparency.',
  });
export type RemoveBackgroundParamsInput = z.input<typeof removeBackgroundParamsSchema>;
export type RemoveBackgroundParams = z.output<typeof removeBackgroundParamsSchema>;
