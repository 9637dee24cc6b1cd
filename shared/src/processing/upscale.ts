import { z } from 'zod';
import { intInRange, outputFields } from './fields.js';

export const upscaleParamsSchema = z
  .object({
    scale: z.coerce.number({ error: 'must be 2 or 4' }).refine((value) => value === 2 || value === 4, { error: 'must be 2 or 4' }).optional(),
    width: intInRange(1, 20000).optional(),
    sharpen: z.enum(['none', 'low', 'medium', 'high'], { error: 'must be one of none, low, medium, high' }).optional(),
    ...outputFields,
  })
  .refine((params) => !(params.scale !== undefined && params.width !== undefined), {
    error: 'give either scale or width, not both',
    path: ['width'],
  })
  .meta({ id: 'UpscaleParams', description: 'Enlarge by `scale` (2 or 4, default 2) or to a target `width`.' });
export type UpscaleParamsInput = z.input<typeof upscaleParamsSchema>;
export type UpscaleParams = z.output<typeof upscaleParamsSchema>;
