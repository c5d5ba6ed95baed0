import Taro from '@tarojs/taro';
import { useMemo } from 'react';
import type { GridColumn } from '../../components/grid/types';
import { Problem, Waiting } from '../../components/states';
import { changeOwner, DETAIL_PAGE, updateCustomer } from '../../services/customers';
import { listColleagues, listTagGroups } from '../../services/directory';
import type { GridColumnInfo, GridCustomer } from '../../services/grid';
import { BatchBar } from './batch-bar';
import { customerColumns, defaultColumns, tagOptions } from './customer-columns';
import { editBody, peopleOptions } from './grid-columns';
import { CompactList, GridFrame } from './grid-frame';
import { showRefusal } from './refusal';
import { useGridPage } from './use-grid-page';
import './grid.css';

// 客户 as a grid, for the desktop clients' window: any column sorted and filtered, columns chosen
// and ordered, cells edited in place, rows selected for batch changes, views saved. On a phone the
// same customers as a compact list (the 客户 tab is the phone's way to work them).

const people = async () => {
  const [colleagues, tagGroups] = await Promise.all([listColleagues(), listTagGroups()]);
  return { colleagues, tagGroups };
};

export default function CustomerGridPage() {
  const page = useGridPage<GridCustomer, Awaited<ReturnType<typeof people>>>(
    'customers',
    defaultColumns,
    people,
  );
  const { data } = page;
  const columns = useMemo(
    () => (data ? customerColumns(data.columns, data.extra.colleagues, data.extra.tagGroups) : []),
    [data],
  );

  if (page.failure)
    return <Problem title="客户表格加载失败" detail={page.failure} onAction={() => void page.start()} />;
  if (!data) return <Waiting title="正在加载客户…" />;

  const edit = async (row: GridCustomer, column: GridColumn<GridCustomer>, value: string) => {
    const info = data.columns.find((c) => c.key === column.key) as GridColumnInfo;
    try {
      const saved =
        column.key === 'owner'
          ? await changeOwner(row.id, value === '' ? null : Number(value))
          : await updateCustomer(row.id, editBody(info, value));
      page.replaceRow(saved);
      return true;
    } catch (e) {
      showRefusal(e);
      return false;
    }
  };

  const open = (row: GridCustomer) => void Taro.navigateTo({ url: `${DETAIL_PAGE}?id=${row.id}` });
  if (!page.wide)
    return (
      <CompactList
        page={page}
        title="客户"
        name={(r) => r.name ?? ''}
        meta={(r) => [r.level && `${r.level} 级`, r.owner?.name ?? '公海', r.city]}
        onOpen={open}
      />
    );

  const { colleagues, tagGroups } = data.extra;
  return (
    <GridFrame
      page={page}
      title="客户"
      counted="位客户"
      columns={columns}
      onEdit={edit}
      onOpen={open}
      openLabel="打开客户"
      batch={
        <BatchBar
          selected={[...page.selected]}
          owners={peopleOptions(colleagues)}
          tags={tagOptions(tagGroups)}
          canReassign={data.columns.some((c) => c.key === 'owner' && c.editable)}
          onDone={page.batchDone}
          onClear={() => page.setSelected(new Set())}
        />
      }
    />
  );
}
