import { describe, expect, it } from '@jest/globals';
import type { OperationName } from '@pixport/shared';
import { appErrorOf } from '../test-support/failure.js';
import { DEFAULT_LIMITS } from '../processing/index.js';
import { pngDeclaring, productOn } from '../processing/test-images.js';
import { buildOperationRequest, type UploadPart } from './operation-request.js';

const upload = (data: Buffer, filename = 'photo.jpg'): UploadPart => ({ data, filename });

const jpeg = () =>
  productOn('#ffffff', { width: 120, height: 80 }, { left: 40, top: 20, width: 40, height: 40 });
const png = () =>
  productOn('#00ff00', { width: 60, height: 60 }, { left: 10, top: 10, width: 20, height: 20 }, 'png');

async function read(
  operation: OperationName,
  fields: Record<string, unknown>,
  files: Record<string, UploadPart | UploadPart[]>,
  extraFields?: string[],
) {
  return buildOperationRequest(operation, fields, files, { limits: DEFAULT_LIMITS, extraFields });
}

describe('reading an operation request', () => {
  it('validates the params with the operation schema and hands over the checked file', async () => {
    const image = await jpeg();
    const request = await read(
      'process',
      { width: '2000', height: '1500', margin: '0.08', jpegQuality: '92', presetLabel: 'api-test' },
      { image: upload(image, 'shoe.jpg') },
    );
    expect(request.operation).toBe('process');
    expect(request.params).toMatchObject({
      width: 2000,
      height: 1500,
      margin: 0.08,
      jpegQuality: 92,
      presetLabel: 'api-test',
    });
    expect(Buffer.isBuffer(request.inputs) && request.inputs.equals(image)).toBe(true);
    expect(request.files).toEqual([
      expect.objectContaining({
        field: 'image',
        filename: 'shoe.jpg',
        bytes: image.length,
        media: { kind: 'image', format: 'jpeg' },
      }),
    ]);
    expect(request.preset).toBeNull();
  });

  it('expands a marketplace preset into explicit fields, explicit fields winning', async () => {
    const request = await read(
      'process',
      { preset: 'amazon', width: '1000', margin_top: '0.2' },
      { image: upload(await jpeg()) },
    );
    expect(request.preset).toBe('amazon');
    expect(request.params).toMatchObject({
      width: 1000,
      height: 2000,
      margin: 0.05,
      margin_top: 0.2,
      background: '#ffffff',
      format: 'jpeg',
      jpegQuality: 92,
      preset: 'amazon',
    });
    const compliance = await read('compliance', { preset: 'shopify' }, { image: upload(await jpeg()) });
    expect(compliance.params).toEqual({ marketplace: ['shopify'] });
    const shadow = await read(
      'relight-shadow',
      { preset: 'etsy', background: '#eeeeee' },
      { image: upload(await jpeg()) },
    );
    expect(shadow.params).toMatchObject({ background: '#eeeeee', format: 'jpeg', jpegQuality: 92 });
    expect(shadow.params).not.toHaveProperty('width');
    expect(shadow.params).not.toHaveProperty('preset');
  });

  it('refuses a preset the operation does not take or that does not exist', async () => {
    const unsupported = await appErrorOf(read('ocr', { preset: 'amazon' }, { image: upload(await jpeg()) }));
    expect(unsupported.options.errors).toEqual([
      { field: 'preset', message: expect.stringContaining('not supported by ocr') },
    ]);
    const unknown = await appErrorOf(
      read('process', { preset: 'aliexpress' }, { image: upload(await jpeg()) }),
    );
    expect(unknown.options.errors).toEqual([
      { field: 'preset', message: expect.stringContaining('amazon, shopify') },
    ]);
  });

  it('names every bad field at once: ranges, unknown fields, a missing file', async () => {
    const error = await appErrorOf(read('process', { width: '0', jpegQuality: '101', widht: '10' }, {}));
    expect(error.status).toBe(422);
    expect(error.code).toBe('invalid_parameter');
    expect(error.options.errors).toEqual(
      expect.arrayContaining([
        { field: 'width', message: 'must be an integer between 1 and 10000' },
        { field: 'jpegQuality', message: 'must be an integer between 1 and 100' },
        { field: 'widht', message: 'unknown field for process' },
        { field: 'image', message: expect.stringMatching(/^required/) },
      ]),
    );
  });

  it('passes the fields the caller allows through as extras, and ignores empty fields', async () => {
    const request = await read(
      'remove-background',
      { webhook_url: 'https://example.com/hook', crop: 'true', format: '' },
      { image: upload(await jpeg()) },
      ['webhook_url'],
    );
    expect(request.extras).toEqual({ webhook_url: 'https://example.com/hook' });
    expect(request.params).toEqual({ crop: true });
  });

  it('refuses files in the wrong fields and text where a file belongs', async () => {
    const wrongField = await appErrorOf(
      read('process', {}, { image: upload(await jpeg()), photo: upload(await jpeg()) }),
    );
    expect(wrongField.options.errors).toEqual([{ field: 'photo', message: 'unexpected file; send `image`' }]);
    const asParam = await appErrorOf(
      read('process', {}, { image: upload(await jpeg()), width: upload(await jpeg()) }),
    );
    expect(asParam.options.errors).toEqual([{ field: 'width', message: 'must be a form value, not a file' }]);
    const textFile = await appErrorOf(read('process', { image: 'C:\\photo.jpg' }, {}));
    expect(textFile.options.errors).toEqual(
      expect.arrayContaining([{ field: 'image', message: 'must be a file upload, not a text field' }]),
    );
    const twice = await appErrorOf(
      read('upscale', {}, { image: [upload(await jpeg()), upload(await jpeg())] }),
    );
    expect(twice.options.errors).toEqual([{ field: 'image', message: 'send exactly one file' }]);
  });

  it('takes GIF frames in order, under `frames` or `images`, within the frame count', async () => {
    const frames = [await jpeg(), await png(), await jpeg()];
    const request = await read('gif', { delay: '100' }, { images: frames.map((frame) => upload(frame)) });
    expect(Array.isArray(request.inputs) && request.inputs.map((input) => input.length)).toEqual(
      frames.map((frame) => frame.length),
    );
    expect(request.files.map((file) => file.field)).toEqual(['frames[0]', 'frames[1]', 'frames[2]']);
    const one = await appErrorOf(read('gif', {}, { frames: [upload(await jpeg())] }));
    expect(one.options.errors).toEqual([{ field: 'frames', message: 'send 2 to 100 files (got 1)' }]);
    const capped = await appErrorOf(
      buildOperationRequest(
        'gif',
        {},
        { frames: [upload(await jpeg()), upload(await jpeg()), upload(await jpeg())] },
        { limits: { ...DEFAULT_LIMITS, maxFrames: 2 } },
      ),
    );
    expect(capped.options.errors).toEqual([{ field: 'frames', message: 'send 2 to 2 files (got 3)' }]);
  });

  it('makes a background upload mean kind=image, and refuses contradictions', async () => {
    const request = await read(
      'backgrounds-generate',
      {},
      { image: upload(await jpeg()), background: upload(await png()) },
    );
    expect(request.params.kind).toBe('image');
    expect(Array.isArray(request.inputs) && request.inputs.length).toBe(2);
    const solid = await appErrorOf(
      read(
        'backgrounds-generate',
        { kind: 'solid' },
        { image: upload(await jpeg()), background: upload(await png()) },
      ),
    );
    expect(solid.options.errors).toEqual([
      { field: 'background', message: 'a background file needs kind=image' },
    ]);
    const missing = await appErrorOf(
      read('backgrounds-generate', { kind: 'image' }, { image: upload(await jpeg()) }),
    );
    expect(missing.options.errors).toEqual([
      { field: 'background', message: 'kind=image needs a background file' },
    ]);
  });

  it('checks files by content: 415 naming the field, 400 for empty or truncated, 413 for size and bombs', async () => {
    const pdf = await appErrorOf(
      read('process', {}, { image: upload(Buffer.from('%PDF-1.7 definitely not an image'), 'photo.jpg') }),
    );
    expect([pdf.status, pdf.code]).toEqual([415, 'unsupported_media_type']);
    expect(pdf.detail).toMatch(/^image is not/);
    const notVideo = await appErrorOf(
      read('gif-from-video', {}, { video: upload(await jpeg(), 'clip.mp4') }),
    );
    expect([notVideo.status, notVideo.detail]).toEqual([415, expect.stringMatching(/^video is not an MP4/)]);
    const frame = await appErrorOf(
      read('gif', {}, { frames: [upload(await jpeg()), upload(Buffer.from('GIF89a but nothing else'))] }),
    );
    expect([frame.code, frame.detail]).toEqual(['invalid_image', expect.stringMatching(/^frames\[1\]/)]);
    const empty = await appErrorOf(read('ocr', {}, { image: upload(Buffer.alloc(0)) }));
    expect([empty.status, empty.detail]).toEqual([400, 'image is an empty file.']);
    const image = await jpeg();
    const truncated = await appErrorOf(read('process', {}, { image: upload(image.subarray(0, 40)) }));
    expect(truncated.code).toBe('invalid_image');
    const started = performance.now();
    const bomb = await appErrorOf(read('process', {}, { image: upload(pngDeclaring(100_000, 100_000)) }));
    expect([bomb.status, bomb.code]).toEqual([413, 'payload_too_large']);
    expect(performance.now() - started).toBeLessThan(500);
    const big = await appErrorOf(
      buildOperationRequest(
        'process',
        {},
        { image: upload(image) },
        { limits: { ...DEFAULT_LIMITS, maxInputBytes: 100 } },
      ),
    );
    expect([big.status, big.options.extra]).toEqual([413, { limit_bytes: 100 }]);
  });

  it('takes files by URL (`<field>_url`) only when the caller can fetch them, in the engine’s order', async () => {
    const refused = await appErrorOf(read('process', { image_url: 'https://shop.example/a.jpg' }, {}));
    expect(refused.options.errors).toEqual(
      expect.arrayContaining([{ field: 'image_url', message: 'unknown field for process' }]),
    );
    const files: Record<string, Buffer> = {
      'https://shop.example/a.jpg': await jpeg(),
      'https://shop.example/b.png': await png(),
    };
    const fetched: string[] = [];
    const request = await buildOperationRequest(
      'backgrounds-generate',
      { background_url: 'https://shop.example/b.png', image_url: 'https://shop.example/a.jpg' },
      {},
      {
        limits: DEFAULT_LIMITS,
        fetchUrl: async (url, field) => {
          fetched.push(field);
          return { data: files[url]!, filename: url.split('/').at(-1)! };
        },
      },
    );
    expect(fetched).toEqual(['image_url', 'background_url']);
    expect(request.params.kind).toBe('image');
    expect(request.files.map((file) => [file.field, file.filename, file.media.format])).toEqual([
      ['image_url', 'a.jpg', 'jpeg'],
      ['background_url', 'b.png', 'png'],
    ]);
    expect(
      Array.isArray(request.inputs) && request.inputs[0]!.equals(files['https://shop.example/a.jpg']!),
    ).toBe(true);
  });

  it('validates params before reading any file', async () => {
    const error = await appErrorOf(
      read('process', { fit: 'stretch' }, { image: upload(Buffer.from('not an image at all')) }),
    );
    expect(error.code).toBe('invalid_parameter');
    expect(error.options.errors).toEqual([
      { field: 'fit', message: 'must be one of contain, cover, inside' },
    ]);
  });
});
