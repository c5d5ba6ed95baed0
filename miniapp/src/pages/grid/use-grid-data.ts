import { useCallback, useEffect, useRef, useState } from 'react';
import { messageOf } from '../../services/api';
import type { GridQuery } from '../../services/grid';

// The grid's rows for a query: the first page when the query changes, more on request. An older
// query's answer never overwrites a newer one's.

/** A page of any grid's rows (services/grid.ts, services/deal-grid.ts). */
type PageOf<R> = (query: GridQuery, cursor?: string) => Promise<{ items: R[]; nextCursor: string | null }>;

export function useGridData<R>(query: GridQuery | null, pageOf: PageOf<R>) {
  const [rows, setRows] = useState<R[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);

  const load = useCallback(
    async (wanted: GridQuery, after?: string) => {
      const mine = after ? generation.current : ++generation.current;
      setError(null);
      try {
        const page = await pageOf(wanted, after);
        if (mine !== generation.current) return;
        setRows((before) => (after ? [...(before ?? []), ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (e) {
        if (mine === generation.current) setError(messageOf(e));
      }
    },
    [pageOf],
  );

  useEffect(() => {
    if (query) void load(query);
  }, [query, load]);

  return {
    rows,
    setRows,
    error,
    more: cursor !== null,
    loadMore: () => query && cursor && void load(query, cursor),
    reload: () => query && void load(query),
  };
}
