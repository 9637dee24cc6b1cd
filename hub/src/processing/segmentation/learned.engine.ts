import { fromRaw } from '../raw.js';
import type { RawImage } from '../raw.js';
import type { ModelSession } from './model-session.js';
import type { Segmentation, SegmentationEngine } from './segmentation-engine.js';

/**
 * `engine: ml`: a salient-object segmentation model (ISNet, U2-Net, BiRefNet ONNX exports) run by
 * onnxruntime-node in the process's one model worker. The image is resized to the model's square
 * input, the probability map scaled back to the image; it is the soft alpha.
 */
export class LearnedEngine implements SegmentationEngine {
  readonly name = 'ml';

  constructor(
    private readonly session: ModelSession,
    private readonly model: string,
  ) {}

  async segment(image: RawImage): Promise<Segmentation> {
    const side = this.session.side;
    const started = performance.now();
    const input = await fromRaw(image).removeAlpha().resize(side, side, { fit: 'fill', kernel: 'lanczos3' }).raw().toBuffer();
    const probability = await this.session.infer(new Uint8Array(input.buffer, input.byteOffset, input.length));
    const inferMs = performance.now() - started;
    const scaled = await fromRaw({ data: Buffer.from(probability.buffer, probability.byteOffset, probability.length), width: side, height: side, channels: 1 })
      .resize(image.width, image.height, { fit: 'fill', kernel: 'cubic' })
      .extractChannel(0)
      .raw()
      .toBuffer();
    return {
      mask: { alpha: new Uint8Array(scaled.buffer, scaled.byteOffset, scaled.length), width: image.width, height: image.height },
      details: { model: this.model, model_input: [side, side], inference_ms: Math.round(inferMs) },
    };
  }
}
