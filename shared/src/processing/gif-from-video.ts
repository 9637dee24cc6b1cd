import { z } from 'zod';
import { intInRange, numberInRange } from './fields.js';

export const gifFromVideoParamsSchema = z
  .object({
    start: numberInRange(0, 86400).optional(),
    duration: numberInRange(0.1, 15).optional(),
    fps: intInRange(1, 30).optional(),
    width: intInRange(16, 1280).optional(),
    colors: intInRange(2, 256).optional(),
    dither: z.enum(['bayer', 'floyd_steinberg', 'none'], { error: 'must be bayer, floyd_steinberg or none' }).optional(),
    loop: intInRange(0, 65535).optional(),
  })
  .meta({ id: 'GifFromVideoParams', description: 'A clip of a video (MP4, WebM, MOV) to an animated GIF with a generated palette.' });
export type GifFromVideoParamsInput = z.input<typeof gifFromVideoParamsSchema>;
export type GifFromVideoParams = z.output<typeof gifFromVideoParamsSchema>;
