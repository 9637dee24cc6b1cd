import { HubApiError } from '@pixport/shared';

/** The HubApiError a call is expected to fail with; a call that succeeds fails the test. */
export async function failureOf(promise: Promise<unknown>): Promise<HubApiError> {
  const outcome = await promise.then(
    () => new Error('expected the call to fail'),
    (error: unknown) => error,
  );
  if (!(outcome instanceof HubApiError)) throw outcome;
  return outcome;
}
