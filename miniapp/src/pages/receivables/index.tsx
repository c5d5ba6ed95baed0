import { formatMoney } from '@kelian/cards/format/money';
import { Popup } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { PagedList } from '../../components/paged-list';
import { Tabs } from '../../components/states';
import { recordsReceipts } from '../../services/finance';
import {
  CONTRACT_PLAN_PAGE,
  type Instalment,
  listReceivables,
  type ReceivableView,
} from '../../services/receivables';
import { usePagedTabs } from '../../services/use-paged-tabs';
import { useProfile } from '../../services/use-profile';
import { ReceiptForm } from './receipt-form';
import '@nutui/nutui-react-taro/dist/es/packages/popup/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/overlay/style/css';
import '../../components/customer-bits.css';
import '../../components/sales.css';
import '../../components/customer-receivables.css';
import '../../components/record.css';
import './index.css';

// 回款 for finance (and reps, on their own customers): what falls due in the next 30 days, what is
// overdue, everything; per customer the sums on the page; 登记回款 on any instalment still owed.

const views: { key: ReceivableView; label: string; empty: string }[] = [
  { key: 'due', label: '即将到期', empty: '30 天内没有到期的回款' },
  { key: 'overdue', label: '已逾期', empty: '没有逾期的回款' },
  { key: 'all', label: '全部', empty: '还没有回款计划' },
];

/** Per customer, what the listed instalments still owe. */
function byCustomer(items: Instalment[]) {
  const sums = new Map<string, number>();
  for (const i of items) sums.set(i.customer.name, (sums.get(i.customer.name) ?? 0) + i.openCents);
  return [...sums].filter(([, cents]) => cents > 0).sort((a, b) => b[1] - a[1]);
}

export default function ReceivablesPage() {
  const { profile } = useProfile();
  const list = usePagedTabs<ReceivableView, Instalment>('due', (view, after) => listReceivables(view, after));
  const { tab: view, items, error, choose } = list;
  const [recording, setRecording] = useState<Instalment | null>(null);
  const records = recordsReceipts(profile?.roles);
  const spec = views.find((v) => v.key === view) ?? views[0]!;
  const customers = byCustomer(items ?? []);

  return (
    <View className="k-page receivables">
      <Tabs tabs={views} current={view} onChoose={choose} />
      {customers.length > 0 ? (
        <View className="receivables__customers">
          {customers.slice(0, 5).map(([name, cents]) => (
            <View key={name} className="receivables__customer">
              <Text className="receivables__customer-name">{name}</Text>
              <Text className={view === 'overdue' ? 'receivables__late' : ''}>{formatMoney(cents)}</Text>
            </View>
          ))}
        </View>
      ) : null}
      <PagedList
        items={items}
        error={error}
        what="回款计划"
        empty={{ title: spec.empty, detail: '合同生效后，回款计划的各期会按回款日出现在这里。' }}
        hasMore={list.hasMore}
        countText={`共 ${items?.length ?? 0} 期`}
        className="k-rows"
        onRetry={list.reload}
        onRetryMore={list.loadMore}
      >
        {items?.map((i) => (
          <View
            key={i.id}
            className="k-row-card receivable-row"
            onClick={() => void Taro.navigateTo({ url: `${CONTRACT_PLAN_PAGE}?id=${i.contract.id}` })}
          >
            <View className="receivable-row__top">
              <Text className="receivable-row__customer">{i.customer.name}</Text>
              <Text className={`k-status k-status--${i.status}`}>{i.statusLabel}</Text>
            </View>
            <Text className="receivable-row__facts">
              {i.contract.number} · 第{i.seq}期 · 回款日 {i.dueDate}
              {i.owner ? ` · ${i.owner.name}` : ''}
            </Text>
            <View className="receivable-row__foot">
              <Text className="receivable-row__money">
                应收 {formatMoney(i.amountCents)}　未收 {formatMoney(i.openCents)}
              </Text>
              {records && i.openCents > 0 && i.status !== 'cancelled' ? (
                <Text
                  className="k-row-action k-row-action--primary"
                  onClick={(e) => {
                    e.stopPropagation();
                    setRecording(i);
                  }}
                >
                  登记回款
                </Text>
              ) : null}
            </View>
          </View>
        ))}
      </PagedList>
      <Popup
        visible={recording !== null}
        position="bottom"
        round
        closeable
        title="登记回款"
        onClose={() => setRecording(null)}
      >
        {recording ? (
          <ReceiptForm
            instalment={recording}
            onSaved={() => {
              setRecording(null);
              void Taro.showToast({ title: '已登记回款', icon: 'success' });
              list.reload();
            }}
          />
        ) : null}
      </Popup>
    </View>
  );
}
