import { HubApiError } from '@pixport/shared';

/** What the dashboard shows for a failed call: the hub's own message, its code and the request id to quote. */
export interface ErrorReport {
  message: string;
  code?: string;
  status?: number;
  requestId?: string;
  fields?: Array<{ field: string; message: string }>;
}

export function describeError(error: unknown): ErrorReport {
  if (error instanceof HubApiError) {
    const problem = error.problem as Partial<HubApiError['problem']> | undefined;
    const requestId = problem?.request_id ?? error.headers['x-request-id'];
    if (!problem || typeof problem !== 'object' || !problem.code) {
      return {
        message: `The hub answered ${error.status} without problem details.`,
        status: error.status,
        requestId,
      };
    }
    return {
      message: problem.detail || problem.title || `Request failed (${error.status}).`,
      code: problem.code,
      status: error.status,
      requestId,
      fields: problem.errors,
    };
  }
  const axiosLike = error as { isAxiosError?: boolean; code?: string; message?: string } | undefined;
  if (axiosLike?.isAxiosError) {
    return {
      message:
        axiosLike.code === 'ECONNABORTED'
          ? 'The hub did not answer in time.'
          : 'Could not reach the hub. Check that it is running and that this page is served by it.',
    };
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

/** The message of one field from a 422's `errors`, for showing next to that field. */
export function fieldError(report: ErrorReport | undefined, field: string): string | undefined {
  return report?.fields?.find((entry) => entry.field === field || entry.field.endsWith(`.${field}`))?.message;
}
