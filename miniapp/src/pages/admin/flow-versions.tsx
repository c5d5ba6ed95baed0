import { formatDateTime } from '@kelian/cards/format/date';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { messageOf } from '../../services/api';
import {
  type FlowField,
  type FlowNode,
  type FlowVersion,
  listFlowVersions,
} from '../../services/approval-flows';
import type { Colleague } from '../../services/directory';
import { describeSource, fieldLabel, kindNames, opNames, valuesToText } from './flow-words';

// 历史版本 under the flow editor: every version saved of this document type's flow, newest first,
// who saved it and when; one opened shows its steps, read-only. An approval under way keeps the
// version it began on, so an older version still tells how that approval goes on.

const modeNames = { sequential: '依次审批', all: '会签', any: '或签' } as const;

export function FlowVersions({
  docType,
  fields,
  people,
}: {
  docType: string;
  fields: FlowField[];
  /** To name the people a step lists by id. */
  people: Colleague[];
}) {
  const names = new Map(people.map((p) => [p.id, p.name]));
  const [versions, setVersions] = useState<FlowVersion[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  useEffect(() => {
    listFlowVersions(docType).then(
      (page) => setVersions(page.items),
      (e: unknown) => setProblem(messageOf(e)),
    );
  }, [docType]);

  return (
    <View className="k-card flow-versions">
      <Text className="admin-card__title">历史版本</Text>
      <Text className="admin-card__hint">只读。进行中的审批按提交时的版本继续，不受后来的修改影响。</Text>
      {problem ? <Text className="admin-muted">{problem}</Text> : null}
      {versions === null && !problem ? <Text className="admin-muted">正在加载历史版本…</Text> : null}
      {versions?.length === 0 ? <Text className="admin-muted">还没有保存过流程</Text> : null}
      {versions?.map((v, i) => (
        <View key={v.id} className="flow-version">
          <View className="flow-version__head" onClick={() => setOpen(open === v.id ? null : v.id)}>
            <View className="flow-version__title">
              <Text className="flow-version__name">
                第 {v.version} 版 · {v.name}
              </Text>
              {i === 0 ? <Text className="admin-badge">当前</Text> : null}
            </View>
            <Text className="flow-version__meta">
              {v.createdBy?.name ?? '系统'} 保存于 {formatDateTime(v.createdAt)} · {v.definition.nodes.length}{' '}
              个节点
              {open === v.id ? ' ▲' : ' ▼'}
            </Text>
          </View>
          {open === v.id ? (
            <View className="flow-version__steps">
              <Text className="flow-version__rule">
                找不到审批人时：{v.onNoApprover === 'admin' ? '转给管理员' : '自动通过'}
              </Text>
              {v.definition.nodes.map((node, n) => (
                <Text key={node.id} className={`flow-version__step flow-version__step--${node.kind}`}>
                  {n + 1}. {kindNames[node.kind]}「{node.name}」
                  {v.definition.start === node.id ? '（起点）' : ''}：
                  {stepText(node, v.definition.nodes, fields, names)}
                </Text>
              ))}
            </View>
          ) : null}
        </View>
      ))}
    </View>
  );
}

/** One step in a line: who approves and how, or where each branch leads. */
function stepText(
  node: FlowNode,
  nodes: FlowNode[],
  fields: FlowField[],
  names: Map<number, string>,
): string {
  if (node.kind === 'approve') return `${describeSource(node.approvers, names)} · ${modeNames[node.mode]}`;
  if (node.kind === 'cc') return `抄送 ${describeSource(node.approvers, names)}`;
  const to = (next: string | null) => {
    const n = nodes.findIndex((x) => x.id === next);
    return n < 0 ? '结束' : `${n + 1}. ${nodes[n]?.name}`;
  };
  const branches = node.branches.map((b) => {
    const when = b.when
      .map((c) => `${fieldLabel(fields, c.field)} ${opNames[c.op]} ${valuesToText(c.value, c.field)}`)
      .join('，且');
    return `${when || b.name} → ${to(b.next)}`;
  });
  return `${branches.join('；')}；其他 → ${to(node.otherwise)}`;
}
