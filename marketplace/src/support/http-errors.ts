import axios from 'axios';
import type { MarketplaceId } from '../connector.js';
import { ConnectorError, codeForStatus } from '../connector-error.js';
import { parseRetryAfter } from './retry.js';

export interface MarketplaceErrorBody {
  code?: string;
  message?: string;
}

/** Maps an axios failure to a ConnectorError, using `readBody` to find the marketplace's own code/message. */
export function fromHttpError(
  marketplace: MarketplaceId,
  error: unknown,
  readBody: (data: unknown) => MarketplaceErrorBody,
): ConnectorError {
  if (error instanceof ConnectorError) return error;
  if (!axios.isAxiosError(error)) {
    return new ConnectorError({ marketplace, code: 'bad_response', message: String(error) });
  }
  const response = error.response;
  if (!response) {
    return new ConnectorError({ marketplace, code: 'network', message: `${marketplace} unreachable: ${error.message}`, marketplaceCode: error.code });
  }
  const body = readBody(response.data);
  const message = body.message ?? `HTTP ${response.status}`;
  return new ConnectorError({
    marketplace,
    code: codeForStatus(response.status),
    status: response.status,
    message: `${marketplace}: ${message}`,
    marketplaceCode: body.code,
    marketplaceMessage: body.message,
    retryAfterSeconds: parseRetryAfter(response.headers['retry-after']),
  });
}
