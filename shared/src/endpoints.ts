import type { OperationName } from './operations.js';

/** The synchronous endpoint of each operation. */
export const SYNC_ENDPOINTS: Record<OperationName, string> = {
  process: '/api/v1/process',
  compliance: '/api/v1/compliance',
  'remove-background': '/api/v1/remove-background',
  upscale: '/api/v1/upscale',
  'backgrounds-generate': '/api/v1/backgrounds/generate',
  'relight-shadow': '/api/v1/relight/shadow',
  ocr: '/api/v1/ocr',
  gif: '/api/v1/gif',
  'gif-from-video': '/api/v1/gif-from-video',
};

/** Where a result is downloaded (key- or session-authenticated). */
export const resultPath = (id: string) => `/api/v1/results/${encodeURIComponent(id)}`;
