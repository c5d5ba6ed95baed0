import { formatAmount } from '@kelian/cards/format/money';
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
import {
  createDealView,
  dealGridColumns,
  dealGridPage,
  type GridDeal,
  listDealViews,
  updateDeal,
} from '../../services/deal-grid';
import { listColleagues } from '../../services/directory';
import { deleteView, type SavedView, saveView } from '../../services/grid';
import { DEAL_PAGE, DEALS_PAGE, fetchStages, moveDeal } from '../../services/sales';
import { headerFilters } from './customer-columns';
import { DealBatchBar } from './deal-batch-bar';
import { dealApiFilters, dealColumnsOf, dealEditBody, defaultDealColumns } from './deal-columns';
import { showRefusal } from './refusal';
import { useGridData } from './use-grid-data';
import { ViewsBar } from './views-bar';
import './grid.css';

// 商机 as a grid, for the desktop clients' window: any column sorted and filtered, columns chosen,
// name, amount, expected date and stage edited in place (the stage through the deal's own move, so
// the pipeline's rules apply), rows selected for a new owner, another stage or the recycle bin,
// views saved; the pipeline's board one click away. On a phone the same deals as a compact list.

const setup = async () => {
  const [columns, colleagues, views, stages] = await Promise.all([
    dealGridColumns(),
    listColleagues(),
    listDealViews(),
    fetchStages(),
  ]);
  const openStages = stages.items
    .filter((s) => s.outcome === 'open')
    .map((s) => ({ value: String(s.id), label: s.name }));
  return { columns, colleagues, views, openStages };
};
type Setup = Awaited<ReturnType<typeof setup>>;

const sortText = (s: SortState) => `${s.descending ? '-' : ''}${s.key}`;
const sortOf = (text: string): SortState =>
  text.startsWith('-') ? { key: text.slice(1), descending: true } : { key: text, descending: false };
const openDeal = (id: number) => void Taro.navigateTo({ url: `${DEAL_PAGE}?id=${id}` });

export default function DealGridPage() {
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
      setShown(defaultDealColumns.filter((k) => loaded.columns.some((c) => c.key === k)));
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
    () => (data ? { sort: sortText(sort), filters: dealApiFilters(data.columns, filters) } : null),
    [data, sort, filters],
  );
  const grid = useGridData(query, dealGridPage);

  const columns = useMemo(() => {
    if (!data) return [];
    const all = dealColumnsOf(data.columns, data.colleagues, data.openStages);
    return shown.flatMap((key) => all.find((c) => c.key === key) ?? []);
  }, [data, shown]);

  if (failure) return <Problem title="商机表格加载失败" detail={failure} onAction={() => void start()} />;
  if (!data) return <Waiting title="正在加载商机…" />;

  const edit = async (row: GridDeal, column: GridColumn<GridDeal>, value: string) => {
    try {
      const body = column.key === 'stage' ? null : dealEditBody(column.key, value);
      if (column.key !== 'stage' && !body) {
        showRefusal(new Error('金额请填写数字（元），最多两位小数，例如 12500 或 12500.50'));
        return false;
      }
      if (column.key === 'stage' && Number(value) === row.stage.id) return true;
      const saved =
        column.key === 'stage' ? await moveDeal(row.id, Number(value)) : await updateDeal(row.id, body!);
      grid.setRows((rows) => rows?.map((r) => (r.id === row.id ? { ...r, ...saved } : r)) ?? null);
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
      setShown(defaultDealColumns.filter((k) => data.columns.some((c) => c.key === k)));
      setSort({ key: 'updatedAt', descending: true });
      setFilters({});
      return;
    }
    setShown(v.columns.filter((k) => data.columns.some((c) => c.key === k)));
    setSort(sortOf(v.sort));
    // A saved amount filter is in cents; the header takes yuan.
    const header = headerFilters(v.filters);
    if (header.amountCents) header.amountCents = String(Number(header.amountCents) / 100);
    setFilters(header);
  };
  const current = () => ({ columns: shown, sort: sortText(sort), filters: query?.filters ?? [] });
  const views = async (change: () => Promise<SavedView[]>) => {
    try {
      setData({ ...data, views: await change() });
    } catch (e) {
      showRefusal(e);
    }
  };

  if (!wide)
    return <CompactList rows={grid.rows} error={grid.error} more={grid.more} onMore={grid.loadMore} />;

  const owners = data.colleagues.map((c) => ({ value: String(c.id), label: c.name }));
  return (
    <View className="k-page grid-page">
      <View className="grid-head">
        <Text className="grid-head__title">商机</Text>
        <ViewsBar
          everything="全部商机"
          views={data.views}
          current={view}
          onPick={pickView}
          onSave={(name) =>
            void views(async () => {
              const created = await createDealView({ name, ...current() });
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
          <Button size="small" fill="outline" onClick={() => void Taro.navigateTo({ url: DEALS_PAGE })}>
            看板
          </Button>
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
        <DealBatchBar
          selected={[...selected]}
          owners={owners}
          stages={data.openStages}
          onDone={() => {
            setSelected(new Set());
            grid.reload();
          }}
          onClear={() => setSelected(new Set())}
        />
      ) : null}
      {grid.error ? (
        <Problem title="商机加载失败" detail={grid.error} onAction={grid.reload} />
      ) : !grid.rows ? (
        <Waiting title="正在加载商机…" />
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
          onOpen={(row) => openDeal(row.id)}
          openLabel="打开商机"
          footer={
            <View className="grid-foot">
              <Text className="grid-foot__count">
                {grid.rows.length === 0 ? '没有符合条件的商机' : `已显示 ${grid.rows.length} 个商机`}
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

/** A phone's view: the deals as rows of name, stage, amount and customer; a tap opens the deal. */
function CompactList({
  rows,
  error,
  more,
  onMore,
}: {
  rows: GridDeal[] | null;
  error: string | null;
  more: boolean;
  onMore(): void;
}) {
  if (error) return <Problem title="商机加载失败" detail={error} />;
  if (!rows) return <Waiting title="正在加载商机…" />;
  return (
    <View className="k-page grid-compact">
      <Text className="grid-compact__hint">在电脑上打开可按表格查看、批量修改</Text>
      {rows.map((r) => (
        <View key={r.id} className="grid-compact__row" onClick={() => openDeal(r.id)}>
          <Text className="grid-compact__name">{r.name ?? r.customer.name}</Text>
          <Text className="grid-compact__meta">
            {[r.stage.name, formatAmount(r.amountCents), r.customer.name].join(' · ')}
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
