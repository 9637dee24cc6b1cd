import { describe, expect, it } from '@jest/globals';
import { AxiosError } from 'axios';
import { HubApiError } from '@pixport/shared';
import { describeError, fieldError } from './errors.js';

describe('describing a failed call', () => {
  it('shows the hub’s detail, code, status, field messages and request id', () => {
    const problem = {
      type: '/docs/errors#invalid_parameter',
      title: 'Invalid parameter',
      status: 422,
      detail: 'expires_at: must be in the future',
      code: 'invalid_parameter' as const,
      request_id: 'req_abc123def456',
      errors: [{ field: 'body.expires_at', message: 'must be in the future' }],
    };
    const report = describeError(new HubApiError(422, problem, { 'x-request-id': 'req_abc123def456' }));
    expect(report).toEqual({
      message: 'expires_at: must be in the future',
      code: 'invalid_parameter',
      status: 422,
      requestId: 'req_abc123def456',
      fields: problem.errors,
    });
    expect(fieldError(report, 'expires_at')).toBe('must be in the future');
    expect(fieldError(report, 'name')).toBeUndefined();
  });

  it('still gives the request id when a proxy answered without problem details', () => {
    const report = describeError(
      new HubApiError(502, '<html>Bad gateway</html>' as never, { 'x-request-id': 'req_fromheader1' }),
    );
    expect(report).toEqual({
      message: 'The hub answered 502 without problem details.',
      status: 502,
      requestId: 'req_fromheader1',
    });
  });

  it('says the hub could not be reached on a network error or a timeout', () => {
    expect(describeError(new AxiosError('Network Error', 'ERR_NETWORK')).message).toMatch(
      /Could not reach the hub/,
    );
    expect(describeError(new AxiosError('timeout', 'ECONNABORTED')).message).toMatch(
      /did not answer in time/,
    );
  });
});
