import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { LOGIN_PAGE, loginPageFor } from '../services/api';
import { loadSession } from '../services/session';
import { type LoadError, loadErrorOf } from './states';

/**
 * A record page's loading, the same for a lead and a deal: the id from the route, the record fetched
 * each time the page shows (after a sign-in check), and the problem to show instead when it cannot be
 * had (`missingTitle` when there is no such record, or none the user may see). A page a card links to
 * names its `route`: signed out, the person comes back to the same record after 登录.
 */
export function useRecord<T>(fetch: (id: number) => Promise<T>, missingTitle: string, route?: string) {
  const { params } = useRouter();
  const id = Number(params.id);
  const [record, setRecord] = useState<T | null>(null);
  const [error, setError] = useState<LoadError | null>(null);
  // The page passes a new function each render; the load keeps the latest without reloading for it.
  const fetchLatest = useRef(fetch);
  fetchLatest.current = fetch;

  const reload = useCallback(async () => {
    if (!Number.isInteger(id) || id <= 0) return setError({ title: missingTitle, missing: true });
    setError(null);
    try {
      setRecord(await fetchLatest.current(id));
    } catch (e) {
      setError(loadErrorOf(e, missingTitle));
    }
  }, [id, missingTitle]);

  useDidShow(() => {
    if (!loadSession()) {
      return void Taro.reLaunch({ url: route ? loginPageFor(`${route}?id=${params.id}`) : LOGIN_PAGE });
    }
    void reload();
  });

  return { record, setRecord, error, reload };
}
