import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ColumnPicker } from '../../components/grid/column-picker';
import { DataGrid } from '../../components/grid/data-grid';
import type { GridColumn, SortState } from '../../components/grid/types';
import { isWide } from '../../components/grid/use-keys';
import { Problem, Waiting } from '../../components/states';
import { messageOf } from '../../services/api';
import { changeOwner, DETAIL_PAGE, updateCustomer } from '../../services/customers';
import { listColleagues, listTagGroups } from '../../services/directory';
import {
  createView,
  deleteView,
  type GridColumnInfo,
  type GridCustomer,
  gridColumns,
  gridPage,
  listViews,
  type SavedView,
  saveView,
} from '../../services/grid';
import { BatchBar } from './batch-bar';
import { apiFilters, defaultColumns, editBody, gridColumnsOf, headerFilters } from './customer-columns';
import { showRefusal } from './refusal';
import { useGridData } from './use-grid-data';
import { ViewsBar } from './views-bar';
import './grid.css';

// 客户 as a grid, for the desktop clients' window: any column sorted and filtered, columns chosen
// and ordered, cells edited in place, rows selected for batch changes, views saved. On a phone the
// same customers as a compact list (the 客户 tab is the phone's way to work them).

const setup = async () => {
  const [columns, colleagues, tagGroups, views] = await Promise.all([
    gridColumns(),
    listColleagues(),
    listTagGroups(),
    listViews(),
  ]);
  return { columns, colleagues, tagGroups, views };
};
type Setup = Awaited<ReturnType<typeof setup>>;

const sortText = (s: SortState) => `${s.descending ? '-' : ''}${s.key}`;
const sortOf = (text: string): SortState =>
  text.startsWith('-') ? { key: text.slice(1), descending: true } : { key: text, descending: false };

export default function CustomerGridPage() {
  const [data, setData] = useState<Setup | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [shown, setShown] = useState<string[]>([]);
  const [sort, setSort] = useState<SortState>({ key: 'updatedAt', descending: true });
  const [filters, setFilters] = useState<Record<string, string | undefined>>({});
  const [view, setView] = useState<number | null>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [picking, setPicking] = useState(false);
  const [wide, setWide] = useState(isWide);

  const start = useCallback(async () => {
    setFailure(null);
    try {
      const loaded = await setup();
      setData(loaded);
      setShown(defaultColumns.filter((k) => loaded.columns.some((c) => c.key === k)));
    } catch (e) {
      setFailure(messageOf(e));
    }
  }, []);
  useEffect(() => {
    void start();
    if (process.env.TARO_ENV !== 'h5') return;
    const resized = () => setWide(isWide());
    window.addEventListener('resize', resized);
    return () => window.removeEventListener('resize', resized);
  }, [start]);

  const query = useMemo(
    () => (data ? { sort: sortText(sort), filters: apiFilters(data.columns, filters) } : null),
    [data, sort, filters],
  );
  const grid = useGridData(query, gridPage);

  const columns = useMemo(() => {
    if (!data) return [];
    const all = gridColumnsOf(data.columns, data.colleagues, data.tagGroups);
    return shown.flatMap((key) => all.find((c) => c.key === key) ?? []);
  }, [data, shown]);

  if (failure) return <Problem title="客户表格加载失败" detail={failure} onAction={() => void start()} />;
  if (!data) return <Waiting title="正在加载客户…" />;

  const replaceRow = (row: GridCustomer) =>
    grid.setRows((rows) => rows?.map((r) => (r.id === row.id ? { ...r, ...row } : r)) ?? null);

  const edit = async (row: GridCustomer, column: GridColumn<GridCustomer>, value: string) => {
    const info = data.columns.find((c) => c.key === column.key) as GridColumnInfo;
    try {
      const saved =
        column.key === 'owner'
          ? await changeOwner(row.id, value === '' ? null : Number(value))
          : await updateCustomer(row.id, editBody(info, value));
      replaceRow(saved);
      return true;
    } catch (e) {
      showRefusal(e);
      return false;
    }
  };

  const pickView = (v: SavedView | null) => {
    setView(v?.id ?? null);
    setSelected(new Set());
    if (!v) {
      setShown(defaultColumns.filter((k) => data.columns.some((c) => c.key === k)));
      setSort({ key: 'updatedAt', descending: true });
      setFilters({});
      return;
    }
    setShown(v.columns.filter((k) => data.columns.some((c) => c.key === k)));
    setSort(sortOf(v.sort));
    setFilters(headerFilters(v.filters));
  };
  const current = () => ({ columns: shown, sort: sortText(sort), filters: query?.filters ?? [] });
  const views = async (change: () => Promise<SavedView[]>) => {
    try {
      const next = await change();
      setData({ ...data, views: next });
    } catch (e) {
      showRefusal(e);
    }
  };

  if (!wide)
    return <CompactList rows={grid.rows} error={grid.error} more={grid.more} onMore={grid.loadMore} />;

  const owners = data.colleagues.map((c) => ({ value: String(c.id), label: c.name }));
  const tags = data.tagGroups.flatMap((g) =>
    g.tags.map((t) => ({ value: String(t.id), label: `${g.name}：${t.name}` })),
  );
  return (
    <View className="k-page grid-page">
      <View className="grid-head">
        <Text className="grid-head__title">客户</Text>
        <ViewsBar
          views={data.views}
          current={view}
          onPick={pickView}
          onSave={(name) =>
            void views(async () => {
              const created = await createView({ name, ...current() });
              setView(created.id);
              return [...data.views, created];
            })
          }
          onUpdate={() =>
            view !== null &&
            void views(async () => {
              const saved = await saveView(view, current());
              return data.views.map((v) => (v.id === saved.id ? saved : v));
            })
          }
          onDelete={() =>
            view !== null &&
            void views(async () => {
              await deleteView(view);
              pickView(null);
              return data.views.filter((v) => v.id !== view);
            })
          }
        />
        <View className="grid-head__tools">
          <Button size="small" fill="outline" onClick={() => setPicking(!picking)}>
            列设置
          </Button>
          {picking ? (
            <ColumnPicker
              columns={data.columns.map((c) => ({ value: c.key, label: c.label }))}
              shown={shown}
              onChange={setShown}
              onClose={() => setPicking(false)}
            />
          ) : null}
        </View>
      </View>
      {selected.size > 0 ? (
        <BatchBar
          selected={[...selected]}
          owners={owners}
          tags={tags}
          canReassign={data.columns.some((c) => c.key === 'owner' && c.editable)}
          onDone={() => {
            setSelected(new Set());
            grid.reload();
          }}
          onClear={() => setSelected(new Set())}
        />
      ) : null}
      {grid.error ? (
        <Problem title="客户加载失败" detail={grid.error} onAction={grid.reload} />
      ) : !grid.rows ? (
        <Waiting title="正在加载客户…" />
      ) : (
        <DataGrid
          columns={columns}
          rows={grid.rows}
          sort={sort}
          onSort={(key) =>
            setSort(sort.key === key ? { key, descending: !sort.descending } : { key, descending: false })
          }
          filters={filters}
          onFilter={(key, value) => setFilters({ ...filters, [key]: value })}
          selected={selected}
          onSelect={setSelected}
          onEdit={edit}
          onOpen={(row) => void Taro.navigateTo({ url: `${DETAIL_PAGE}?id=${row.id}` })}
          openLabel="打开客户"
          footer={
            <View className="grid-foot">
              <Text className="grid-foot__count">
                {grid.rows.length === 0 ? '没有符合条件的客户' : `已显示 ${grid.rows.length} 位客户`}
              </Text>
              {grid.more ? (
                <Button size="small" fill="outline" onClick={grid.loadMore}>
                  加载更多
                </Button>
              ) : null}
            </View>
          }
        />
      )}
    </View>
  );
}

/** A phone's view: the customers as rows of name, level and owner; a tap opens the customer. */
function CompactList({
  rows,
  error,
  more,
  onMore,
}: {
  rows: GridCustomer[] | null;
  error: string | null;
  more: boolean;
  onMore(): void;
}) {
  if (error) return <Problem title="客户加载失败" detail={error} />;
  if (!rows) return <Waiting title="正在加载客户…" />;
  return (
    <View className="k-page grid-compact">
      <Text className="grid-compact__hint">在电脑上打开可按表格查看、批量修改</Text>
      {rows.map((r) => (
        <View
          key={r.id}
          className="grid-compact__row"
          onClick={() => void Taro.navigateTo({ url: `${DETAIL_PAGE}?id=${r.id}` })}
        >
          <Text className="grid-compact__name">{r.name}</Text>
          <Text className="grid-compact__meta">
            {[r.level && `${r.level} 级`, r.owner?.name ?? '公海', r.city].filter(Boolean).join(' · ')}
          </Text>
        </View>
      ))}
      {more ? (
        <View className="grid-foot">
          <Button size="small" fill="outline" onClick={onMore}>
            加载更多
          </Button>
        </View>
      ) : null}
    </View>
  );
}
