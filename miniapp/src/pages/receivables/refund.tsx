import { formatDate } from '@kelian/cards/format/date';
import { formatMoney } from '@kelian/cards/format/money';
import { Button } from '@nutui/nutui-react-taro';
import { Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { DateRow, InputRow } from '../../components/form-rows';
import { Section } from '../../components/section';
import { Problem, Waiting } from '../../components/states';
import { messageOf } from '../../services/api';
import { APPROVAL_PAGE } from '../../services/approvals';
import { type Contract, fetchContract } from '../../services/contracts';
import {
  type ContractPlan,
  centsOf,
  contractPlan,
  listRefunds,
  type Refund,
  requestRefund,
} from '../../services/receivables';
import { refundFigures } from './refund-figures';
import '../../components/customer-bits.css';
import '../../components/customer-receivables.css';
import '../../components/line.css';
import '../../components/record.css';
import './index.css';

// 退款 on one contract (opened from the contract's page): what came in and what went back, the
// refunds asked for with their state (tap one for its approval), and a new one: amount, reason and
// date, sent into the refund flow at once.

const reasons = ['部分货物退回', '服务未完成，按比例退还', '重复付款', '合同终止，退还预付款'];
const refundTone: Record<Refund['status'], string> = {
  draft: 'grey',
  pending: 'orange',
  approved: 'green',
  rejected: 'red',
  withdrawn: 'grey',
};
const today = () => formatDate(new Date());

export default function RefundPage() {
  const contractId = Number(useRouter().params.contractId);
  const [data, setData] = useState<{ contract: Contract; plan: ContractPlan; refunds: Refund[] } | null>(
    null,
  );
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    setError(null);
    try {
      const [contract, plan, { items }] = await Promise.all([
        fetchContract(contractId),
        contractPlan(contractId),
        listRefunds(contractId),
      ]);
      setData({ contract, plan, refunds: items });
    } catch (e) {
      setError(messageOf(e));
    }
  }, [contractId]);
  useEffect(() => {
    void load();
  }, [load]);

  if (error) return <Problem title={error} onAction={() => void load()} />;
  if (!data) return <Waiting title="正在加载退款…" />;
  const { contract, plan, refunds } = data;
  const figures = refundFigures(plan, refunds);
  const signed = contract.status !== 'draft' && contract.status !== 'pending';

  return (
    <View className="k-page refund">
      <View className="k-record-head">
        <View className="k-record-head__top">
          <Text className="k-record-head__name">{contract.name}</Text>
        </View>
        <Text className="refund__sub">
          {contract.customer.name} · {contract.number} · 合同金额 {formatMoney(contract.amountCents)}
        </Text>
        <View className="receivables-block__totals refund__figures">
          {(
            [
              ['已收', figures.inCents, ''],
              ['已退', figures.refundedCents, ''],
              ['退款审批中', figures.pendingCents, ''],
              ['可退', figures.refundableCents, ' refund__refundable'],
            ] as const
          ).map(([label, cents, extra]) => (
            <View key={label} className="receivables-block__figure">
              <Text className={`receivables-block__value${extra}`}>{formatMoney(cents)}</Text>
              <Text className="receivables-block__label">{label}</Text>
            </View>
          ))}
        </View>
      </View>

      <Section title="退款记录" hint={refunds.length > 0 ? `${refunds.length} 笔` : undefined}>
        {refunds.length === 0 ? <Text className="receivables__none">这份合同还没有退款</Text> : null}
        {refunds.map((r) => (
          <View
            key={r.id}
            className="k-line refund-line"
            onClick={() =>
              r.approvalId !== null && void Taro.navigateTo({ url: `${APPROVAL_PAGE}?id=${r.approvalId}` })
            }
          >
            <View className="k-line__top">
              <Text className="k-line__name">{r.reason}</Text>
              <Text className="k-line__amount">{formatMoney(r.amountCents)}</Text>
            </View>
            <View className="k-line__meta">
              <Text>退款日期 {r.refundDate}</Text>
              <Text className={`k-pill k-pill--${refundTone[r.status]}`}>{r.statusLabel}</Text>
            </View>
          </View>
        ))}
      </Section>

      <Section title="申请退款">
        {signed ? (
          <RefundForm contractId={contract.id} refundableCents={figures.refundableCents} onSent={load} />
        ) : (
          <Text className="receivables__none">合同生效后才能退款（现在：{contract.statusLabel}）</Text>
        )}
      </Section>
    </View>
  );
}

function RefundForm({
  contractId,
  refundableCents,
  onSent,
}: {
  contractId: number;
  refundableCents: number;
  onSent(): Promise<void>;
}) {
  const [yuan, setYuan] = useState('');
  const [reason, setReason] = useState('');
  const [refundDate, setRefundDate] = useState(today());
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  if (refundableCents === 0)
    return <Text className="receivables__none">没有可退的金额：客户还没有回款，或已全部退款 / 在审批中</Text>;

  const send = async () => {
    const amountCents = centsOf(yuan);
    if (amountCents === undefined || amountCents === 0)
      return setProblem('请填写退款金额，例如 12000 或 12000.50');
    if (amountCents > refundableCents)
      return setProblem(`退款金额不能超过可退的 ${formatMoney(refundableCents)}`);
    if (reason.trim().length < 2) return setProblem('请填写退款原因（至少 2 个字）');
    setSending(true);
    setProblem(null);
    try {
      await requestRefund({ contractId, amountCents, reason: reason.trim(), refundDate });
      setYuan('');
      setReason('');
      void Taro.showToast({ title: '已提交退款审批', icon: 'none' });
      await onSent();
    } catch (e) {
      setProblem(messageOf(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <View className="refund-form">
      <InputRow
        label="退款金额（元）"
        required
        digits
        placeholder={`最多 ${(refundableCents / 100).toFixed(2)}`}
        value={yuan}
        onChange={setYuan}
      />
      <View className="k-form-row">
        <Text className="k-form-label k-form-label--required">退款原因</Text>
        <View>
          {reasons.map((r) => (
            <Text
              key={r}
              className={`k-chip${reason === r ? ' k-chip--on' : ''}`}
              onClick={() => setReason(r)}
            >
              {r}
            </Text>
          ))}
        </View>
        <Textarea
          className="k-input receipt-form__note"
          placeholder="写下退款的原因，审批人会看到"
          value={reason}
          maxlength={500}
          onInput={(e) => setReason(e.detail.value)}
        />
      </View>
      <DateRow label="退款日期" required value={refundDate} onChange={setRefundDate} />
      {problem ? <Text className="receipt-form__problem">{problem}</Text> : null}
      <Button
        type="primary"
        block
        loading={sending}
        className="receipt-form__save"
        onClick={() => void send()}
      >
        提交退款审批
      </Button>
    </View>
  );
}
