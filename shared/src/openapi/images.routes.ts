import { z } from 'zod';
import { OPERATIONS, operationNames, type OperationName } from '../operations.js';
import {
  OPERATION_INPUTS,
  OPERATION_PARAM_SCHEMAS,
  PRESET_OPERATIONS,
  marketplaceName,
  type InputField,
} from '../processing/index.js';
import { SYNC_ENDPOINTS } from '../endpoints.js';
import {
  complianceResponseSchema,
  ocrResponseSchema,
  operationResultSchema,
  resultParams,
} from '../schemas/images.js';
import type { ResponseSpec, RouteSpec } from './define-route.js';

const binary = (description: string) => z.string().meta({ format: 'binary', description });

/** The image types an operation answers with (`Accept: image/*`). */
export const IMAGE_MEDIA_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/avif', 'image/gif'] as const;
/** What a result download can be: an image, or the JSON report of an operation that only measures (OCR, compliance). */
export const RESULT_MEDIA_TYPES = [...IMAGE_MEDIA_TYPES, 'application/json'] as const;
/** Result downloads with presigned object-storage downloads (`BLOB_DOWNLOADS=presigned`). */
export const PRESIGNED_REDIRECT: ResponseSpec = {
  status: 302,
  description: 'With `BLOB_DOWNLOADS=presigned`: a redirect to a short-lived presigned storage URL.',
  headers: { Location: 'The presigned URL.' },
};

/** A file field, and — for single files — its `<field>_url` alternative (either is required when the file is). */
function fileFields(input: InputField) {
  if (input.count) {
    return {
      [input.field]: z
        .array(binary('One frame.'))
        .min(input.count.min)
        .max(input.count.max)
        .meta({ description: input.description }),
    };
  }
  const either = input.required ? ` Required: this file or \`${input.field}_url\`.` : '';
  return {
    [input.field]: binary(`${input.description}${either}`).optional(),
    [`${input.field}_url`]: z
      .string()
      .meta({
        format: 'uri',
        description: `Instead of uploading \`${input.field}\`: an http(s) URL the hub downloads (public addresses only, ≤ the upload limit, 15 s).`,
      })
      .optional(),
  };
}

/**
 * The body of an operation: its file fields (or their URLs) plus its parameters, as multipart form
 * fields — or as JSON when every file is given by URL.
 */
export function operationBody(operation: OperationName) {
  const files = Object.assign({}, ...OPERATION_INPUTS[operation].map(fileFields)) as Record<
    string,
    z.ZodType
  >;
  const marketplaces = PRESET_OPERATIONS.includes(operation)
    ? `a marketplace (${marketplaceName.options.join(', ')}: fills the fields this operation has from the marketplace table) or `
    : '';
  const preset = {
    preset: z
      .string()
      .max(100)
      .optional()
      .meta({
        description:
          `Either ${marketplaces}the id or name of a saved preset of this operation (\`/api/v1/presets\`: its parameters, and for ` +
          'tasks its callback). Explicit fields win.',
      }),
  };
  return OPERATION_PARAM_SCHEMAS[operation].extend({ ...files, ...preset });
}

const IMAGE_ANSWER =
  'JSON with a download URL of the result (kept for the retention period), or — with `Accept: image/*` — the image ' +
  'bytes themselves, the facts then in `X-Pixport-Operation`, `X-Pixport-Width`, `X-Pixport-Height`, ' +
  '`X-Pixport-Credits-Charged`, `X-Pixport-Duration-Ms` and `X-Pixport-Metadata` (JSON).';

const FILE_ERRORS = ['unsupported_media_type', 'invalid_image', 'payload_too_large', 'insufficient_credits'] as const;

const DESCRIPTIONS: Partial<Record<OperationName, string>> = {
  process:
    'Fit the product into `width`×`height` with `margin` (a fraction of each side, or per side), `background` (hex or ' +
    '`transparent`), `fit`, `position`, optional `trim` of a uniform border first; `format` (default: PNG with alpha, else JPEG), ' +
    '`jpegQuality`. `preset=<marketplace>` fills the defaults; explicit fields override them. `presetLabel` is recorded in usage.',
  compliance:
    'Measure the image and check each rule of the named marketplace(s) (`marketplace=amazon` or a list). Per rule: `rule`, ' +
    '`passed`, `actual`, `expected`, `message`; per marketplace the `fix` (process parameters that make it pass). With ' +
    '`auto_fix=true` (one marketplace) the fixed image is kept as a result and checked again. Always answers JSON.',
  'remove-background':
    'Cut the product out (colour-distance flood fill from the border, morphology, feathered alpha). `crop` + `crop_margin`, ' +
    '`channels=alpha` (the mask), `bg_color` to composite instead of transparency.',
  upscale:
    'Enlarge by `scale` 2 or 4, or to a target `width`: Lanczos resampling with edge-aware sharpening (named in the metadata).',
  'backgrounds-generate':
    'Composite the cut-out subject on a generated background (`kind` solid, linear, radial, studio) or an uploaded one ' +
    '(file `background`), with the frame controls of `process` and an optional shadow.',
  'relight-shadow':
    'Shadow under the cut-out subject (`drop`, `contact`, `reflection`) and optional `relight` (white balance and levels on the subject).',
  ocr: 'Text, mean confidence and word boxes (English). Always answers JSON.',
  gif: 'Frames (2–100 images, in order) to an animated GIF with `delay` (one value or one per frame), `loop`, `width`, `colors`, `dither`.',
  'gif-from-video':
    'A clip of an MP4, WebM or MOV video to a GIF with a generated palette: `start`, `duration` (≤ 15 s), `fps` (≤ 30), `width`, ' +
    '`colors`. Videos over the synchronous size limit answer 413 with `async_endpoint`: submit them as an async task.',
};

/** With `Accept: image/*` an image operation answers the bytes instead of JSON. */
const imageBytesOf = (operation: OperationName): ResponseSpec[] =>
  operation === 'compliance' || operation === 'ocr'
    ? []
    : [
        {
          status: 200,
          schema: binary('The image (with `Accept: image/*`); facts in `X-Pixport-*` headers.'),
          contentType: IMAGE_MEDIA_TYPES,
          description: '',
        },
      ];

function responseOf(operation: OperationName): RouteSpec['response'] {
  if (operation === 'compliance')
    return { status: 200, schema: complianceResponseSchema, description: 'The compliance report.' };
  if (operation === 'ocr')
    return { status: 200, schema: ocrResponseSchema, description: 'The recognised text.' };
  return { status: 200, schema: operationResultSchema, description: IMAGE_ANSWER };
}

/** The image engine's public routes: one synchronous endpoint per operation, and result downloads. */
export const imageRoutes: RouteSpec[] = [
  ...operationNames.map((operation): RouteSpec => ({
    method: 'post',
    path: SYNC_ENDPOINTS[operation],
    tag: 'Images',
    summary: OPERATIONS[operation].title,
    description:
      `${DESCRIPTIONS[operation] ?? ''}\n\nSend \`multipart/form-data\`, or JSON when the files are given by URL ` +
      '(`image_url`, …); files are recognised by their content, not their name or type.',
    auth: 'key',
    scope: 'process',
    body: operationBody(operation),
    bodyTypes: OPERATION_INPUTS[operation].some((input) => input.count)
      ? ['multipart']
      : ['multipart', 'json'],
    response: responseOf(operation),
    also: imageBytesOf(operation),
    // 503: the process is decoding as many images as it can at once (Retry-After).
    errors: [...FILE_ERRORS, 'service_unavailable'],
  })),
  {
    method: 'get',
    path: '/api/v1/results/:id',
    tag: 'Images',
    summary: 'Download a result',
    description:
      'The file a sync call (or a task) produced, with its `Content-Type` and a `Content-Disposition` file name. Results are ' +
      'kept for the retention period (`RESULTS_RETENTION_HOURS`, default 24 h), then answer 410 `result_expired`. API keys ' +
      'need the `process` or `tasks:read` scope.',
    auth: 'key-or-session',
    params: resultParams,
    response: {
      status: 200,
      schema: binary('The file.'),
      contentType: RESULT_MEDIA_TYPES,
      description: 'The file.',
    },
    also: [PRESIGNED_REDIRECT],
    errors: ['not_found', 'result_expired', 'insufficient_scope'],
  },
];
