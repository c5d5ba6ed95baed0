import type {
  ApproverSource,
  FlowCondition,
  FlowDefinition,
  FlowField,
  FlowNode,
} from '../../services/approval-flows';

// The flow editor's words and the pure work on a draft: naming sources and operators, reading a
// condition's values as typed (money fields in yuan, stored in cents), adding and removing nodes
// without leaving a dangling link. Unit-tested.

export const sourceNames: Record<ApproverSource['type'], string> = {
  user: '指定成员',
  role: '角色',
  manager: '上级',
  manager_chain: '连续多级上级',
  department_head: '部门负责人',
  submitter_pick: '发起人自选',
  field: '单据上的人员字段',
};

export const opNames: Record<FlowCondition['op'], string> = {
  eq: '等于',
  ne: '不等于',
  gt: '大于',
  lt: '小于',
  gte: '大于等于',
  lte: '小于等于',
  between: '介于',
  contains: '包含',
  in_department: '属于部门',
  in_role: '担任角色',
};

export const kindNames: Record<FlowNode['kind'], string> = { approve: '审批', cc: '抄送', condition: '条件' };

/** A field kept in cents (its name ends in Cents) is typed and shown in yuan. */
export const isMoney = (field: string) => /Cents$/.test(field);

/** The field as the editor names it (a money field without its 分). */
export const fieldLabel = (fields: FlowField[], field: string) =>
  (fields.find((f) => f.field === field)?.label ?? field).replace('（分）', '（元）');

/** A condition's values as typed: `500000` or `10,20` (between) → cents for money, numbers for numbers. */
export function valuesFromText(text: string, field: FlowField | undefined): (string | number)[] {
  const parts = text
    .split(/[,，、\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (!field || (field.kind !== 'number' && !isMoney(field.field))) return parts;
  return parts.map((p) => {
    const n = Number(p);
    if (!Number.isFinite(n)) return p;
    return isMoney(field.field) ? Math.round(n * 100) : n;
  });
}

/** The values back as text for the input. */
export const valuesToText = (values: (string | number)[], field: string) =>
  values.map((v) => (typeof v === 'number' && isMoney(field) ? String(v / 100) : String(v))).join(', ');

/** What a source means, in a line: 上级（1 级）、角色 finance、指定成员 3 人. */
export function describeSource(source: ApproverSource, names: Map<number, string> = new Map()): string {
  switch (source.type) {
    case 'user':
      return source.userIds.map((id) => names.get(id) ?? `#${id}`).join('、') || '未选择成员';
    case 'role':
      return `角色：${source.role}`;
    case 'manager':
      return source.level === 1 ? '发起人的直属上级' : `发起人的第 ${source.level} 级上级`;
    case 'manager_chain':
      return `从直属上级起连续 ${source.upTo} 级`;
    case 'field':
      return `单据字段：${source.field}`;
    default:
      return sourceNames[source.type];
  }
}

/** A fresh node id not used in the draft: approve-2, cc-1 … */
export function freshId(definition: FlowDefinition, kind: FlowNode['kind']): string {
  const used = new Set(definition.nodes.map((n) => n.id));
  let i = 1;
  while (used.has(`${kind}-${i}`)) i++;
  return `${kind}-${i}`;
}

export function newNode(definition: FlowDefinition, kind: FlowNode['kind']): FlowNode {
  const id = freshId(definition, kind);
  if (kind === 'condition') {
    return {
      id,
      kind,
      name: '条件分支',
      branches: [{ name: '分支 1', when: [], next: null }],
      otherwise: null,
    };
  }
  if (kind === 'cc')
    return { id, kind, name: '抄送', approvers: { type: 'role', role: 'finance' }, next: null };
  return { id, kind, name: '审批', approvers: { type: 'manager', level: 1 }, mode: 'any', next: null };
}

/** The draft without node `id`; every link to it now ends the flow (the server then checks reachability). */
export function withoutNode(definition: FlowDefinition, id: string): FlowDefinition {
  const unlink = (target: string | null) => (target === id ? null : target);
  return {
    start: unlink(definition.start),
    nodes: definition.nodes
      .filter((n) => n.id !== id)
      .map((n) =>
        n.kind === 'condition'
          ? {
              ...n,
              otherwise: unlink(n.otherwise),
              branches: n.branches.map((b) => ({ ...b, next: unlink(b.next) })),
            }
          : { ...n, next: unlink(n.next) },
      ),
  };
}

/** The draft with node `id` replaced by `node`. */
export const withNode = (definition: FlowDefinition, node: FlowNode): FlowDefinition => ({
  ...definition,
  nodes: definition.nodes.map((n) => (n.id === node.id ? node : n)),
});
