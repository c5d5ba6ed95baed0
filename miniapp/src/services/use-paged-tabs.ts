import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { LOGIN_PAGE, messageOf } from './api';
import type { Page } from './contract';
import { loadSession } from './session';

// A list page with tabs that loads page by page (线索, 待办): the tab's first page each time the
// page shows (the login page without a session), pull-down reloads, the bottom loads the next page.
// An answer for a tab or reload that has since been replaced never overwrites the newer one.

export function usePagedTabs<K extends string, T>(
  first: K,
  fetchPage: (tab: K, cursor?: string) => Promise<Page<T>>,
) {
  const [tab, setTab] = useState<K>(first);
  const [items, setItems] = useState<T[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);
  const fetcher = useRef(fetchPage);
  fetcher.current = fetchPage;

  const load = useCallback(async (which: K, after?: string) => {
    const mine = after ? generation.current : ++generation.current;
    setError(null);
    if (!after) setItems(null);
    try {
      const page = await fetcher.current(which, after);
      if (mine !== generation.current) return;
      setItems((before) => (after ? [...(before ?? []), ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (e) {
      if (mine === generation.current) setError(messageOf(e));
    } finally {
      Taro.stopPullDownRefresh?.();
    }
  }, []);

  useDidShow(() => {
    if (!loadSession()) return void Taro.reLaunch({ url: LOGIN_PAGE });
    void load(tab);
  });
  usePullDownRefresh(() => void load(tab));
  useReachBottom(() => {
    if (cursor && !error) void load(tab, cursor);
  });

  return {
    tab,
    items,
    setItems,
    error,
    hasMore: cursor !== null,
    choose(next: K) {
      setTab(next);
      void load(next);
    },
    reload: () => void load(tab),
    loadMore() {
      if (cursor) void load(tab, cursor);
    },
  };
}
