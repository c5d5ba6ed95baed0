import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import { useState } from 'react';
import { Problem, Waiting } from '../../components/states';
import { messageOf } from '../../services/api';
import type { ApplicationType, TypeField } from '../../services/application-types';
import { apply, openTypes } from '../../services/applications';
import { APPROVAL_PAGE } from '../../services/approvals';
import { centsOf } from '../../services/receivables';
import { type Draft, FieldInput } from './field-input';
import '../../components/customer-bits.css';
import './applications.css';

// 新建申请: choose one of the administrator's types, fill its fields, send it. It goes through the
// type's approval flow at once; the approval page then shows where it stands. What the server
// refuses (a required field left empty, a choice that is not offered) is shown as it says it.

/** The form's drafts as the server's values: amounts in cents, people and records by id. */
function valuesOf(fields: TypeField[], drafts: Record<string, Draft>): Record<string, unknown> | string {
  const values: Record<string, unknown> = {};
  for (const field of fields) {
    const draft = drafts[field.key] ?? null;
    if (draft === null || draft === '') continue;
    if (typeof draft === 'object') values[field.key] = draft.id;
    else if (field.kind === 'amount') {
      const cents = centsOf(draft);
      if (cents === undefined) return `「${field.label}」请填写金额，例如 200000 或 200000.50`;
      values[field.key] = cents;
    } else if (field.kind === 'number') {
      if (Number.isNaN(Number(draft))) return `「${field.label}」请填写数字`;
      values[field.key] = Number(draft);
    } else values[field.key] = draft;
  }
  return values;
}

export default function NewApplicationPage() {
  const [types, setTypes] = useState<ApplicationType[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [type, setType] = useState<ApplicationType | null>(null);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const load = () => {
    setLoadError(null);
    openTypes()
      .then((open) => {
        setTypes(open);
        if (open.length === 1) setType(open[0]!);
      })
      .catch((e) => setLoadError(messageOf(e)));
  };
  useLoad(load);

  const send = async () => {
    if (!type) return;
    const values = valuesOf(type.fields, drafts);
    if (typeof values === 'string') return setProblem(values);
    setSending(true);
    setProblem(null);
    try {
      const { approvalId } = await apply({ typeId: type.id, values });
      void Taro.redirectTo({ url: `${APPROVAL_PAGE}?id=${approvalId}` });
    } catch (e) {
      setProblem(messageOf(e));
    } finally {
      setSending(false);
    }
  };

  if (loadError) return <Problem title="申请类型加载失败" detail={loadError} onAction={load} />;
  if (!types) return <Waiting title="正在加载申请类型" />;
  if (types.length === 0)
    return <Problem tone="notice" title="还没有申请类型" detail="请管理员在管理后台「申请类型」中添加。" />;

  return (
    <View className="k-page applications">
      <View className="k-card applications__form">
        <View className="k-form-row">
          <Text className="k-form-label k-form-label--required">申请类型</Text>
          <View className="k-chips">
            {types.map((t) => (
              <Text
                key={t.id}
                className={`k-chip${type?.id === t.id ? ' k-chip--on' : ''}`}
                onClick={() => {
                  setType(t);
                  setDrafts({});
                  setProblem(null);
                }}
              >
                {t.icon ? `${t.icon} ` : ''}
                {t.name}
              </Text>
            ))}
          </View>
        </View>
        {type?.fields.map((field) => (
          <View key={field.key} className="k-form-row">
            <Text className={`k-form-label${field.required ? ' k-form-label--required' : ''}`}>
              {field.label}
              {field.kind === 'amount' ? '（元）' : ''}
            </Text>
            <FieldInput
              field={field}
              value={drafts[field.key] ?? null}
              onChange={(v) => setDrafts((d) => ({ ...d, [field.key]: v }))}
            />
          </View>
        ))}
        {problem ? <Text className="applications__problem">{problem}</Text> : null}
        <Button type="primary" block loading={sending} disabled={!type} onClick={() => void send()}>
          提交审批
        </Button>
      </View>
    </View>
  );
}
