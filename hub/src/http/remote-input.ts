import { AppError } from '../errors.js';
import { fetchRemoteFile, RemoteFileError } from '../lib/remote-file.js';
import type { SsrfGuard } from '../lib/ssrf-guard.js';
import type { ProcessingLimits } from '../processing/index.js';
import type { FetchUrl } from './operation-request.js';

/**
 * Files named by URL (`image_url`…), fetched through the SSRF guard: a URL that is refused or does
 * not answer with the file is a 422 on its field, a file over the upload limit a 413.
 */
export function remoteInputs(guard: SsrfGuard, limits: ProcessingLimits, signal?: AbortSignal): FetchUrl {
  return async (url, field) => {
    try {
      return await fetchRemoteFile(url, { guard, maxBytes: limits.maxInputBytes, signal });
    } catch (error) {
      if (!(error instanceof RemoteFileError)) throw error;
      if (error.kind === 'too_large') {
        throw new AppError('payload_too_large', `${field}: the file ${error.reason}.`, {
          extra: { limit_bytes: limits.maxInputBytes },
        });
      }
      throw new AppError('invalid_parameter', `${field}: ${error.reason}`, {
        errors: [{ field, message: error.reason }],
      });
    }
  };
}
