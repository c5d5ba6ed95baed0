import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SortState } from '../../components/grid/types';
import { isWide } from '../../components/grid/use-keys';
import { messageOf } from '../../services/api';
import {
  createView,
  deleteView,
  type GridColumnInfo,
  type GridFilter,
  type GridObject,
  gridColumns,
  listViews,
  type SavedView,
  saveView,
} from '../../services/grid';
import { apiFilters, headerFilters } from './grid-columns';
import { showRefusal } from './refusal';
import { useGridData } from './use-grid-data';

// What every grid page keeps (customers, leads…): the columns this person may use and their saved
// views, which columns are shown in which order, the sort, the header filters, the chosen view, the
// selection and the rows they give, and whether the window is wide enough for a grid. A page adds
// what is its own (`extra`: the people to pick an owner from…), its cells' edits and its batch bar.

const sortText = (s: SortState) => `${s.descending ? '-' : ''}${s.key}`;
const sortOf = (text: string): SortState =>
  text.startsWith('-') ? { key: text.slice(1), descending: true } : { key: text, descending: false };
const newest: SortState = { key: 'updatedAt', descending: true };

export interface GridSetup<X> {
  columns: GridColumnInfo[];
  views: SavedView[];
  extra: X;
}

/** How a grid's header filters are the API's and back, when not as every grid's (an amount in yuan). */
export interface FilterTranslation {
  toApi(infos: GridColumnInfo[], filters: Record<string, string | undefined>): GridFilter[];
  toHeader(filters: GridFilter[]): Record<string, string>;
}

const asEveryGrid: FilterTranslation = { toApi: apiFilters, toHeader: headerFilters };

export function useGridPage<R extends { id: number }, X>(
  object: GridObject,
  defaultColumns: string[],
  loadExtra: () => Promise<X>,
  translation: FilterTranslation = asEveryGrid,
) {
  const [data, setData] = useState<GridSetup<X> | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [shown, setShown] = useState<string[]>([]);
  const [sort, setSort] = useState<SortState>(newest);
  const [filters, setFilters] = useState<Record<string, string | undefined>>({});
  const [view, setView] = useState<number | null>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [wide, setWide] = useState(isWide);

  const defaults = useCallback(
    (columns: GridColumnInfo[]) => defaultColumns.filter((k) => columns.some((c) => c.key === k)),
    [defaultColumns],
  );
  const start = useCallback(async () => {
    setFailure(null);
    try {
      const [columns, views, extra] = await Promise.all([
        gridColumns(object),
        listViews(object),
        loadExtra(),
      ]);
      setData({ columns, views, extra });
      setShown(defaults(columns));
    } catch (e) {
      setFailure(messageOf(e));
    }
  }, [object, loadExtra, defaults]);
  useEffect(() => {
    void start();
    if (process.env.TARO_ENV !== 'h5') return;
    const resized = () => setWide(isWide());
    window.addEventListener('resize', resized);
    return () => window.removeEventListener('resize', resized);
  }, [start]);

  const query = useMemo(
    () => (data ? { sort: sortText(sort), filters: translation.toApi(data.columns, filters) } : null),
    [data, sort, filters, translation],
  );
  const grid = useGridData<R>(object, query);

  const pickView = (v: SavedView | null) => {
    if (!data) return;
    setView(v?.id ?? null);
    setSelected(new Set());
    setShown(v ? v.columns.filter((k) => data.columns.some((c) => c.key === k)) : defaults(data.columns));
    setSort(v ? sortOf(v.sort) : newest);
    setFilters(v ? translation.toHeader(v.filters) : {});
  };
  const current = () => ({ columns: shown, sort: sortText(sort), filters: query?.filters ?? [] });
  const changeViews = async (change: (views: SavedView[]) => Promise<SavedView[]>) => {
    if (!data) return;
    try {
      const views = await change(data.views);
      setData({ ...data, views });
    } catch (e) {
      showRefusal(e);
    }
  };
  const views = {
    save: (name: string) =>
      changeViews(async (all) => {
        const created = await createView(object, { name, ...current() });
        setView(created.id);
        return [...all, created];
      }),
    update: () =>
      view !== null &&
      changeViews(async (all) => {
        const saved = await saveView(view, current());
        return all.map((v) => (v.id === saved.id ? saved : v));
      }),
    remove: () =>
      view !== null &&
      changeViews(async (all) => {
        await deleteView(view);
        pickView(null);
        return all.filter((v) => v.id !== view);
      }),
  };

  return {
    data,
    failure,
    start,
    shown,
    setShown,
    sort,
    /** A header click: the same column flips its direction, another sorts ascending. */
    sortBy: (key: string) =>
      setSort(sort.key === key ? { key, descending: !sort.descending } : { key, descending: false }),
    filters,
    filterBy: (key: string, value: string | undefined) => setFilters({ ...filters, [key]: value }),
    view,
    pickView,
    views,
    selected,
    setSelected,
    wide,
    grid,
    /** After a batch: the selection cleared, the rows read again. */
    batchDone: () => {
      setSelected(new Set());
      grid.reload();
    },
    /** A row as the server now has it, after a cell edit. */
    replaceRow: (row: R) =>
      grid.setRows((rows) => rows?.map((r) => (r.id === row.id ? { ...r, ...row } : r)) ?? null),
  };
}

export type GridPage<R extends { id: number }, X> = ReturnType<typeof useGridPage<R, X>>;
