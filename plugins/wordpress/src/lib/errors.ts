/**
 * Errors of the plugin's REST routes as apiFetch throws them: `{ code, message, data: { status,
 * retry_after, … } }`. The PHP side already turned the hub's problem into words an admin can act on.
 */
export interface RestError {
  code: string;
  message: string;
  data?: { status?: number; retry_after?: number | null; hub_status?: number; hub_code?: string };
}

export function isRestError(value: unknown): value is RestError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as RestError).message === 'string' &&
    typeof (value as RestError).code === 'string'
  );
}

export interface DescribedError {
  message: string;
  /** Seconds to wait before trying again (429), when the hub said. */
  retryAfter?: number;
  /** The site's key or credits need attention in Settings → Pixport. */
  needsSettings: boolean;
}

const SETTINGS_CODES = [
  'pixport_not_configured',
  'pixport_missing_api_key',
  'pixport_invalid_api_key',
  'pixport_key_revoked',
  'pixport_key_expired',
  'pixport_insufficient_scope',
];

export function describeError(error: unknown): DescribedError {
  if (isRestError(error)) {
    const retry = error.data?.retry_after;
    return {
      message: error.message,
      retryAfter: typeof retry === 'number' && retry > 0 ? retry : undefined,
      needsSettings: SETTINGS_CODES.includes(error.code) || error.data?.hub_status === 402,
    };
  }
  if (error instanceof Error && error.message) {
    return { message: error.message, needsSettings: false };
  }
  return { message: 'The request failed. Check your connection and try again.', needsSettings: false };
}
