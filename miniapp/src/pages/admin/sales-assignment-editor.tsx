import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { Department } from '../../services/admin';
import {
  type AssignmentRule,
  createAssignmentRule,
  deleteAssignmentRule,
  saveAssignmentRule,
} from '../../services/sales-settings';
import { Chips } from './chips';
import { DetailPanel } from './console-frame';
import { confirmDelete, EnabledField, Field, TextBox } from './sales-field';
import { typedList, typedOptional } from './sales-input';
import { strategies } from './sales-words';
import { useChange } from './use-change';

// One assignment rule's editor: its name, whether it is on, the conditions a lead must meet (any of
// the values typed, empty: any), the team it goes to and how, and when an idle lead is recycled.
// Nothing is stored before 保存; a refusal keeps the rule as it was and says why.

interface Props {
  rule: AssignmentRule | undefined;
  departments: Department[];
  onSaved(rule: AssignmentRule): void;
  onDeleted(): void;
  onClose(): void;
}

const joined = (values: string[]) => values.join('、');

export function AssignmentEditor({ rule, departments, onSaved, onDeleted, onClose }: Props) {
  const [name, setName] = useState(rule?.name ?? '');
  const [enabled, setEnabled] = useState(rule?.enabled ?? true);
  const [regions, setRegions] = useState(joined(rule?.regions ?? []));
  const [sources, setSources] = useState(joined(rule?.sources ?? []));
  const [industries, setIndustries] = useState(joined(rule?.industries ?? []));
  const [teamId, setTeamId] = useState<number | null>(rule?.team.id ?? null);
  const [strategy, setStrategy] = useState(rule?.strategy ?? 'claim');
  const [recycle, setRecycle] = useState(rule?.recycleAfterDays?.toString() ?? '');
  const { busy, run } = useChange();

  const save = () =>
    run(async () => {
      const input = {
        name,
        enabled,
        regions: typedList(regions),
        sources: typedList(sources),
        industries: typedList(industries),
        // No team picked: the server names what is missing.
        teamId: teamId as number,
        strategy,
        recycleAfterDays: typedOptional(recycle),
      };
      onSaved(rule ? await saveAssignmentRule(rule.id, input) : await createAssignmentRule(input));
      void Taro.showToast({ title: '已保存', icon: 'success' });
    });

  const remove = async () => {
    if (!rule) return;
    if (await confirmDelete('删除规则', rule.name, '已分配的线索不受影响。'))
      await run(async () => {
        await deleteAssignmentRule(rule.id);
        onDeleted();
      });
  };

  return (
    <DetailPanel back="返回规则列表" onBack={onClose}>
      <View className="k-card sales-form">
        <Text className="admin-card__title">{rule ? `编辑「${rule.name}」` : '新建分配规则'}</Text>
        <Field label="规则名称">
          <TextBox value={name} placeholder="如：华北地区" onChange={setName} />
        </Field>
        <EnabledField enabled={enabled} onChange={setEnabled} />
        <Text className="sales-form__section">线索满足以下条件（留空表示不限）</Text>
        <Field label="地区" hint="按开头匹配：「北京」包括「北京市」；多个用顿号分隔">
          <TextBox value={regions} placeholder="如：北京、天津、河北" onChange={setRegions} />
        </Field>
        <Field label="来源">
          <TextBox value={sources} placeholder="如：官网表单、展会" onChange={setSources} />
        </Field>
        <Field label="行业">
          <TextBox value={industries} placeholder="如：制造业" onChange={setIndustries} />
        </Field>
        <Text className="sales-form__section">分给</Text>
        <Field label="负责团队" hint="含下级部门的成员">
          <Chips
            choices={departments.map((d) => ({ value: d.id, label: d.name }))}
            isOn={(v) => v === teamId}
            onChoose={setTeamId}
          />
        </Field>
        <Field label="分配方式" hint={strategies.find((s) => s.value === strategy)?.hint}>
          <Chips choices={strategies} isOn={(v) => v === strategy} onChoose={setStrategy} />
        </Field>
        <Field label="自动回收" hint="认领后这么多天没有跟进，线索退回公海；留空表示不回收">
          <TextBox value={recycle} placeholder="不回收" suffix="天" onChange={setRecycle} />
        </Field>
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
