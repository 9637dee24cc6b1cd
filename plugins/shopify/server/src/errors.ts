// One error type for the app server. Codes are the app's own closed list below, or a hub code carried
// through unchanged (with the hub's request id) when the failure came from the hub.
import type { AppProblemCode as ContractCodes } from './api/contract.js';
import { ERROR_CODES as HUB_ERROR_CODES, isErrorCode, type ErrorCode as HubErrorCode } from '@pixport/shared';

export const APP_ERROR_CODES = {
  session_token_invalid: { status: 401, title: 'Session token missing, invalid or expired' },
  invalid_webhook: { status: 401, title: 'Webhook signature missing or wrong' },
  invalid_shop: { status: 400, title: 'Shop domain missing or invalid' },
  invalid_host: { status: 400, title: 'Host parameter missing or invalid' },
  invalid_body: { status: 400, title: 'Malformed request body' },
  invalid_parameter: { status: 422, title: 'Invalid parameter' },
  invalid_signature: { status: 403, title: 'Link signature missing or wrong' },
  link_expired: { status: 410, title: 'This image link has expired; reload the page' },
  not_found: { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict' },
  not_linked: { status: 409, title: 'This shop is not linked to Pixport yet; reload the app' },
  shop_uninstalled: { status: 409, title: 'The app is uninstalled from this shop' },
  token_exchange_failed: { status: 502, title: 'Shopify refused the token exchange' },
  shopify_unavailable: { status: 502, title: 'Shopify could not be reached' },
  hub_unavailable: { status: 503, title: 'Pixport could not be reached; try again in a moment' },
  hub_error: { status: 502, title: 'Pixport answered with an error' },
  internal: { status: 500, title: 'Internal error' },
} as const satisfies Record<string, { status: number; title: string }>;

export type AppErrorCode = keyof typeof APP_ERROR_CODES;
export type ProblemCode = AppErrorCode | HubErrorCode;

export class AppError extends Error {
  readonly status: number;
  readonly title: string;

  constructor(
    readonly code: ProblemCode,
    message?: string,
    readonly extra: { hubRequestId?: string; status?: number; errors?: Array<{ field: string; message: string }>; headers?: Record<string, string> } = {},
  ) {
    const known = Object.hasOwn(APP_ERROR_CODES, code) ? APP_ERROR_CODES[code as AppErrorCode] : HUB_ERROR_CODES[code as HubErrorCode];
    super(message ?? known.title);
    this.name = 'AppError';
    this.status = extra.status ?? known.status;
    this.title = known.title;
  }
}

export function isProblemCode(value: unknown): value is ProblemCode {
  return (typeof value === 'string' && Object.hasOwn(APP_ERROR_CODES, value)) || isErrorCode(value);
}

// The pages' copy of the list (api/contract.ts) must name every code above.
const _sameCodes: [AppErrorCode] extends [ContractCodes] ? ([ContractCodes] extends [AppErrorCode] ? true : never) : never = true;
void _sameCodes;
