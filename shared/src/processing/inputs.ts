import type { OperationName } from '../operations.js';

/**
 * The files an operation takes, as multipart fields. Files are recognised by their content
 * (magic bytes), never by name or declared type.
 */
export interface InputField {
  /** Multipart field name (`frames[]` is accepted for `frames`). */
  field: string;
  kind: 'image' | 'video';
  required: boolean;
  /** Several files in one field (the GIF maker's frames), in the order sent. */
  count?: { min: number; max: number };
  /** Other accepted names of the field. */
  aliases?: string[];
  description: string;
}

const image: InputField = {
  field: 'image',
  kind: 'image',
  required: true,
  description: 'The product image (JPEG, PNG, WebP, AVIF, GIF or TIFF).',
};

/** Per operation, its file fields in the order the engine receives them. */
export const OPERATION_INPUTS: Record<OperationName, InputField[]> = {
  process: [image],
  compliance: [image],
  'remove-background': [image],
  upscale: [image],
  'backgrounds-generate': [
    image,
    {
      field: 'background',
      kind: 'image',
      required: false,
      description: 'A background image (with `kind=image`, which is the default when this file is sent).',
    },
  ],
  'relight-shadow': [image],
  ocr: [image],
  gif: [
    {
      field: 'frames',
      kind: 'image',
      required: true,
      count: { min: 2, max: 100 },
      aliases: ['images'],
      description:
        'The frames, 2 to 100 images, in order (repeat the field: `frames[]=@a.png`, `frames[]=@b.png`).',
    },
  ],
  'gif-from-video': [
    { field: 'video', kind: 'video', required: true, description: 'An MP4, WebM or MOV video.' },
  ],
};

/** Operations that take `preset=<marketplace>`: the preset fills the fields the operation has. */
export const PRESET_OPERATIONS: readonly OperationName[] = [
  'process',
  'compliance',
  'backgrounds-generate',
  'relight-shadow',
];
