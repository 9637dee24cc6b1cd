import { ConnectorError } from '@pixport/marketplace';
import type { ErrorCode, MarketplaceFailure } from '@pixport/shared';
import { AppError } from '../errors.js';

const CODES: Record<ConnectorError['code'], ErrorCode> = {
  invalid_credentials: 'marketplace_auth_failed',
  unauthorized: 'marketplace_auth_failed',
  forbidden: 'marketplace_auth_failed',
  not_found: 'marketplace_not_found',
  throttled: 'marketplace_throttled',
  invalid_request: 'marketplace_rejected',
  rejected: 'marketplace_rejected',
  unavailable: 'marketplace_unavailable',
  network: 'marketplace_unavailable',
  bad_response: 'marketplace_unavailable',
};

/** A connector failure as stored in rows and answered inside resources (publish events, last errors). */
export function marketplaceFailure(error: ConnectorError): MarketplaceFailure {
  return {
    code: CODES[error.code],
    message: error.message,
    marketplace_code: error.marketplace_code ?? null,
    retryable: error.retryable,
  };
}

/** A connector failure as a problem+json answer: the stable code, plus the marketplace's own code and message. */
export function marketplaceProblem(error: ConnectorError): AppError {
  return new AppError(CODES[error.code], error.message, {
    cause: error,
    extra: {
      marketplace: error.marketplace,
      marketplace_code: error.marketplace_code ?? null,
      marketplace_message: error.marketplace_message ?? null,
      retryable: error.retryable,
    },
    headers:
      error.retry_after !== undefined ? { 'Retry-After': String(Math.ceil(error.retry_after)) } : undefined,
  });
}

/** Runs a connector call, turning a ConnectorError into its problem. */
export async function fromConnector<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ConnectorError) throw marketplaceProblem(error);
    throw error;
  }
}

/**
 * The failure to store for an error of an asynchronous marketplace run (sync, publish): connector
 * and domain errors as they are; anything else is `internal`, reported through `onUnexpected`.
 */
export function failureOf(error: unknown, onUnexpected: (error: unknown) => void): MarketplaceFailure {
  if (error instanceof ConnectorError) return marketplaceFailure(error);
  if (error instanceof AppError) {
    return {
      code: error.code,
      message: error.detail,
      marketplace_code: null,
      retryable: error.status >= 500,
    };
  }
  onUnexpected(error);
  return {
    code: 'internal',
    message: 'It failed on our side; try again.',
    marketplace_code: null,
    retryable: true,
  };
}
