import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, messageOf } from '../../services/api';

export interface AdminLoad<T> {
  /** Null until loaded. */
  data: T | null;
  setData(data: T): void;
  error: string | null;
  /** The server refused: the person is not an administrator. */
  refused: boolean;
  reload(): void;
}

/**
 * Loads what a console page shows. A 403 is not a failure to retry but a person who is not an
 * administrator (the server's one policy decides): the page says so instead of offering 重试.
 */
export function useAdminLoad<T>(load: () => Promise<T>): AdminLoad<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refused, setRefused] = useState(false);
  // A page that loads again as a search is typed: an older answer must not overwrite a newer one.
  const latest = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++latest.current;
    setError(null);
    try {
      const answer = await load();
      if (mine === latest.current) setData(answer);
    } catch (e) {
      if (mine !== latest.current) return;
      // A 401 has already ended the session and is on its way to the login page.
      if (e instanceof ApiError && e.status === 401) return;
      if (e instanceof ApiError && e.status === 403) setRefused(true);
      else setError(messageOf(e));
    }
  }, [load]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { data, setData, error, refused, reload: () => void reload() };
}
