import { describeError } from './errors';

describe('describeError', () => {
  it('passes the server message through and flags key/credit problems for the settings link', () => {
    expect(
      describeError({
        code: 'pixport_key_revoked',
        message: 'The Pixport API key has been revoked.',
        data: { status: 424, hub_status: 401 },
      }),
    ).toEqual({
      message: 'The Pixport API key has been revoked.',
      retryAfter: undefined,
      needsSettings: true,
    });
    expect(
      describeError({
        code: 'pixport_insufficient_credits',
        message: 'Out of credits.',
        data: { status: 402, hub_status: 402 },
      }).needsSettings,
    ).toBe(true);
  });

  it('keeps Retry-After of a 429', () => {
    expect(
      describeError({
        code: 'pixport_rate_limited',
        message: 'Slow down.',
        data: { status: 429, retry_after: 17 },
      }),
    ).toEqual({
      message: 'Slow down.',
      retryAfter: 17,
      needsSettings: false,
    });
    expect(
      describeError({ code: 'pixport_rate_limited', message: 'Slow down.', data: { retry_after: null } })
        .retryAfter,
    ).toBeUndefined();
  });

  it('falls back for thrown errors and for anything else', () => {
    expect(describeError(new Error('NetworkError'))).toEqual({
      message: 'NetworkError',
      needsSettings: false,
    });
    expect(describeError(undefined).message).toMatch(/request failed/);
    expect(describeError({ message: 'no code' }).message).toMatch(/request failed/);
  });
});
