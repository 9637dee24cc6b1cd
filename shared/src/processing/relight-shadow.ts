import { z } from 'zod';
import { backgroundColor, booleanish, outputFields } from './fields.js';
import { shadowFields } from './shadow.js';

export const relightShadowParamsSchema = z
  .object({
    ...shadowFields,
    relight: booleanish.optional(),
    background: backgroundColor.optional(),
    ...outputFields,
  })
  .meta({
    id: 'RelightShadowParams',
    description:
      'Shadows under the cut-out subject (drop, contact, reflection) and relight: automatic white balance and levels on the subject only.',
  });
export type RelightShadowParamsInput = z.input<typeof relightShadowParamsSchema>;
export type RelightShadowParams = z.output<typeof relightShadowParamsSchema>;
