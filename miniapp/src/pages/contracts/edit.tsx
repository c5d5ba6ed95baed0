import { Button } from '@nutui/nutui-react-taro';
import { Input, Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { FieldError } from '../../components/customer-bits';
import { Problem, Waiting } from '../../components/states';
import { ApiError, messageOf } from '../../services/api';
import { type ContractForm, contractFields, contractFormErrors } from '../../services/contract-format';
import { CONTRACT_PAGE, createContract, submitContract, updateContract } from '../../services/contracts';
import { useContractForm } from './use-contract-form';
import '../../components/customer-bits.css';
import '../../components/record.css';
import './contracts.css';

// 新建合同 / 修改合同 (a draft, or one sent back by a rejection): number, name, amount in yuan,
// period and signing date, checked here first, then by the server, whose field errors show under
// their field. 保存并提交审批 sends it into the contract flow at once.

type Errors = Partial<Record<keyof ContractForm, string>>;

const texts: { key: 'number' | 'name' | 'amount'; label: string; placeholder: string; digits?: boolean }[] = [
  { key: 'number', label: '合同编号', placeholder: '如 HT-2026-001' },
  { key: 'name', label: '合同名称', placeholder: '如 2027 年度服务合同' },
  { key: 'amount', label: '合同金额（元）', placeholder: '如 600000', digits: true },
];
const dates: { key: 'startDate' | 'endDate' | 'signedDate'; label: string; required: boolean }[] = [
  { key: 'startDate', label: '开始日期', required: true },
  { key: 'endDate', label: '结束日期', required: true },
  { key: 'signedDate', label: '签约日期', required: false },
];

export default function ContractEditPage() {
  const { start, problem } = useContractForm();
  const [form, setForm] = useState<ContractForm | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [saving, setSaving] = useState<'save' | 'submit' | null>(null);
  useEffect(() => setForm(start?.form ?? null), [start]);

  if (problem) {
    return (
      <View className="k-page">
        <View className="k-card">
          <Problem
            title="合同加载失败"
            detail={problem}
            actionText="返回"
            onAction={() => void Taro.navigateBack()}
          />
        </View>
      </View>
    );
  }
  if (!start || !form) return <Waiting title="正在准备合同…" />;

  const set = (patch: Partial<ContractForm>) => {
    setForm({ ...form, ...patch });
    setErrors({});
  };
  const save = async (andSubmit: boolean) => {
    const found = contractFormErrors(form);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setSaving(andSubmit ? 'submit' : 'save');
    let savedId = start.existing?.id;
    try {
      const fields = contractFields(form);
      const saved = start.existing
        ? await updateContract(start.existing.id, fields)
        : await createContract({
            ...fields,
            customerId: start.customer.id,
            opportunityId: start.opportunityId,
          });
      savedId = saved.id;
      if (andSubmit) await submitContract(saved.id);
      void Taro.showToast({ title: andSubmit ? '已提交审批' : '草稿已保存', icon: 'none' });
      void Taro.redirectTo({ url: `${CONTRACT_PAGE}?id=${saved.id}` });
    } catch (e) {
      showProblem(e, savedId);
    } finally {
      setSaving(null);
    }
  };
  const showProblem = (e: unknown, savedId: number | undefined) => {
    const fieldErrors: Errors = {};
    if (e instanceof ApiError) {
      for (const { field, message } of e.errors) {
        const key = field === 'amountCents' ? 'amount' : field;
        if (key in form) fieldErrors[key as keyof ContractForm] = message;
      }
    }
    setErrors(fieldErrors);
    if (Object.keys(fieldErrors).length === 0) {
      // Saved, but the flow refused it: the draft is kept, its page says what to do next.
      const title = savedId && !start.existing ? `草稿已保存，提交失败：${messageOf(e)}` : messageOf(e);
      void Taro.showToast({ title, icon: 'none', duration: 3000 });
      if (savedId && !start.existing) void Taro.redirectTo({ url: `${CONTRACT_PAGE}?id=${savedId}` });
    }
  };

  return (
    <View className="k-page contract-edit k-keyform">
      <View className="k-card">
        <View className="k-form-row">
          <Text className="k-form-label">客户</Text>
          <Text className="contract-edit__customer">{start.customer.name}</Text>
          {start.opportunityId ? <Text className="contract-edit__from">来自赢单商机，金额已带入</Text> : null}
        </View>
        {texts.map(({ key, label, placeholder, digits }) => (
          <View key={key} className="k-form-row">
            <Text className="k-form-label k-form-label--required">{label}</Text>
            <Input
              className={`k-input${errors[key] ? ' k-input--invalid' : ''}`}
              type={digits ? 'digit' : 'text'}
              placeholder={placeholder}
              value={form[key]}
              onInput={(e) => set({ [key]: e.detail.value })}
            />
            <FieldError message={errors[key]} />
          </View>
        ))}
        {dates.map(({ key, label, required }) => (
          <View key={key} className="k-form-row">
            <Text className={`k-form-label${required ? ' k-form-label--required' : ''}`}>{label}</Text>
            <Picker mode="date" value={form[key]} onChange={(e) => set({ [key]: String(e.detail.value) })}>
              <View
                className={`k-input${form[key] ? '' : ' k-input--placeholder'}${errors[key] ? ' k-input--invalid' : ''}`}
              >
                {form[key] || `选择${label}`}
              </View>
            </Picker>
            <FieldError message={errors[key]} />
          </View>
        ))}
      </View>
      <View className="k-action-bar contract-edit__actions">
        <Button
          className="contract-edit__save"
          loading={saving === 'save'}
          disabled={saving !== null}
          onClick={() => void save(false)}
        >
          保存草稿
        </Button>
        <Button
          type="primary"
          className="k-action-bar__main k-keyform__submit"
          loading={saving === 'submit'}
          disabled={saving !== null}
          onClick={() => void save(true)}
        >
          保存并提交审批
        </Button>
      </View>
    </View>
  );
}
