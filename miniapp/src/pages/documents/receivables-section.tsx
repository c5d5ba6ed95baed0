import { formatMoney } from '@kelian/cards/format/money';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { Section } from '../../components/section';
import { messageOf } from '../../services/api';
import {
  CONTRACT_PLAN_PAGE,
  type CustomerReceivables,
  customerReceivables,
} from '../../services/receivables';
import '../../components/customer-receivables.css';

// 回款 on the customer's 单据 page: what the customer's plans ask for, what came in, what is open
// and overdue, and the instalments still owed (tap one for its contract's plan). Shown only to
// people who may read receivables (the server answers 403 to the others, and the block stays away).

export function ReceivablesSection({ customerId }: { customerId: number }) {
  const [data, setData] = useState<CustomerReceivables | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    customerReceivables(customerId).then(setData, (e) => setError(messageOf(e)));
  }, [customerId]);
  if (error !== null || !data || data.instalments.length === 0) return null;
  const { totals, overdue } = data;
  const owed = data.instalments.filter((i) => i.openCents > 0 && i.status !== 'cancelled').slice(0, 5);
  return (
    <Section title="回款" hint={overdue.count > 0 ? `逾期 ${formatMoney(overdue.cents)}` : undefined}>
      <View className="receivables-block__totals">
        {[
          ['应收', totals.plannedCents],
          ['已收', totals.receivedCents],
          ['未收', totals.openCents],
          ['逾期', totals.overdueCents],
        ].map(([label, cents]) => (
          <View key={label} className="receivables-block__figure">
            <Text
              className={`receivables-block__value${label === '逾期' && Number(cents) > 0 ? ' receivables-block__value--late' : ''}`}
            >
              {formatMoney(Number(cents))}
            </Text>
            <Text className="receivables-block__label">{label}</Text>
          </View>
        ))}
      </View>
      {owed.map((i) => (
        <View
          key={i.id}
          className="receivables-block__row"
          onClick={() => void Taro.navigateTo({ url: `${CONTRACT_PLAN_PAGE}?id=${i.contract.id}` })}
        >
          <Text>
            {i.contract.number} 第{i.seq}期 · {i.dueDate}
          </Text>
          <Text className={`k-status k-status--${i.status}`}>
            {i.statusLabel} {formatMoney(i.openCents)}
          </Text>
        </View>
      ))}
    </Section>
  );
}
