import { Input, Text, View } from '@tarojs/components';
import type { FlowDefinition, FlowType } from '../../services/approval-flows';

// Post-approval actions (Cordys' 审批后操作): the fields a step's approval, or the run's, sets, each
// to a value typed here or to the value of one of the document's fields of the same kind (the
// 信用额度申请's amount to the customer's credit limit). Only types that take actions offer it.

type Action = NonNullable<FlowDefinition['onApproved']>[number];

interface Props {
  type: Pick<FlowType, 'settable' | 'fields'>;
  /** 审批通过后设置字段, 这一步同意后设置字段. */
  title: string;
  actions: Action[];
  onChange(actions: Action[]): void;
}

export function ActionsEditor({ type, title, actions, onChange }: Props) {
  if (type.settable.length === 0) return null;
  const first = type.settable[0]!;
  const set = (i: number, action: Action) => onChange(actions.map((a, at) => (at === i ? action : a)));
  return (
    <View className="flow-actions">
      <Text className="flow-next__label">{title}</Text>
      {actions.map((action, i) => {
        const target = type.settable.find((s) => s.field === action.set);
        const sources = type.fields.filter((f) => f.kind === target?.kind);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: an action has no id of its own; its place is its identity
          <View key={i} className="flow-actions__row">
            <View className="admin-chips">
              {type.settable.map((s) => (
                <Text
                  key={s.field}
                  className={`admin-chip${s.field === action.set ? ' admin-chip--on' : ''}`}
                  onClick={() => set(i, { set: s.field, value: '' })}
                >
                  {s.label}
                </Text>
              ))}
            </View>
            <Text className="admin-card__hint">设为</Text>
            <View className="admin-chips">
              {sources.map((f) => (
                <Text
                  key={f.field}
                  className={`admin-chip${action.from === f.field ? ' admin-chip--on' : ''}`}
                  onClick={() => set(i, { set: action.set, from: f.field })}
                >
                  取「{f.label}」
                </Text>
              ))}
            </View>
            {action.from === undefined ? (
              <Input
                className="k-input"
                placeholder="或填写固定值"
                value={action.value === undefined || action.value === null ? '' : String(action.value)}
                onInput={(e) => {
                  const text = e.detail.value;
                  const numeric =
                    target?.kind === 'number' && text.trim() !== '' && !Number.isNaN(Number(text));
                  set(i, { set: action.set, value: numeric ? Number(text) : text });
                }}
              />
            ) : null}
            <Text className="flow-link" onClick={() => onChange(actions.filter((_, at) => at !== i))}>
              删除
            </Text>
          </View>
        );
      })}
      <Text className="flow-link" onClick={() => onChange([...actions, { set: first.field, value: '' }])}>
        + 设置字段
      </Text>
    </View>
  );
}
