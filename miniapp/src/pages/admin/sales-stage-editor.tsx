import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { createStage, type PipelineStage, saveStage } from '../../services/sales-settings';
import { Chips } from './chips';
import { DetailPanel } from './console-frame';
import { Field, TextBox } from './sales-field';
import { typedNumber, typedOptional } from './sales-input';
import { useChange } from './use-change';

// One stage's editor: its name, win probability, stall limit and whether entering it needs a
// 阶段审批. A new stage is an open one, put
// after the others (move it with 上移 in the list). Stages are never deleted: deals point at them.

const gateChoices = [
  { value: false, label: '直接进入' },
  { value: true, label: '需要审批' },
];

interface Props {
  stage: PipelineStage | undefined;
  onSaved(stage: PipelineStage): void;
  onClose(): void;
}

export function StageEditor({ stage, onSaved, onClose }: Props) {
  const [name, setName] = useState(stage?.name ?? '');
  const [probability, setProbability] = useState(String(stage?.probability ?? ''));
  const [stall, setStall] = useState(stage?.stalledAfterDays?.toString() ?? '');
  const [gated, setGated] = useState(stage?.requiresApproval ?? false);
  const { busy, run } = useChange();
  const open = (stage?.outcome ?? 'open') === 'open';

  const save = () =>
    run(async () => {
      const input = {
        name,
        probability: typedNumber(probability),
        ...(open && { stalledAfterDays: typedOptional(stall), requiresApproval: gated }),
      };
      onSaved(stage ? await saveStage(stage.id, input) : await createStage(input));
      void Taro.showToast({ title: '已保存', icon: 'success' });
    });

  return (
    <DetailPanel back="返回阶段列表" onBack={onClose}>
      <View className="k-card sales-form">
        <Text className="admin-card__title">{stage ? `编辑「${stage.name}」` : '新建销售阶段'}</Text>
        <Field label="阶段名称">
          <TextBox value={name} placeholder="如：样品测试" onChange={setName} />
        </Field>
        <Field label="赢率" hint="到了这个阶段，商机大约有多大把握成交（0 到 100）">
          <TextBox value={probability} placeholder="如：40" suffix="%" onChange={setProbability} />
        </Field>
        {open ? (
          <Field label="停滞提醒" hint="商机在此阶段停留超过这么多天，提醒负责人和主管；留空表示不提醒">
            <TextBox value={stall} placeholder="不提醒" suffix="天" onChange={setStall} />
          </Field>
        ) : null}
        {open ? (
          <Field label="阶段审批" hint="开启后，商机进入此阶段要先通过「阶段审批」（流程在审批流程中设置）">
            <Chips choices={gateChoices} isOn={(v) => v === gated} onChoose={setGated} />
          </Field>
        ) : null}
        <View className="admin-actions">
          <Button type="primary" loading={busy} onClick={() => void save()}>
            {stage ? '保存' : '创建阶段'}
          </Button>
        </View>
        {stage ? (
          <Text className="admin-card__hint">修改立即生效，已在此阶段的商机按新的天数计算停滞。</Text>
        ) : null}
      </View>
    </DetailPanel>
  );
}
