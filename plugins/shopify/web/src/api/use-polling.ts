import { useEffect, useRef } from 'react';

/** Calls `tick` every `intervalMs` while `active` and the tab is visible; a tick never overlaps the previous one. */
export function usePolling(active: boolean, intervalMs: number, tick: () => Promise<unknown> | void): void {
  const latest = useRef(tick);
  latest.current = tick;
  useEffect(() => {
    if (!active) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const schedule = () => {
      timer = setTimeout(async () => {
        if (document.visibilityState !== 'hidden')
          await Promise.resolve(latest.current()).catch(() => undefined);
        if (!stopped) schedule();
      }, intervalMs);
    };
    schedule();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [active, intervalMs]);
}
