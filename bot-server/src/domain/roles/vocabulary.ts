import { dataScopes, fieldAccesses, type RightObject, type RightVerb } from '@kelian/orm';
import { ruledFields } from '../access/fields.js';

// What a role can speak of, with the words the administrator's console shows: the data scopes,
// the objects and the verbs the policy reads (Role.rights), the fields the presenter rules. The
// console builds its editor from this, so it never offers a rule the server would refuse.

/** A data scope in words, wherever one is shown (the console, the bot's 我). */
export const scopeLabels: Record<(typeof dataScopes)[number], string> = {
  self: '本人',
  department: '本部门',
  department_tree: '本部门及下级',
  all: '全公司',
};

const accessLabels: Record<(typeof fieldAccesses)[number], string> = {
  hidden: '隐藏',
  masked: '脱敏',
  readonly: '只读',
  editable: '可编辑',
};

const verbLabels: Record<RightVerb, string> = {
  read: '查看',
  edit: '修改',
  delete: '删除',
  claim: '认领',
  reassign: '转交',
  export: '导出',
  approve: '审批',
  administer: '管理设置',
};

/**
 * The verbs each object knows: a role may be given these and no others (definition.ts). Approvals
 * (issue 14) decide on customers (a credit limit) and on deals' documents (quotes, contracts,
 * discounts); exports (issue 17) are of the list views.
 */
export const rightsOffered: { object: RightObject; label: string; verbs: RightVerb[] }[] = [
  {
    object: 'customer',
    label: '客户（含联系人、跟进、标签）',
    verbs: ['read', 'edit', 'delete', 'reassign', 'export', 'approve'],
  },
  { object: 'lead', label: '线索', verbs: ['read', 'edit', 'claim', 'reassign', 'export'] },
  {
    object: 'opportunity',
    label: '商机',
    verbs: ['read', 'edit', 'delete', 'reassign', 'export', 'approve'],
  },
  { object: 'task', label: '待办', verbs: ['read', 'edit', 'reassign', 'export'] },
  { object: 'contract', label: '合同', verbs: ['read', 'edit', 'delete', 'export', 'approve'] },
  { object: 'receivable', label: '回款（修改 = 登记回款、设置回款计划）', verbs: ['read', 'edit', 'export'] },
  { object: 'approval', label: '审批（查看范围内同事发起的审批）', verbs: ['read'] },
  { object: 'product', label: '产品', verbs: ['read', 'edit', 'delete', 'export'] },
  {
    object: 'application',
    label: '申请（修改 = 填写并提交申请；查看 = 范围内同事的申请）',
    verbs: ['read', 'edit'],
  },
  { object: 'settings', label: '系统设置（角色、规则、字段、审计日志…）', verbs: ['administer'] },
];

const ruledObjectLabels: Record<keyof typeof ruledFields, string> = {
  customer: '客户',
  contact: '联系人',
  followUp: '跟进记录',
  lead: '线索',
  opportunity: '商机',
};

export const roleVocabulary = {
  scopes: dataScopes.map((value) => ({ value, label: scopeLabels[value] })),
  rights: rightsOffered.map(({ object, label, verbs }) => ({
    object,
    label,
    verbs: verbs.map((verb) => ({ verb, label: verbLabels[verb] })),
  })),
  fieldAccesses: fieldAccesses.map((value) => ({ value, label: accessLabels[value] })),
  fields: Object.entries(ruledFields).map(([object, fields]) => ({
    object,
    label: ruledObjectLabels[object as keyof typeof ruledFields],
    fields: Object.entries(fields).map(([field, { label }]) => ({ field, label })),
  })),
};
