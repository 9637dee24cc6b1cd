import { ocrParamsSchema, type OcrResult, type OcrWord } from '@pixport/shared';
import { guardDecode, loadImage } from './input.js';
import { singleInput } from './inputs.js';
import { defineOperation } from './operation.js';
import { ocrPool } from './ocr-pool.js';

/** Tesseract reads best at ~30 px glyphs: small images are enlarged, huge ones reduced. */
function ocrScale(width: number, height: number): number {
  const longest = Math.max(width, height);
  if (longest < 1000) return Math.min(3, 1000 / longest);
  if (longest > 3000) return 3000 / longest;
  return 1;
}

export const ocrOperation = defineOperation({
  name: 'ocr',
  params: ocrParamsSchema,
  async run(input, _params, ctx) {
    const image = await loadImage(singleInput(input), ctx.limits);
    const scale = ocrScale(image.width, image.height);
    const prepared = await guardDecode(() =>
      image
        .pipeline()
        .flatten({ background: '#ffffff' })
        .resize(Math.round(image.width * scale), Math.round(image.height * scale), { kernel: 'lanczos3' })
        .greyscale()
        .png()
        .toBuffer(),
    );
    const page = await ocrPool.use(async (worker) => (await worker.recognize(prepared, {}, { text: true, blocks: true })).data);
    const words: OcrWord[] = [];
    for (const block of page.blocks ?? []) {
      for (const paragraph of block.paragraphs) {
        for (const line of paragraph.lines) {
          for (const word of line.words) {
            words.push({
              text: word.text,
              confidence: Math.round(word.confidence * 10) / 10,
              bbox: {
                x0: Math.round(word.bbox.x0 / scale),
                y0: Math.round(word.bbox.y0 / scale),
                x1: Math.round(word.bbox.x1 / scale),
                y1: Math.round(word.bbox.y1 / scale),
              },
            });
          }
        }
      }
    }
    const result: OcrResult = { text: page.text.trim(), confidence: Math.round(page.confidence * 10) / 10, words };
    return { output: null, contentType: null, width: image.width, height: image.height, metadata: { ...result, engine: 'tesseract.js 7 (eng)' } };
  },
});
