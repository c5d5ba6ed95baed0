import { Input, Text, View } from '@tarojs/components';
import type { FlowField, FlowNode, FlowType } from '../../services/approval-flows';
import type { Colleague } from '../../services/directory';
import { ActionsEditor } from './flow-actions';
import { BranchesEditor } from './flow-branches';
import { NextPicker } from './flow-links';
import { SourceEditor } from './flow-source';
import { kindNames } from './flow-words';

// One node of the flow being edited: its name, and by its kind the approvers and mode (审批), the
// people copied (抄送) or the branches (条件), and where it leads.

const modes = [
  { key: 'any', label: '或签（一人同意即可）' },
  { key: 'all', label: '会签（全部同意）' },
  { key: 'sequential', label: '依次审批' },
] as const;

interface Props {
  /** Its number on the page, as the links name it. */
  number: number;
  node: FlowNode;
  nodes: FlowNode[];
  fields: FlowField[];
  /** What the type lets a step's approval set (审批后操作); none for contracts and quotes. */
  settable: FlowType['settable'];
  people: Colleague[];
  isStart: boolean;
  onChange(node: FlowNode): void;
  onRemove(): void;
  onStart(): void;
}

export function NodeCard({
  number,
  node,
  nodes,
  fields,
  settable,
  people,
  isStart,
  onChange,
  onRemove,
  onStart,
}: Props) {
  return (
    <View className={`flow-node flow-node--${node.kind}`}>
      <View className="flow-node__head">
        <Text className="flow-node__kind">
          {number}. {kindNames[node.kind]}
        </Text>
        <Input
          className="k-input flow-node__name"
          value={node.name}
          onInput={(e) => onChange({ ...node, name: e.detail.value })}
        />
        {isStart ? (
          <Text className="flow-node__start">起点</Text>
        ) : (
          <Text className="flow-link" onClick={onStart}>
            设为起点
          </Text>
        )}
        <Text className="flow-link flow-link--danger" onClick={onRemove}>
          删除
        </Text>
      </View>
      {node.kind === 'condition' ? (
        <BranchesEditor node={node} nodes={nodes} fields={fields} onChange={onChange} />
      ) : (
        <>
          <SourceEditor
            source={node.approvers}
            fields={fields}
            people={people}
            onChange={(approvers) => onChange({ ...node, approvers })}
          />
          {node.kind === 'approve' ? (
            <View className="admin-chips">
              {modes.map((m) => (
                <Text
                  key={m.key}
                  className={`admin-chip${node.mode === m.key ? ' admin-chip--on' : ''}`}
                  onClick={() => onChange({ ...node, mode: m.key })}
                >
                  {m.label}
                </Text>
              ))}
            </View>
          ) : null}
          {node.kind === 'approve' ? (
            <ActionsEditor
              type={{ settable, fields }}
              title="这一步同意后设置字段"
              actions={node.onApprove ?? []}
              onChange={(onApprove) => onChange({ ...node, onApprove })}
            />
          ) : null}
          <NextPicker
            label="然后"
            value={node.next}
            nodes={nodes}
            self={node.id}
            onChange={(next) => onChange({ ...node, next })}
          />
        </>
      )}
    </View>
  );
}
