import { z } from 'zod';

export const ocrParamsSchema = z
  .object({
    lang: z.enum(['eng'], { error: 'must be eng (the only language shipped)' }).optional(),
  })
  .meta({ id: 'OcrParams', description: 'Extract text with word boxes and confidence.' });
export type OcrParamsInput = z.input<typeof ocrParamsSchema>;
export type OcrParams = z.output<typeof ocrParamsSchema>;

export interface OcrWord {
  text: string;
  confidence: number;
  bbox: { x0: number; y0: number; x1: number; y1: number };
}

export interface OcrResult {
  text: string;
  confidence: number;
  words: OcrWord[];
}
