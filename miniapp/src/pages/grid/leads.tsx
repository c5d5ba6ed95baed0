import Taro from '@tarojs/taro';
import { useMemo } from 'react';
import type { GridColumn } from '../../components/grid/types';
import { Problem, Waiting } from '../../components/states';
import { listColleagues } from '../../services/directory';
import { batchLeads, type GridLead, updateLead } from '../../services/grid';
import { LEAD_PAGE } from '../../services/sales';
import { peopleOptions } from './grid-columns';
import { CompactList, GridFrame } from './grid-frame';
import { LeadBatchBar } from './lead-batch-bar';
import { defaultLeadColumns, leadColumns } from './lead-columns';
import { showRefusal } from './refusal';
import { useGridPage } from './use-grid-page';
import './grid.css';

// 线索 as a grid, for the desktop clients' window, like the customers': any column sorted and
// filtered, columns chosen, a lead's contents edited in place by whoever works it, leads selected to
// be handed over, sent back to the pool or closed as invalid, views saved; ↗ opens the lead. On a
// phone the same leads as a compact list (the 线索 tab is the phone's way to work them).

const colleagues = async () => ({ colleagues: await listColleagues() });

export default function LeadGridPage() {
  const page = useGridPage<GridLead, Awaited<ReturnType<typeof colleagues>>>(
    'leads',
    defaultLeadColumns,
    colleagues,
  );
  const { data } = page;
  const columns = useMemo(() => (data ? leadColumns(data.columns, data.extra.colleagues) : []), [data]);

  if (page.failure)
    return <Problem title="线索表格加载失败" detail={page.failure} onAction={() => void page.start()} />;
  if (!data) return <Waiting title="正在加载线索…" />;

  // A field is the lead's own PATCH (answered with the lead; a lead's fields are never emptied, the
  // server says so); the owner a hand-over of this one lead, whose refusal is told as the batch names it.
  const edit = async (row: GridLead, column: GridColumn<GridLead>, value: string) => {
    try {
      if (column.key !== 'owner') {
        page.replaceRow({ ...row, ...(await updateLead(row.id, { [column.key]: value.trim() })) });
        return true;
      }
      const { skipped } = await batchLeads([row.id], { ownerId: Number(value) });
      if (skipped[0]) throw new Error(skipped[0].reason);
      page.grid.reload();
      return true;
    } catch (e) {
      showRefusal(e);
      return false;
    }
  };
  const open = (row: GridLead) => void Taro.navigateTo({ url: `${LEAD_PAGE}?id=${row.id}` });
  const status = (row: GridLead) =>
    data.columns.find((c) => c.key === 'status')?.options?.find((o) => o.value === row.status)?.label;

  if (!page.wide)
    return (
      <CompactList
        page={page}
        title="线索"
        name={(r) => r.company ?? ''}
        meta={(r) => [
          status(r),
          r.contactName && `联系人 ${r.contactName}`,
          r.owner && `负责人 ${r.owner.name}`,
          r.region,
        ]}
        onOpen={open}
      />
    );

  return (
    <GridFrame
      page={page}
      title="线索"
      counted="条线索"
      columns={columns}
      onEdit={edit}
      onOpen={open}
      openLabel="打开线索"
      batch={
        <LeadBatchBar
          selected={[...page.selected]}
          owners={peopleOptions(data.extra.colleagues)}
          canReassign={data.columns.some((c) => c.key === 'owner' && c.editable)}
          onDone={page.batchDone}
          onClear={() => page.setSelected(new Set())}
        />
      }
    />
  );
}
