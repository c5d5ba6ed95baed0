import { formatDate } from '@kelian/cards/format/date';
import { formatMoney } from '@kelian/cards/format/money';
import { Button } from '@nutui/nutui-react-taro';
import { Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { DateRow, InputRow } from '../../components/form-rows';
import { messageOf } from '../../services/api';
import {
  centsOf,
  type Instalment,
  type ReceiptMethod,
  receiptMethods,
  recordReceipt,
} from '../../services/receivables';

// 登记回款 for one instalment: the amount (what is open, unless finance types another), the day it
// came in, how. More than is open asks for 多付 to be ticked, as the server does.

const today = () => formatDate(new Date());

export function ReceiptForm({ instalment, onSaved }: { instalment: Instalment; onSaved(): void }) {
  const [yuan, setYuan] = useState((instalment.openCents / 100).toFixed(2));
  const [receivedOn, setReceivedOn] = useState(today());
  const [method, setMethod] = useState<ReceiptMethod>('bank');
  const [note, setNote] = useState('');
  const [overpayment, setOverpayment] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async () => {
    const amountCents = centsOf(yuan);
    if (amountCents === undefined || amountCents === 0)
      return setProblem('请填写回款金额，例如 12000 或 12000.50');
    setSaving(true);
    setProblem(null);
    try {
      await recordReceipt(instalment.id, {
        amountCents,
        receivedOn,
        method,
        note: note || null,
        overpayment,
      });
      onSaved();
    } catch (e) {
      setProblem(messageOf(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className="receipt-form">
      <Text className="receipt-form__what">
        {instalment.customer.name} · {instalment.contract.number} 第{instalment.seq}期，未回款{' '}
        {formatMoney(instalment.openCents)}
      </Text>
      <InputRow label="回款金额（元）" required digits value={yuan} onChange={setYuan} />
      <DateRow label="到账日期" required value={receivedOn} end={today()} onChange={setReceivedOn} />
      <View className="k-form-row">
        <Text className="k-form-label">回款方式</Text>
        <View className="k-chips">
          {receiptMethods.map(({ value, label }) => (
            <Text
              key={value}
              className={`k-chip${method === value ? ' k-chip--on' : ''}`}
              onClick={() => setMethod(value)}
            >
              {label}
            </Text>
          ))}
        </View>
      </View>
      <View className="k-form-row">
        <Text className="k-form-label">备注</Text>
        <Textarea
          className="k-input receipt-form__note"
          value={note}
          maxlength={500}
          onInput={(e) => setNote(e.detail.value)}
        />
      </View>
      <Text
        className={`k-chip${overpayment ? ' k-chip--on' : ''}`}
        onClick={() => setOverpayment(!overpayment)}
      >
        {overpayment ? '✓ ' : ''}客户多付（允许超过未回款金额）
      </Text>
      {problem ? <Text className="receipt-form__problem">{problem}</Text> : null}
      <Button
        type="primary"
        block
        loading={saving}
        className="receipt-form__save"
        onClick={() => void save()}
      >
        登记回款
      </Button>
    </View>
  );
}
