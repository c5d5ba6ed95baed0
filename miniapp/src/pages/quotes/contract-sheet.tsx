import { formatAmount } from '@kelian/cards/format/money';
import { Button, Popup } from '@nutui/nutui-react-taro';
import { Picker, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { FieldError } from '../../components/customer-bits';
import { DateRow, InputRow } from '../../components/form-rows';
import { ApiError, messageOf } from '../../services/api';
import type { Quote } from '../../services/quotes';
import { type ContractTerms, defaultTerms, shanghaiToday } from './contract-terms';

// 转合同: the contract an approved quote becomes, its terms asked for before it is written (the
// lines, prices and customer come from the quote). Filled in: the number from the quote's, its
// title, a year from today, signed today; the server checks them again and has the last word.

export function ContractSheet({
  quote,
  visible,
  onClose,
  onConfirm,
}: {
  quote: Quote;
  visible: boolean;
  onClose(): void;
  onConfirm(terms: ContractTerms): Promise<void>;
}) {
  const [terms, setTerms] = useState(() => defaultTerms(quote));
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (visible) {
      setTerms(defaultTerms(quote));
      setProblem(null);
    }
  }, [visible, quote]);

  const set = (change: Partial<ContractTerms>) => {
    setTerms((t) => ({ ...t, ...change }));
    setProblem(null);
  };
  const confirm = async () => {
    if (terms.number.trim() === '') return setProblem('请填写合同编号');
    if (terms.endDate < terms.startDate) return setProblem('结束日期不能早于开始日期');
    setSaving(true);
    setProblem(null);
    try {
      await onConfirm({ ...terms, number: terms.number.trim(), name: terms.name.trim() || quote.title });
    } catch (e) {
      setProblem(
        e instanceof ApiError && e.errors.length > 0 ? (e.errors[0]?.message ?? e.title) : messageOf(e),
      );
    } finally {
      setSaving(false);
    }
  };

  return (
    <Popup visible={visible} position="bottom" round closeable title="转合同" onClose={onClose}>
      <View className="contract-sheet">
        <Text className="contract-sheet__what">
          {quote.customer.name} · {formatAmount(quote.totalCents)}，明细与价格随报价带入，生成合同草稿
        </Text>
        <InputRow
          label="合同编号"
          required
          value={terms.number}
          maxlength={50}
          onChange={(number) => set({ number })}
        />
        <InputRow label="合同名称" value={terms.name} maxlength={200} onChange={(name) => set({ name })} />
        <View className="contract-sheet__dates">
          <DateRow
            label="开始日期"
            required
            className="contract-sheet__date"
            value={terms.startDate}
            onChange={(startDate) => set({ startDate })}
          />
          <DateRow
            label="结束日期"
            required
            className="contract-sheet__date"
            value={terms.endDate}
            onChange={(endDate) => set({ endDate })}
          />
        </View>
        <View className="k-form-row">
          <Text className="k-form-label">签约日期</Text>
          <Picker
            mode="date"
            value={terms.signedDate ?? shanghaiToday()}
            onChange={(e) => set({ signedDate: e.detail.value })}
          >
            <View className={`k-input${terms.signedDate ? '' : ' k-input--placeholder'}`}>
              {terms.signedDate ?? '未签约'}
            </View>
          </Picker>
          {terms.signedDate ? (
            <Text className="contract-sheet__clear" onClick={() => set({ signedDate: null })}>
              还没签约，清空
            </Text>
          ) : null}
        </View>
        <FieldError message={problem ?? undefined} />
        <Button
          type="primary"
          block
          loading={saving}
          className="contract-sheet__confirm"
          onClick={() => void confirm()}
        >
          生成合同草稿
        </Button>
      </View>
    </Popup>
  );
}
