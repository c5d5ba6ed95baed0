import { Input, Picker, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { ConditionNode, FlowCondition, FlowField, FlowNode } from '../../services/approval-flows';
import { NextPicker } from './flow-links';
import { fieldLabel, opNames, valuesFromText, valuesToText } from './flow-words';

// A condition node's branches: each a name, its rules (all must hold: field, operator, values;
// money in yuan), and where it leads; the first branch whose rules hold is taken, else 其他情况.

const ops = Object.keys(opNames) as FlowCondition['op'][];

interface Props {
  node: ConditionNode;
  nodes: FlowNode[];
  fields: FlowField[];
  onChange(node: ConditionNode): void;
}

export function BranchesEditor({ node, nodes, fields, onChange }: Props) {
  const setBranch = (i: number, branch: ConditionNode['branches'][number]) =>
    onChange({ ...node, branches: node.branches.map((b, j) => (j === i ? branch : b)) });
  return (
    <View className="flow-branches">
      {node.branches.map((branch, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a branch has no id of its own; its place is its identity
        <View key={`${node.id}-${i}`} className="flow-branch">
          <View className="flow-branch__head">
            <Input
              className="k-input flow-branch__name"
              value={branch.name}
              onInput={(e) => setBranch(i, { ...branch, name: e.detail.value })}
            />
            {node.branches.length > 1 ? (
              <Text
                className="flow-link flow-link--danger"
                onClick={() => onChange({ ...node, branches: node.branches.filter((_, j) => j !== i) })}
              >
                删除分支
              </Text>
            ) : null}
          </View>
          {branch.when.map((c, k) => (
            <Rule
              // biome-ignore lint/suspicious/noArrayIndexKey: a rule has no id of its own; its place is its identity
              key={`${c.field}-${k}`}
              condition={c}
              fields={fields}
              onChange={(changed) =>
                setBranch(i, {
                  ...branch,
                  when: changed
                    ? branch.when.map((x, m) => (m === k ? changed : x))
                    : branch.when.filter((_, m) => m !== k),
                })
              }
            />
          ))}
          <Text
            className="flow-link"
            onClick={() =>
              setBranch(i, {
                ...branch,
                when: [...branch.when, { field: fields[0]?.field ?? '', op: 'gt', value: [] }],
              })
            }
          >
            + 添加规则
          </Text>
          <NextPicker
            label="满足时进入"
            value={branch.next}
            nodes={nodes}
            self={node.id}
            onChange={(next) => setBranch(i, { ...branch, next })}
          />
        </View>
      ))}
      <Text
        className="flow-link"
        onClick={() =>
          onChange({
            ...node,
            branches: [...node.branches, { name: `分支 ${node.branches.length + 1}`, when: [], next: null }],
          })
        }
      >
        + 添加分支
      </Text>
      <NextPicker
        label="其他情况进入"
        value={node.otherwise}
        nodes={nodes}
        self={node.id}
        onChange={(otherwise) => onChange({ ...node, otherwise })}
      />
    </View>
  );
}

function Rule({
  condition,
  fields,
  onChange,
}: {
  condition: FlowCondition;
  fields: FlowField[];
  onChange(condition: FlowCondition | null): void;
}) {
  const fieldIndex = Math.max(
    0,
    fields.findIndex((f) => f.field === condition.field),
  );
  const field = fields[fieldIndex];
  // What is typed stays as typed until the box is left, then becomes the rule's values.
  const [text, setText] = useState(valuesToText(condition.value, condition.field));
  return (
    <View className="flow-rule">
      <Picker
        mode="selector"
        range={fields.map((f) => fieldLabel(fields, f.field))}
        value={fieldIndex}
        onChange={(e) =>
          onChange({ ...condition, field: fields[Number(e.detail.value)]?.field ?? condition.field })
        }
      >
        <Text className="flow-rule__pick">{fieldLabel(fields, condition.field)} ▾</Text>
      </Picker>
      <Picker
        mode="selector"
        range={ops.map((op) => opNames[op])}
        value={ops.indexOf(condition.op)}
        onChange={(e) => onChange({ ...condition, op: ops[Number(e.detail.value)] ?? condition.op })}
      >
        <Text className="flow-rule__pick">{opNames[condition.op]} ▾</Text>
      </Picker>
      <Input
        className="k-input flow-rule__value"
        placeholder={condition.op === 'between' ? '如 100000, 500000' : '值'}
        value={text}
        onInput={(e) => setText(e.detail.value)}
        onBlur={() => onChange({ ...condition, value: valuesFromText(text, field) })}
      />
      <Text className="flow-link flow-link--danger" onClick={() => onChange(null)}>
        ×
      </Text>
    </View>
  );
}
