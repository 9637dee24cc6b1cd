/**
 * The closed list of error codes the hub answers with, and the HTTP status of each.
 * Every error response is RFC 9457 problem details carrying one of these codes.
 */
export const ERROR_CODES = {
  missing_api_key: { status: 401, title: 'API key required' },
  invalid_api_key: { status: 401, title: 'Invalid API key' },
  key_revoked: { status: 401, title: 'API key revoked' },
  key_expired: { status: 401, title: 'API key expired' },
  unauthenticated: { status: 401, title: 'Sign-in required' },
  invalid_credentials: { status: 401, title: 'Wrong email or password' },
  invalid_app_credential: { status: 401, title: 'App link secret missing or wrong' },
  insufficient_scope: { status: 403, title: 'API key lacks a required scope' },
  forbidden: { status: 403, title: 'Not allowed' },
  csrf_failed: { status: 403, title: 'CSRF token missing or wrong' },
  signup_closed: { status: 403, title: 'Sign-up is closed on this hub' },
  session_required: { status: 403, title: 'This route needs a signed-in dashboard session' },
  not_found: { status: 404, title: 'Not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'Conflict' },
  email_taken: { status: 409, title: 'Email already registered' },
  idempotency_key_in_use: { status: 409, title: 'A request with this Idempotency-Key is still in flight' },
  task_not_finished: { status: 409, title: 'Task has not finished' },
  result_expired: { status: 410, title: 'Result no longer available' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  invalid_body: { status: 400, title: 'Malformed request body' },
  invalid_image: { status: 400, title: 'Invalid image' },
  invalid_parameter: { status: 422, title: 'Invalid parameter' },
  idempotency_key_reused: { status: 422, title: 'Idempotency-Key reused with a different request' },
  insufficient_credits: { status: 402, title: 'Not enough credits' },
  rate_limited: { status: 429, title: 'Too many requests' },
  marketplace_auth_failed: { status: 422, title: 'The marketplace refused the integration’s credentials' },
  marketplace_rejected: { status: 422, title: 'The marketplace rejected the request' },
  marketplace_not_found: { status: 404, title: 'Not found on the marketplace' },
  marketplace_unavailable: { status: 502, title: 'The marketplace could not be reached or answered badly' },
  marketplace_throttled: { status: 503, title: 'The marketplace is throttling requests; retry later' },
  invalid_signature: { status: 403, title: 'Signature missing or wrong' },
  link_expired: { status: 410, title: 'This signed link has expired' },
  internal: { status: 500, title: 'Internal error' },
  service_unavailable: { status: 503, title: 'Service unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export const errorCodes = Object.keys(ERROR_CODES) as ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}

/** The `type` URI of a problem: a stable, dereferenceable anchor in the hub's own docs. */
export function problemType(code: ErrorCode): string {
  return `/docs/errors#${code}`;
}
