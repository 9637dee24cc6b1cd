import { z } from 'zod';
import { hexColor, numberInRange, outputFields } from './fields.js';
import { frameFields } from './process.js';
import { shadowFields } from './shadow.js';

export const BACKGROUND_KINDS = ['solid', 'linear', 'radial', 'studio', 'image'] as const;
export type BackgroundKind = (typeof BACKGROUND_KINDS)[number];

export const backgroundsGenerateParamsSchema = z
  .object({
    kind: z.enum(BACKGROUND_KINDS, { error: `must be one of ${BACKGROUND_KINDS.join(', ')}` }).optional(),
    color: hexColor.optional(),
    color_to: hexColor.optional(),
    /** Direction of a linear gradient in degrees (0 = top to bottom). */
    angle: numberInRange(0, 360).optional(),
    ...frameFields,
    ...shadowFields,
    ...outputFields,
  })
  .meta({
    id: 'BackgroundsGenerateParams',
    description:
      'Cut out the subject (or use the input alpha) and composite it on a generated background. kind=image takes the background as the second input file.',
  });
export type BackgroundsGenerateParamsInput = z.input<typeof backgroundsGenerateParamsSchema>;
export type BackgroundsGenerateParams = z.output<typeof backgroundsGenerateParamsSchema>;
