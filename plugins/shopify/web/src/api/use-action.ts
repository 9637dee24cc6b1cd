import { useCallback, useState } from 'react';
import { describeError, type ErrorReport } from './errors.js';

export interface Action {
  pending: boolean;
  error: ErrorReport | undefined;
  /** Runs `work`; on failure keeps the error for the page's banner and resolves undefined. */
  run: <T>(work: () => Promise<T>) => Promise<T | undefined>;
  clearError: () => void;
}

/** One merchant-triggered call (a button): its pending flag and its last error. */
export function useAction(): Action {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ErrorReport>();
  const run = useCallback(async <T>(work: () => Promise<T>) => {
    setPending(true);
    setError(undefined);
    try {
      return await work();
    } catch (caught) {
      setError(describeError(caught));
      return undefined;
    } finally {
      setPending(false);
    }
  }, []);
  return { pending, error, run, clearError: useCallback(() => setError(undefined), []) };
}
