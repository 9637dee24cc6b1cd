import { z } from 'zod';
import { intInRange, numberInRange } from './fields.js';

const delayMs = intInRange(20, 10000);

/** `delay` takes one value, an array, or a comma-separated list (one per frame). */
export const gifParamsSchema = z
  .object({
    delay: z
      .preprocess(
        (value) => (typeof value === 'string' && value.includes(',') ? value.split(',') : value),
        z.union([delayMs, z.array(delayMs).min(1).max(100)]),
      )
      .optional(),
    loop: intInRange(0, 65535).optional(),
    width: intInRange(16, 2000).optional(),
    colors: intInRange(2, 256).optional(),
    dither: numberInRange(0, 1).optional(),
  })
  .meta({ id: 'GifParams', description: 'Frames (2..100 images) to an animated GIF. delay in ms; loop 0 = forever.' });
export type GifParamsInput = z.input<typeof gifParamsSchema>;
export type GifParams = z.output<typeof gifParamsSchema>;
