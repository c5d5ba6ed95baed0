import type { AuditAction } from '../../services/admin-data';
import { objectNames as fieldObjectNames, typeNames } from './data-words';

// The audit log in Chinese: what was acted on, what was done, which field, and its values as a
// person reads them. A name not listed here (a later module's object or field) shows as stored.

export const objectTypeNames: Record<string, string> = {
  customer: '客户',
  contact: '联系人',
  followUp: '跟进记录',
  lead: '线索',
  opportunity: '商机',
  task: '待办',
  stage: '销售阶段',
  sales_target: '销售目标',
  assignmentRule: '线索分配规则',
  followUpRule: '跟进规则',
  customFieldDefinition: '自定义字段',
  tagGroup: '标签组',
  tag: '标签',
  role: '角色',
  user: '成员',
};

export const actionNames: Record<AuditAction, string> = {
  create: '新建',
  update: '修改',
  delete: '删除',
  restore: '恢复',
  export: '导出',
  reveal: '查看原值',
  merge: '合并',
  login: '登录',
  forgery: '伪造的操作（已拒绝）',
};

const fieldNames: Record<string, string> = {
  name: '名称',
  kind: '类型',
  creditCode: '统一社会信用代码',
  industry: '行业',
  level: '等级',
  region: '地区',
  city: '城市',
  address: '地址',
  phone: '电话',
  mobile: '手机',
  email: '邮箱',
  title: '职务',
  wechat: '微信',
  source: '来源',
  tags: '标签',
  customFields: '自定义字段',
  owner: '负责人',
  collaborators: '协作人',
  deletedAt: '删除时间',
  customer: '客户',
  contact: '联系人',
  content: '内容',
  nextStep: '下一步',
  nextAt: '下次跟进时间',
  occurredAt: '跟进时间',
  status: '状态',
  team: '团队',
  invalidReason: '无效原因',
  amountCents: '金额',
  expectedCloseDate: '预计成交日期',
  stage: '阶段',
  lostReason: '输单原因',
  code: '代码',
  defaultScope: '默认数据范围',
  rights: '操作权限',
  fieldRules: '字段权限',
  roles: '角色',
  position: '排序',
  probability: '赢率',
  stalledAfterDays: '停滞天数',
  outcome: '结果',
  active: '启用',
  enabled: '启用',
  regions: '地区',
  sources: '来源',
  industries: '行业',
  strategy: '分配方式',
  recycleAfterDays: '自动回收天数',
  label: '字段名称',
  key: '字段键',
  type: '类型',
  options: '选项',
  required: '必填',
  object: '对象',
  exclusive: '单选',
  group: '标签组',
  color: '颜色',
  dueAt: '截止时间',
  postponements: '延期次数',
  fields: '字段',
};

/** The fields whose values are people's ids, and those that name another record by its id. */
const personFields = new Set(['owner', 'collaborators']);
const recordFields = new Set(['customer', 'contact', 'team', 'stage', 'group']);

export const fieldName = (field: string) => fieldNames[field] ?? field;

export const objectTypeName = (type: string) => objectTypeNames[type] ?? type;

const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const pad = (n: number) => String(n).padStart(2, '0');

/** 2026-12-06 15:20, in the device's time zone. */
export function timeText(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** One value as a person reads it; `people` names the ids of owners and collaborators. */
export function valueText(
  objectType: string,
  field: string,
  value: unknown,
  people: ReadonlyMap<number, string>,
): string {
  if (value === null || value === undefined || value === '') return '空';
  if (Array.isArray(value)) {
    if (value.length === 0) return '空';
    return value.map((v) => valueText(objectType, field, v, people)).join('、');
  }
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') {
    if (personFields.has(field)) return people.get(value) ?? `成员 #${value}`;
    if (recordFields.has(field)) return `#${value}`;
    if (field === 'amountCents') return `¥${(value / 100).toLocaleString('zh-CN')}`;
    return String(value);
  }
  if (typeof value === 'string') {
    if (objectType === 'customFieldDefinition' && field === 'type')
      return typeNames[value as keyof typeof typeNames] ?? value;
    if (objectType === 'customFieldDefinition' && field === 'object')
      return fieldObjectNames[value as keyof typeof fieldObjectNames] ?? value;
    return isoTime.test(value) ? timeText(value) : value;
  }
  // An object: custom field values by key, a role's rules …
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${fieldName(k)}：${valueText(objectType, k, v, people)}`)
    .join('；');
}
