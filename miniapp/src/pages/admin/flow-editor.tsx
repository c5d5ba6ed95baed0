import { Button } from '@nutui/nutui-react-taro';
import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ApiError, messageOf } from '../../services/api';
import {
  checkFlow,
  type FlowDefinition,
  type FlowInput,
  type FlowNode,
  type FlowType,
  saveFlow,
} from '../../services/approval-flows';
import type { Colleague } from '../../services/directory';
import { DetailPanel } from './console-frame';
import { ActionsEditor } from './flow-actions';
import { NodeCard } from './flow-node-card';
import { FlowPreview } from './flow-preview';
import { FlowTimers, type TimerText, timerHours, timerTextOf } from './flow-timers';
import { newNode, withNode, withoutNode } from './flow-words';

// One document type's flow: its nodes edited in place, checked by the server (a loop, a node no
// path reaches, an unknown field: its words shown here), previewed, and saved as a new version.
// Approvals already running keep the version they started with.

interface Props {
  type: FlowType;
  people: Colleague[];
  onSaved(flow: NonNullable<FlowType['flow']>): void;
  onClose(): void;
}

const empty: FlowDefinition = { start: null, nodes: [] };

/** Why the server refused: the fields' own messages, else its title. */
const reasonOf = (e: unknown) =>
  e instanceof ApiError && e.errors.length > 0
    ? e.errors.map((f) => `${f.field}：${f.message}`).join('；')
    : messageOf(e);

export function FlowEditor({ type, people, onSaved, onClose }: Props) {
  const current = type.flow;
  const [name, setName] = useState(current?.name ?? `${type.label}审批`);
  const [onNoApprover, setOnNoApprover] = useState<FlowInput['onNoApprover']>(
    current?.onNoApprover ?? 'admin',
  );
  const [definition, setDefinition] = useState<FlowDefinition>(current?.definition ?? empty);
  const [timers, setTimers] = useState<TimerText>(timerTextOf(current ?? null));
  const [verdict, setVerdict] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const hours = timerHours(timers);
  const rules = { definition, onNoApprover, ...('problem' in hours ? {} : hours) };
  const input: FlowInput = { name, ...rules };

  const change = (next: FlowDefinition) => {
    setDefinition(next);
    setVerdict(null);
  };
  const act = async (what: 'check' | 'save') => {
    if ('problem' in hours) return setVerdict({ ok: false, text: hours.problem });
    setBusy(true);
    try {
      if (what === 'check') {
        await checkFlow(type.docType, input);
        setVerdict({ ok: true, text: '检查通过：没有循环，每个节点都能到达' });
      } else {
        const saved = await saveFlow(type.docType, input);
        setVerdict({ ok: true, text: `已保存为第 ${saved.version} 版；进行中的审批继续按原版本` });
        void Taro.showToast({ title: '已保存', icon: 'success' });
        onSaved(saved);
      }
    } catch (e) {
      setVerdict({ ok: false, text: reasonOf(e) });
    } finally {
      setBusy(false);
    }
  };
  const add = (kind: FlowNode['kind']) => {
    const node = newNode(definition, kind);
    change({ start: definition.start ?? node.id, nodes: [...definition.nodes, node] });
  };

  return (
    <DetailPanel back="返回流程列表" onBack={onClose}>
      <View className="k-card flow-editor">
        <Text className="admin-card__title">
          {type.label}审批流程 · {current ? `当前第 ${current.version} 版` : '尚未设置'}
        </Text>
        <View className="flow-editor__row">
          <Text className="flow-next__label">流程名称</Text>
          <Input className="k-input" value={name} onInput={(e) => setName(e.detail.value)} />
        </View>
        <View className="flow-editor__row">
          <Text className="flow-next__label">找不到审批人时</Text>
          <View className="admin-chips">
            {(['admin', 'auto_pass'] as const).map((rule) => (
              <Text
                key={rule}
                className={`admin-chip${onNoApprover === rule ? ' admin-chip--on' : ''}`}
                onClick={() => setOnNoApprover(rule)}
              >
                {rule === 'admin' ? '转给管理员' : '自动通过'}
              </Text>
            ))}
          </View>
        </View>
        <FlowTimers
          value={timers}
          onChange={(next) => {
            setTimers(next);
            setVerdict(null);
          }}
        />
        {definition.nodes.length === 0 ? (
          <Text className="admin-muted">还没有节点：先添加一个审批或条件。</Text>
        ) : null}
        {definition.nodes.map((node, i) => (
          <NodeCard
            key={node.id}
            number={i + 1}
            node={node}
            nodes={definition.nodes}
            fields={type.fields}
            settable={type.settable}
            people={people}
            isStart={definition.start === node.id}
            onChange={(changed) => change(withNode(definition, changed))}
            onRemove={() => change(withoutNode(definition, node.id))}
            onStart={() => change({ ...definition, start: node.id })}
          />
        ))}
        <View className="flow-editor__add">
          <Text className="flow-link" onClick={() => add('approve')}>
            + 审批
          </Text>
          <Text className="flow-link" onClick={() => add('condition')}>
            + 条件
          </Text>
          <Text className="flow-link" onClick={() => add('cc')}>
            + 抄送
          </Text>
        </View>
        <ActionsEditor
          type={type}
          title="审批通过后设置字段"
          actions={definition.onApproved ?? []}
          onChange={(onApproved) => change({ ...definition, onApproved })}
        />
        {verdict ? (
          <Text className={`flow-verdict flow-verdict--${verdict.ok ? 'ok' : 'bad'}`}>{verdict.text}</Text>
        ) : null}
        <View className="admin-actions">
          <Button disabled={busy} onClick={() => void act('check')}>
            检查
          </Button>
          <Button type="primary" loading={busy} onClick={() => void act('save')}>
            保存为新版本
          </Button>
        </View>
      </View>
      <FlowPreview docType={type.docType} flow={rules} people={people} />
    </DetailPanel>
  );
}
