import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import {
  createFollowUpRule,
  deleteFollowUpRule,
  type FollowUpRule,
  type FollowUpRuleInput,
  saveFollowUpRule,
} from '../../services/sales-settings';
import { Chips } from './chips';
import { DetailPanel } from './console-frame';
import { confirmDelete, EnabledField, Field, TextBox } from './sales-field';
import { typedNumber } from './sales-input';
import { CUSTOM_FIELD, dateColumns, events, objects, triggers } from './sales-words';
import { useChange } from './use-change';

// One follow-up rule's editor, read as a sentence: for which records, when (after an event, around
// a date, after days without follow-up), how many days, and what to do. The server checks the rule
// as a whole (the event exists for the object, only customers go back to the pool …).

interface Props {
  rule: FollowUpRule | undefined;
  onSaved(rule: FollowUpRule): void;
  onDeleted(id: number): void;
  onClose(): void;
}

const blank: FollowUpRuleInput = {
  name: '',
  enabled: true,
  object: 'customer',
  trigger: 'event',
  event: 'created',
  dateField: null,
  offsetDays: 3,
  action: 'task',
  taskTitle: '',
};

const daysHint: Record<FollowUpRule['trigger'], string> = {
  event: '事件发生后第几天（0：当天）',
  date: '日期之前填负数（-7：提前 7 天），之后填正数',
  inactivity: '连续这么多天没有任何跟进',
};

export function FollowUpEditor({ rule, onSaved, onDeleted, onClose }: Props) {
  const [draft, setDraft] = useState<FollowUpRuleInput>(() => ({ ...blank, ...rule }));
  const [days, setDays] = useState(String(rule?.offsetDays ?? blank.offsetDays));
  const { busy, run } = useChange();
  const set = (change: Partial<FollowUpRuleInput>) => setDraft({ ...draft, ...change });
  const custom = draft.dateField?.startsWith(CUSTOM_FIELD) ? draft.dateField.slice(CUSTOM_FIELD.length) : '';

  const save = () =>
    run(async () => {
      const input: FollowUpRuleInput = {
        name: draft.name,
        enabled: draft.enabled,
        object: draft.object,
        trigger: draft.trigger,
        event: draft.trigger === 'event' ? draft.event : null,
        dateField: draft.trigger === 'date' ? draft.dateField : null,
        offsetDays: typedNumber(days),
        action: draft.action,
        taskTitle: draft.action === 'task' ? draft.taskTitle : null,
      };
      onSaved(rule ? await saveFollowUpRule(rule.id, input) : await createFollowUpRule(input));
      void Taro.showToast({ title: '已保存', icon: 'success' });
    });

  const remove = async () => {
    if (!rule) return;
    if (await confirmDelete('删除规则', rule.name, '它已创建的待办会保留。'))
      await run(async () => {
        await deleteFollowUpRule(rule.id);
        onDeleted(rule.id);
      });
  };

  return (
    <DetailPanel back="返回规则列表" onBack={onClose}>
      <View className="k-card sales-form">
        <Text className="admin-card__title">{rule ? `编辑「${rule.name}」` : '新建跟进规则'}</Text>
        <Field label="规则名称">
          <TextBox
            value={draft.name}
            placeholder="如：新客户 3 天内回访"
            onChange={(name) => set({ name })}
          />
        </Field>
        <EnabledField enabled={draft.enabled ?? true} onChange={(enabled) => set({ enabled })} />
        <Field label="适用于">
          <Chips
            choices={objects}
            isOn={(v) => v === draft.object}
            onChoose={(object) => set({ object, event: events[object][0]?.value ?? null, dateField: null })}
          />
        </Field>
        <Field label="什么时候">
          <Chips
            choices={triggers}
            isOn={(v) => v === draft.trigger}
            onChoose={(trigger) => set({ trigger })}
          />
        </Field>
        {draft.trigger === 'event' ? (
          <Field label="事件">
            <Chips
              choices={events[draft.object]}
              isOn={(v) => v === draft.event}
              onChoose={(event) => set({ event })}
            />
          </Field>
        ) : null}
        {draft.trigger === 'date' ? (
          <Field label="日期字段" hint="也可以填一个日期型自定义字段的名称，如 合同到期日">
            {dateColumns[draft.object].length > 0 ? (
              <Chips
                choices={dateColumns[draft.object]}
                isOn={(v) => v === draft.dateField}
                onChoose={(dateField) => set({ dateField })}
              />
            ) : null}
            <TextBox
              value={custom}
              placeholder="自定义日期字段"
              onChange={(key) => set({ dateField: key.trim() ? `${CUSTOM_FIELD}${key.trim()}` : null })}
            />
          </Field>
        ) : null}
        <Field label="天数" hint={daysHint[draft.trigger]}>
          <TextBox value={days} placeholder="如：3" suffix="天" onChange={setDays} />
        </Field>
        <Field label="然后">
          <Chips
            choices={[
              { value: 'task' as const, label: '给负责人创建待办' },
              { value: 'pool' as const, label: '退回公海' },
            ]}
            isOn={(v) => v === draft.action}
            onChoose={(action) => set({ action })}
          />
        </Field>
        {draft.action === 'task' ? (
          <Field label="待办标题">
            <TextBox
              value={draft.taskTitle ?? ''}
              placeholder="如：回访新客户"
              onChange={(taskTitle) => set({ taskTitle })}
            />
          </Field>
        ) : null}
        <View className="admin-actions">
          <Button type="primary" loading={busy} onClick={() => void save()}>
            {rule ? '保存' : '创建规则'}
          </Button>
          {rule ? (
            <Button fill="outline" type="danger" disabled={busy} onClick={() => void remove()}>
              删除规则
            </Button>
          ) : null}
        </View>
      </View>
    </DetailPanel>
  );
}
