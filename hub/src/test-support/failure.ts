import { HubApiError } from '@pixport/shared';
import { AppError } from '../errors.js';

/** The error of type `kind` a call is expected to fail with; a call that succeeds (or fails otherwise) fails the test. */
async function rejectionOf<E extends Error>(
  promise: Promise<unknown>,
  kind: new (...args: never[]) => E,
): Promise<E> {
  const outcome = await promise.then(
    () => new Error('expected the call to fail'),
    (error: unknown) => error,
  );
  if (!(outcome instanceof kind)) throw outcome;
  return outcome;
}

/** The HubApiError an HTTP call is expected to fail with. */
export const failureOf = (promise: Promise<unknown>): Promise<HubApiError> =>
  rejectionOf(promise, HubApiError);

/** The AppError a service call is expected to throw. */
export const appErrorOf = (promise: Promise<unknown>): Promise<AppError> => rejectionOf(promise, AppError);
