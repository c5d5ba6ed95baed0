import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { type ReactNode, useState } from 'react';
import { ColumnPicker } from '../../components/grid/column-picker';
import { DataGrid } from '../../components/grid/data-grid';
import type { GridColumn } from '../../components/grid/types';
import { Problem, Waiting } from '../../components/states';
import type { GridPage } from './use-grid-page';
import { ViewsBar } from './views-bar';
import './grid.css';

// A grid page's frame at desktop width, whatever its records: the title with the saved views and
// the column picker, the page's batch bar while rows are selected, and the grid with its count and
// 加载更多. The page gives its columns, its edits, where a row opens and its batch bar.

interface Props<R extends { id: number }, X> {
  page: GridPage<R, X>;
  /** 客户, 线索, 商机. */
  title: string;
  /** How rows are counted: 位客户, 条线索, 个商机. */
  counted: string;
  /** Every column the person may show, drawn (the page's column settings). */
  columns: GridColumn<R>[];
  onEdit(row: R, column: GridColumn<R>, value: string): Promise<boolean>;
  onOpen(row: R): void;
  /** What the ↗ says: 打开客户. */
  openLabel: string;
  /** Shown while rows are selected. */
  batch: ReactNode;
  /** The page's own buttons before 列设置 (the deals' 看板). */
  tools?: ReactNode;
}

export function GridFrame<R extends { id: number }, X>(props: Props<R, X>) {
  const { page, title, counted } = props;
  const [picking, setPicking] = useState(false);
  const { data, grid } = page;
  if (!data) return null;
  const shown = page.shown.flatMap((key) => props.columns.find((c) => c.key === key) ?? []);
  return (
    <View className="k-page grid-page">
      <View className="grid-head">
        <Text className="grid-head__title">{title}</Text>
        <ViewsBar
          everything={`全部${title}`}
          views={data.views}
          current={page.view}
          onPick={page.pickView}
          onSave={(name) => void page.views.save(name)}
          onUpdate={() => void page.views.update()}
          onDelete={() => void page.views.remove()}
        />
        <View className="grid-head__tools">
          {props.tools}
          <Button size="small" fill="outline" onClick={() => setPicking(!picking)}>
            列设置
          </Button>
          {picking ? (
            <ColumnPicker
              columns={data.columns.map((c) => ({ value: c.key, label: c.label }))}
              shown={page.shown}
              onChange={page.setShown}
              onClose={() => setPicking(false)}
            />
          ) : null}
        </View>
      </View>
      {page.selected.size > 0 ? props.batch : null}
      {grid.error ? (
        <Problem title={`${title}加载失败`} detail={grid.error} onAction={grid.reload} />
      ) : !grid.rows ? (
        <Waiting title={`正在加载${title}…`} />
      ) : (
        <DataGrid
          columns={shown}
          rows={grid.rows}
          sort={page.sort}
          onSort={page.sortBy}
          filters={page.filters}
          onFilter={page.filterBy}
          selected={page.selected}
          onSelect={page.setSelected}
          onEdit={props.onEdit}
          onOpen={props.onOpen}
          openLabel={props.openLabel}
          footer={
            <View className="grid-foot">
              <Text className="grid-foot__count">
                {grid.rows.length === 0 ? `没有符合条件的${title}` : `已显示 ${grid.rows.length} ${counted}`}
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

/**
 * A phone's view of a grid: its records as rows of a name and a line of what matters, a tap opens
 * the record (the phone's tabs are its way to work them).
 */
export function CompactList<R extends { id: number }, X>(props: {
  page: GridPage<R, X>;
  title: string;
  name(row: R): string;
  /** The parts of the row's second line; empty ones are left out. */
  meta(row: R): (string | null | undefined | false)[];
  onOpen(row: R): void;
}) {
  const { rows, error, more, loadMore } = props.page.grid;
  if (error) return <Problem title={`${props.title}加载失败`} detail={error} />;
  if (!rows) return <Waiting title={`正在加载${props.title}…`} />;
  return (
    <View className="k-page grid-compact">
      <Text className="grid-compact__hint">在电脑上打开可按表格查看、批量修改</Text>
      {rows.map((r) => (
        <View key={r.id} className="grid-compact__row" onClick={() => props.onOpen(r)}>
          <Text className="grid-compact__name">{props.name(r)}</Text>
          <Text className="grid-compact__meta">{props.meta(r).filter(Boolean).join(' · ')}</Text>
        </View>
      ))}
      {more ? (
        <View className="grid-foot">
          <Button size="small" fill="outline" onClick={loadMore}>
            加载更多
          </Button>
        </View>
      ) : null}
    </View>
  );
}
