import type { AppProblem } from '../../../server/src/api/contract.js';

/** What a page shows for a failed call: a readable message, the code, and the request ids to quote. */
export interface ErrorReport {
  message: string;
  code?: string;
  status?: number;
  requestId?: string;
  hubRequestId?: string;
  fields?: Array<{ field: string; message: string }>;
}

/** A non-2xx answer from the app server, with its problem+json body when it sent one. */
export class AppApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Partial<AppProblem> | undefined,
    readonly requestId: string | undefined,
  ) {
    super(problem?.detail || problem?.title || `The app server answered ${status}.`);
    this.name = 'AppApiError';
  }
}

/** The fetch itself failed (server down, offline): no status, no body. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('Could not reach the Pixport app server. Check your connection and try again.');
    this.name = 'NetworkError';
    this.cause = cause;
  }
}

export function describeError(error: unknown): ErrorReport {
  if (error instanceof AppApiError) {
    const problem = error.problem;
    return {
      message: problem?.code ? error.message : `The app server answered ${error.status} without details.`,
      code: problem?.code,
      status: error.status,
      requestId: problem?.request_id ?? error.requestId,
      hubRequestId: problem?.hub_request_id,
      fields: problem?.errors,
    };
  }
  return { message: error instanceof Error ? error.message : String(error) };
}
