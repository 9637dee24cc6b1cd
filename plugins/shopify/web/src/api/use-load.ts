import { useCallback, useEffect, useRef, useState } from 'react';
import { describeError, type ErrorReport } from './errors.js';

export interface Loaded<T> {
  data: T | undefined;
  error: ErrorReport | undefined;
  loading: boolean;
  /** Loads again; a slower older answer never overwrites a newer one. */
  reload: () => Promise<void>;
}

/** Loads on mount and whenever `deps` change, keeping the previous data while reloading. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ErrorReport>();
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  const alive = useRef(true);
  const run = useCallback(load, deps);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const value = await run();
      if (alive.current && mine === generation.current) {
        setData(value);
        setError(undefined);
      }
    } catch (caught) {
      if (alive.current && mine === generation.current) setError(describeError(caught));
    } finally {
      if (alive.current && mine === generation.current) setLoading(false);
    }
  }, [run]);

  useEffect(() => {
    alive.current = true;
    void reload();
    return () => {
      alive.current = false;
    };
  }, [reload]);

  return { data, error, loading, reload };
}
