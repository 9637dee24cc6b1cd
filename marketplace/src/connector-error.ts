import type { MarketplaceId } from './connector.js';

/** Pixport's normalised reasons; the marketplace's own code and message are kept alongside. */
export type ConnectorErrorCode =
  | 'invalid_credentials'
  /** The stored credentials can no longer be renewed (Shopify refresh token expired or revoked): reconnect. */
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'throttled'
  | 'invalid_request'
  | 'rejected'
  | 'unavailable'
  | 'network'
  | 'bad_response';

export interface ConnectorErrorInit {
  marketplace: MarketplaceId;
  code: ConnectorErrorCode;
  message: string;
  retryable?: boolean;
  status?: number;
  marketplaceCode?: string;
  marketplaceMessage?: string;
  retryAfterSeconds?: number;
  details?: unknown;
}

export class ConnectorError extends Error {
  readonly marketplace: MarketplaceId;
  readonly code: ConnectorErrorCode;
  readonly retryable: boolean;
  readonly status: number | undefined;
  readonly marketplace_code: string | undefined;
  readonly marketplace_message: string | undefined;
  /** Seconds to wait before retrying, when the marketplace throttled us. */
  readonly retry_after: number | undefined;
  readonly details: unknown;

  constructor(init: ConnectorErrorInit) {
    super(init.message);
    this.name = 'ConnectorError';
    this.marketplace = init.marketplace;
    this.code = init.code;
    this.retryable = init.retryable ?? DEFAULT_RETRYABLE.has(init.code);
    this.status = init.status;
    this.marketplace_code = init.marketplaceCode;
    this.marketplace_message = init.marketplaceMessage;
    this.retry_after = init.retryAfterSeconds;
    this.details = init.details;
  }
}

const DEFAULT_RETRYABLE = new Set<ConnectorErrorCode>(['throttled', 'unavailable', 'network']);

/** Normalised code for an HTTP status from a marketplace. */
export function codeForStatus(status: number): ConnectorErrorCode {
  if (status === 401) return 'invalid_credentials';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 429) return 'throttled';
  if (status >= 500) return 'unavailable';
  return 'invalid_request';
}
