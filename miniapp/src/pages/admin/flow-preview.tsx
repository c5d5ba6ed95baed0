import { Button } from '@nutui/nutui-react-taro';
import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { messageOf } from '../../services/api';
import { type FlowInput, type Preview, previewFlow } from '../../services/approval-flows';
import { modeNames } from '../../services/approval-format';
import { yuanToCents } from '../../services/contract-format';
import type { Colleague } from '../../services/directory';

// 预览: which path a document of this amount, sent by this person, takes through the flow as it
// stands in the editor (unsaved changes included), and who approves each step: the server's route.

interface Props {
  docType: string;
  flow: Omit<FlowInput, 'name'>;
  people: Colleague[];
}

export function FlowPreview({ docType, flow, people }: Props) {
  const [amount, setAmount] = useState('600000');
  const [submitterId, setSubmitterId] = useState<number | null>(null);
  const [route, setRoute] = useState<Preview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submitter = submitterId ?? people[0]?.id ?? null;

  const preview = async () => {
    const cents = yuanToCents(amount);
    if (cents === null) return setProblem('请填写大于 0 的金额（元）');
    if (submitter === null) return setProblem('请选择发起人');
    setBusy(true);
    setProblem(null);
    try {
      setRoute(await previewFlow(docType, { values: { amountCents: cents }, submitterId: submitter, flow }));
    } catch (e) {
      setRoute(null);
      setProblem(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="k-card flow-preview">
      <Text className="admin-card__title">预览审批路径</Text>
      <View className="flow-preview__row">
        <Text className="flow-preview__label">金额（元）</Text>
        <Input
          className="k-input flow-preview__amount"
          type="digit"
          value={amount}
          onInput={(e) => setAmount(e.detail.value)}
        />
      </View>
      <Text className="flow-preview__label">发起人</Text>
      <View className="admin-chips">
        {people.slice(0, 12).map((p) => (
          <Text
            key={p.id}
            className={`admin-chip${submitter === p.id ? ' admin-chip--on' : ''}`}
            onClick={() => setSubmitterId(p.id)}
          >
            {p.name}
          </Text>
        ))}
      </View>
      <Button type="primary" size="small" loading={busy} onClick={() => void preview()}>
        预览
      </Button>
      {problem ? <Text className="flow-preview__problem">{problem}</Text> : null}
      {route ? (
        <View className="flow-preview__steps">
          {route.steps.length === 0 ? <Text className="admin-muted">无需审批，提交即通过</Text> : null}
          {route.steps.map((step, i) => (
            <View key={step.nodeId} className="flow-preview__step">
              <Text className="flow-preview__no">{step.kind === 'cc' ? '抄' : i + 1}</Text>
              <View className="flow-preview__main">
                <Text className="flow-preview__name">
                  {step.name}
                  {step.kind === 'approve' && step.approvers.length > 1 ? ` · ${modeNames[step.mode]}` : ''}
                </Text>
                <Text className="flow-preview__who">
                  {step.approvers.length > 0
                    ? step.approvers.map((a) => a.name).join('、')
                    : step.fallback === 'admin'
                      ? '找不到审批人：转给管理员'
                      : '找不到审批人：自动通过'}
                </Text>
              </View>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
