import { useCallback, useMemo, useState } from 'react';
import type { Page } from '@pixport/shared';
import { useLoad } from './use-load.js';
import type { ErrorReport } from './errors.js';

/** Where a paged list stands, for `CursorPager`. */
export interface PagerState {
  /** 1 for the newest page. */
  pageNumber: number;
  hasPrevious: boolean;
  hasNext: boolean;
  previous: () => void;
  next: () => void;
}

export interface CursorPages<T> {
  /** The last page loaded (kept while the next one loads); undefined before the first answer. */
  data: Page<T> | undefined;
  /** Its rows, or none. */
  rows: T[];
  error: ErrorReport | undefined;
  loading: boolean;
  /** Loads the current page again (polling, after a change). */
  reload: () => Promise<void>;
  pager: PagerState;
}

interface Trail {
  origin: object;
  cursors: Array<string | undefined>;
}

/**
 * One page at a time of a list the hub pages with `next_cursor`: `next` follows the shown page's cursor,
 * `previous` walks back along the cursors taken. Back to the first page whenever `deps` change (filters, a
 * search, another integration), so an old cursor is never sent with new filters.
 */
export function useCursorPages<T>(
  load: (cursor: string | undefined) => Promise<Page<T>>,
  deps: readonly unknown[],
): CursorPages<T> {
  // A new object exactly when deps change: the trail of cursors belongs to one origin.
  const origin = useMemo(() => ({}), deps);
  const [trail, setTrail] = useState<Trail>({ origin, cursors: [undefined] });
  const cursors = trail.origin === origin ? trail.cursors : [undefined];
  const cursor = cursors[cursors.length - 1];
  const loaded = useLoad(async () => ({ origin, cursor, page: await load(cursor) }), [origin, cursor]);

  // While a page loads the one before stays shown, but not a page of other filters; and only the page of the
  // current cursor says whether there is a next one.
  const data = loaded.data?.origin === origin ? loaded.data.page : undefined;
  const current = loaded.data?.cursor === cursor ? data : undefined;
  const nextCursor = current?.next_cursor ?? undefined;
  const next = useCallback(() => {
    if (nextCursor) setTrail({ origin, cursors: [...cursors, nextCursor] });
  }, [origin, cursors, nextCursor]);
  const previous = useCallback(() => {
    if (cursors.length > 1) setTrail({ origin, cursors: cursors.slice(0, -1) });
  }, [origin, cursors]);

  return {
    data,
    rows: data?.data ?? [],
    error: loaded.error,
    loading: loaded.loading,
    reload: loaded.reload,
    pager: {
      pageNumber: cursors.length,
      hasPrevious: cursors.length > 1,
      hasNext: Boolean(nextCursor),
      previous,
      next,
    },
  };
}
