import axios from 'axios';
import type { AgentOptions, MarketplaceId } from '../connector.js';
import { ConnectorError } from '../connector-error.js';
import { fromHttpError } from './http-errors.js';
import { DEFAULT_RETRY, withRetries, type RetryPolicy } from './retry.js';

export interface DownloadOptions extends AgentOptions {
  /** Larger answers are refused (and not read past this size). */
  maxBytes: number;
  timeoutMs?: number;
  retry?: RetryPolicy;
}

/**
 * Downloads a product image from where the marketplace serves it (its CDN, the store's uploads), for
 * processing. http(s) only, at most 3 redirects (through the same agents), bounded size, retried on
 * throttling and 5xx like the connectors' own calls.
 */
export async function downloadImage(
  marketplace: MarketplaceId,
  url: string,
  options: DownloadOptions,
): Promise<{ data: Buffer; contentType: string | null }> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConnectorError({
      marketplace,
      code: 'invalid_request',
      message: `${marketplace}: image URL is not a URL`,
    });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConnectorError({
      marketplace,
      code: 'invalid_request',
      message: `${marketplace}: image URL must be http(s)`,
    });
  }
  return withRetries(async () => {
    try {
      const response = await axios.get<ArrayBuffer>(parsed.href, {
        responseType: 'arraybuffer',
        timeout: options.timeoutMs ?? 30_000,
        maxContentLength: options.maxBytes,
        maxRedirects: 3,
        httpAgent: options.httpAgent,
        httpsAgent: options.httpsAgent,
      });
      const contentType = response.headers['content-type'];
      return {
        data: Buffer.from(response.data),
        contentType: typeof contentType === 'string' ? contentType : null,
      };
    } catch (error) {
      if (axios.isAxiosError(error) && /maxContentLength/.test(error.message)) {
        throw new ConnectorError({
          marketplace,
          code: 'invalid_request',
          message: `${marketplace}: image is larger than ${options.maxBytes} bytes`,
        });
      }
      throw fromHttpError(marketplace, error, () => ({}));
    }
  }, options.retry ?? DEFAULT_RETRY);
}
