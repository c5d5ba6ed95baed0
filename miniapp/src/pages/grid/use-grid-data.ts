import { useCallback, useEffect, useRef, useState } from 'react';
import { messageOf } from '../../services/api';
import { type GridObject, type GridQuery, gridPage } from '../../services/grid';

// The grid's rows for a query: the first page when the query changes, more on request. An older
// query's answer never overwrites a newer one's.

export function useGridData<R>(object: GridObject, query: GridQuery | null) {
  const [rows, setRows] = useState<R[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);

  const load = useCallback(
    async (wanted: GridQuery, after?: string) => {
      const mine = after ? generation.current : ++generation.current;
      setError(null);
      try {
        const page = await gridPage<R>(object, wanted, after);
        if (mine !== generation.current) return;
        setRows((before) => (after ? [...(before ?? []), ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (e) {
        if (mine === generation.current) setError(messageOf(e));
      }
    },
    [object],
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
