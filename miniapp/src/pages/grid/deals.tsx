import { formatAmount } from '@kelian/cards/format/money';
import { Button } from '@nutui/nutui-react-taro';
import Taro from '@tarojs/taro';
import { useMemo } from 'react';
import type { GridColumn } from '../../components/grid/types';
import { Problem, Waiting } from '../../components/states';
import { type GridDeal, updateDeal } from '../../services/deal-grid';
import { listColleagues } from '../../services/directory';
import { DEAL_PAGE, DEALS_PAGE, fetchStages, moveDeal } from '../../services/sales';
import { DealBatchBar } from './deal-batch-bar';
import { dealColumnsOf, dealEditBody, dealFilters, defaultDealColumns } from './deal-columns';
import { peopleOptions } from './grid-columns';
import { CompactList, GridFrame } from './grid-frame';
import { showRefusal } from './refusal';
import { useGridPage } from './use-grid-page';
import './grid.css';

// 商机 as a grid, for the desktop clients' window: any column sorted and filtered, columns chosen,
// name, amount, expected date and stage edited in place (the stage through the deal's own move, so
// the pipeline's rules apply), rows selected for a new owner, another stage or the recycle bin,
// views saved; the pipeline's board one click away. On a phone the same deals as a compact list.

const people = async () => {
  const [colleagues, stages] = await Promise.all([listColleagues(), fetchStages()]);
  const openStages = stages.items
    .filter((s) => s.outcome === 'open')
    .map((s) => ({ value: String(s.id), label: s.name }));
  return { colleagues, openStages };
};

const open = (row: GridDeal) => void Taro.navigateTo({ url: `${DEAL_PAGE}?id=${row.id}` });

export default function DealGridPage() {
  const page = useGridPage<GridDeal, Awaited<ReturnType<typeof people>>>(
    'deals',
    defaultDealColumns,
    people,
    dealFilters,
  );
  const { data } = page;
  const columns = useMemo(
    () => (data ? dealColumnsOf(data.columns, data.extra.colleagues, data.extra.openStages) : []),
    [data],
  );

  if (page.failure)
    return <Problem title="商机表格加载失败" detail={page.failure} onAction={() => void page.start()} />;
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
      page.replaceRow({ ...row, ...saved });
      return true;
    } catch (e) {
      showRefusal(e);
      return false;
    }
  };

  if (!page.wide)
    return (
      <CompactList
        page={page}
        title="商机"
        name={(r) => r.name ?? r.customer.name}
        meta={(r) => [r.stage.name, formatAmount(r.amountCents), r.customer.name]}
        onOpen={open}
      />
    );

  return (
    <GridFrame
      page={page}
      title="商机"
      counted="个商机"
      columns={columns}
      onEdit={edit}
      onOpen={open}
      openLabel="打开商机"
      tools={
        <Button size="small" fill="outline" onClick={() => void Taro.navigateTo({ url: DEALS_PAGE })}>
          看板
        </Button>
      }
      batch={
        <DealBatchBar
          selected={[...page.selected]}
          owners={peopleOptions(data.extra.colleagues)}
          stages={data.extra.openStages}
          onDone={page.batchDone}
          onClear={() => page.setSelected(new Set())}
        />
      }
    />
  );
}
