import { formatMoney } from '@kelian/cards/format/money';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { Section } from '../../components/section';
import { Problem, Waiting } from '../../components/states';
import { messageOf } from '../../services/api';
import { type ContractPlan, contractPlan } from '../../services/receivables';
import '../../components/sales.css';
import '../../components/customer-receivables.css';
import './index.css';

// A contract's 回款计划: each instalment with its status, and every receipt (a negative one is a
// refund paid back), with the plan's sums against the contract amount.

export default function ContractPlanPage() {
  const id = Number(useRouter().params.id);
  const [plan, setPlan] = useState<ContractPlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    setError(null);
    return contractPlan(id).then(setPlan, (e) => setError(messageOf(e)));
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);
  if (error) return <Problem title={error} onAction={() => void load()} />;
  if (!plan) return <Waiting title="正在加载回款计划…" />;
  const { totals } = plan;
  return (
    <View className="k-page receivables">
      <Section title="合计" hint={`合同金额 ${formatMoney(plan.contractAmountCents)}`}>
        <View className="receivables-block__totals">
          {(
            [
              ['应收', totals.plannedCents],
              ['已收', totals.receivedCents],
              ['未收', totals.openCents],
              ['逾期', totals.overdueCents],
            ] as const
          ).map(([label, cents]) => (
            <View key={label} className="receivables-block__figure">
              <Text className="receivables-block__value">{formatMoney(cents)}</Text>
              <Text className="receivables-block__label">{label}</Text>
            </View>
          ))}
        </View>
      </Section>
      <Section title="各期" hint={`${plan.instalments.length} 期`}>
        {plan.instalments.map((i) => (
          <View key={i.id} className="receivables-block__row">
            <Text>
              第{i.seq}期 · {i.dueDate} · {formatMoney(i.amountCents)}
            </Text>
            <Text className={`k-status k-status--${i.status}`}>{i.statusLabel}</Text>
          </View>
        ))}
      </Section>
      <Section title="回款记录" hint={plan.receipts.length > 0 ? `${plan.receipts.length} 笔` : undefined}>
        {plan.receipts.length === 0 ? <Text className="receivables__none">还没有回款记录</Text> : null}
        {plan.receipts.map((r) => (
          <View key={r.id} className="receivables-block__row">
            <Text>
              {r.receivedOn} · 第{r.seq}期 · {r.methodLabel}
              {r.recordedBy ? ` · ${r.recordedBy.name}` : ''}
              {r.overpayment ? ' · 多付' : ''}
            </Text>
            <Text className={r.amountCents < 0 ? 'receivables__late' : ''}>{formatMoney(r.amountCents)}</Text>
          </View>
        ))}
      </Section>
    </View>
  );
}
