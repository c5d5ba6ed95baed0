// The one table of refusals: every "no" the domain says has a stable code, and here, once, the
// Chinese words for it. The bot answers with them as a sentence; the API puts them in the problem's
// `title` (api/refusal-problems.ts). `kind` tells how a surface should treat it: not-visible (like
// a missing id: probing tells nothing), not-permitted (seen, but not yours to do), field-refused,
// conflict (someone or something got there first: a lead taken, a deal closed), invalid (input
// that does not fit the data: a field rule on a field that does not exist; its code is the type).

import { applicationRefusals } from './refusals-applications.js';

export type RefusalKind = 'not-visible' | 'not-permitted' | 'field-refused' | 'conflict' | 'invalid';
export type RefusalParams = Readonly<Record<string, string | number | null | undefined>>;

const objectNames: Record<string, string> = {
  customer: '客户',
  contact: '联系人',
  lead: '线索',
  task: '待办',
  rule: '规则',
  opportunity: '商机',
  stage: '销售阶段',
  customField: '自定义字段',
  user: '用户',
  department: '部门',
  tag: '标签',
  tagGroup: '标签组',
  role: '角色',
  view: '视图',
  contract: '合同',
  contractAttachment: '合同附件',
  receivable: '回款计划',
  refund: '退款',
  approval: '审批',
  approvalFlow: '审批流程',
  product: '产品',
  quote: '报价',
  application: '申请',
  applicationType: '申请类型',
};

/** The settings an admin keeps, as the refusal names them ("只有管理员可以…"). */
export const settingsAreas = {
  tags: '设置标签',
  leadRules: '设置线索分配规则',
  followUpRules: '设置跟进规则',
  customFields: '设置自定义字段',
  stages: '设置销售阶段',
  auditLog: '查看审计日志',
  wecomSync: '同步企业微信客户',
  roles: '管理角色与权限',
  mergeUsers: '合并成员账号',
  goLive: '查看上线检查与通讯录同步',
  approvalFlows: '设置审批流程',
  applicationTypes: '设置申请类型',
} as const;
export type SettingsArea = keyof typeof settingsAreas;

const verbNames: Record<string, string> = {
  read: '查看',
  edit: '修改',
  delete: '删除',
  claim: '认领',
  reassign: '转交',
  export: '导出',
  approve: '审批',
};

/** The grid's filter operators, as a refusal names them. */
const filterNames: Record<string, string> = {
  contains: '包含',
  eq: '等于',
  in: '属于',
  gte: '不早于/不小于',
  lte: '不晚于/不大于',
  empty: '为空',
  has: '含有',
};

const nameOf = (object: unknown) => objectNames[String(object)] ?? '资源';

interface RefusalRow {
  kind: RefusalKind;
  text: (p: RefusalParams) => string;
}

export const refusals = {
  'not-visible': { kind: 'not-visible', text: (p) => `${nameOf(p.object)}不存在` },
  /** The role may read the object but not do this with it (procurement editing a customer). */
  'not-permitted': {
    kind: 'not-permitted',
    text: (p) =>
      `你的角色可以查看${nameOf(p.object)}，但不能${verbNames[String(p.verb)] ?? '修改'}，请联系管理员`,
  },
  'no-role': { kind: 'not-permitted', text: () => '你还没有客户相关的角色，请联系管理员' },
  'admin-only': {
    kind: 'not-permitted',
    text: (p) => `只有管理员可以${settingsAreas[p.area as SettingsArea] ?? '进行这项设置'}`,
  },
  'pool-customer': { kind: 'not-permitted', text: () => '公海客户需要先认领才能修改' },
  'pool-deal': { kind: 'not-permitted', text: () => '公海客户需要先认领，才能处理它的商机' },
  'reassign-managers-only': {
    kind: 'not-permitted',
    text: () => '只有负责这位客户的主管或管理员可以更换负责人',
  },
  'targets-managers-only': { kind: 'not-permitted', text: () => '只有主管或管理员可以设置销售目标' },
  'target-user-left': { kind: 'invalid', text: (p) => `${p.name} 已离职，不能再为他设置销售目标` },
  'nudge-managers-only': { kind: 'not-permitted', text: () => '只有负责人的主管可以提醒跟进' },
  'field-hidden': { kind: 'not-permitted', text: (p) => `「${p.label}」对你不可见` },
  'field-refused': { kind: 'field-refused', text: () => '没有权限使用标出的字段' },
  'lead-not-in-team': {
    kind: 'not-permitted',
    text: (p) => `这条线索分配给了${p.team ?? '其他团队'}，只有该团队成员可以认领`,
  },
  'lead-taken': { kind: 'conflict', text: (p) => `手慢了，这条线索已被 ${p.owner ?? '同事'} 认领` },
  'lead-closed': { kind: 'conflict', text: () => '这条线索已关闭，不能再认领' },
  'lead-owner-only': { kind: 'not-permitted', text: () => '只有线索的负责人可以修改线索' },
  'lead-invalid-owner-only': { kind: 'not-permitted', text: () => '只有线索的负责人可以标记无效' },
  'lead-not-claimed': { kind: 'not-permitted', text: () => '只有已认领的线索可以退回公海' },
  'lead-already-closed': { kind: 'not-permitted', text: () => '这条线索已关闭' },
  'lead-convert-unclaimed': { kind: 'not-permitted', text: () => '请先认领这条线索，再转为客户' },
  'lead-convert-owner-only': {
    kind: 'not-permitted',
    text: () => '只有线索的负责人或其主管可以转化线索',
  },
  'no-stage': {
    kind: 'not-permitted',
    text: (p) =>
      `没有可用的${p.outcome === 'won' ? '赢单' : p.outcome === 'lost' ? '输单' : '销售'}阶段，请联系管理员`,
  },
  'deal-closed': {
    kind: 'not-permitted',
    text: (p) => (p.status === 'won' ? '这个商机已经赢单了' : '这个商机已经输单了'),
  },
  'deal-same-stage': { kind: 'not-permitted', text: (p) => `商机已经在「${p.stage}」阶段` },
  'role-scope-missing': {
    kind: 'invalid',
    text: () => '请为角色选择数据范围：本人、本部门、本部门及下级或全部',
  },
  'role-field-unknown': {
    kind: 'invalid',
    text: (p) => `没有「${p.field}」这个字段，无法为它设置字段权限`,
  },
  'role-object-unknown': { kind: 'invalid', text: (p) => `没有「${p.object}」这类对象，无法设置权限` },
  'role-verb-unknown': {
    kind: 'invalid',
    text: (p) => `「${p.object}」不能设置「${p.verb}」权限`,
  },
  'role-code-taken': { kind: 'conflict', text: (p) => `已有角色使用代码「${p.code}」` },
  'role-name-taken': { kind: 'conflict', text: (p) => `已有名为「${p.name}」的角色` },
  'role-built-in': { kind: 'conflict', text: (p) => `「${p.name}」是内置角色，不能删除` },
  'role-in-use': {
    kind: 'conflict',
    text: (p) => `还有 ${p.holders} 人担任「${p.name}」，请先为他们移除该角色再删除`,
  },
  'last-administrator': {
    kind: 'conflict',
    text: () => '不能移除最后一位管理员：请先让另一位同事成为管理员',
  },
  'org-sync-running': {
    kind: 'conflict',
    text: () => '通讯录正在同步，请等这次同步结束后再试',
  },
  'scope-department-unknown': { kind: 'invalid', text: () => '所选部门不存在' },
  'custom-field-values-unfit': {
    kind: 'conflict',
    text: (p) =>
      `${p.count} 个${nameOf(p.object)}的「${p.label}」${p.problem}，不能${p.verb}${p.type}字段；请先修改或清空这些值`,
  },
  'custom-field-option-in-use': {
    kind: 'conflict',
    text: (p) =>
      `${p.count} 个${nameOf(p.object)}的「${p.label}」选了「${p.options}」，不能删除这些选项；请先为它们改选其他选项`,
  },
  'merge-self': { kind: 'invalid', text: () => '不能把一个账号合并到它自己，请选择此人在另一个平台上的账号' },
  'merge-same-platform': {
    kind: 'invalid',
    text: (p) =>
      `「${p.kept}」和「${p.other}」都绑定了${p.platform === 'wecom' ? '企业微信' : '钉钉'}账号，不是同一个人在两个平台上的账号，不能合并`,
  },
  'merge-already-merged': {
    kind: 'conflict',
    text: (p) => `「${p.name}」的账号已经合并到其他账号，不能再合并`,
  },
  'owner-left': { kind: 'invalid', text: (p) => `${p.name ?? '该同事'} 已离职，不能成为客户负责人` },
  'lead-owner-left': { kind: 'invalid', text: (p) => `${p.name ?? '该同事'} 已离职，不能成为线索负责人` },
  'grid-column-unknown': { kind: 'invalid', text: (p) => `没有「${p.column}」这一列` },
  'grid-sort-invalid': { kind: 'invalid', text: (p) => `「${p.label}」列不能排序` },
  'grid-filter-invalid': {
    kind: 'invalid',
    text: (p) => `「${p.label}」列的筛选条件无效（${filterNames[String(p.op)] ?? p.op}）`,
  },
  'view-name-taken': { kind: 'conflict', text: (p) => `已有名为「${p.name}」的视图` },
  'task-closed': {
    kind: 'not-permitted',
    text: (p) => (p.status === 'done' ? '这个待办已经完成了' : '这个待办已取消'),
  },
  // Approval flows as an administrator saves them (domain/approvals/validate.ts).
  'flow-node-duplicate': { kind: 'invalid', text: (p) => `审批流程中有重复的节点「${p.node}」` },
  'flow-node-unknown': { kind: 'invalid', text: (p) => `审批流程指向了不存在的节点「${p.node}」` },
  'flow-field-unknown': {
    kind: 'invalid',
    text: (p) => `节点「${p.node}」用到的字段「${p.field}」不存在`,
  },
  'flow-condition-invalid': {
    kind: 'invalid',
    text: (p) => `节点「${p.node}」中「${p.field}」的条件值个数不对`,
  },
  'flow-loop': {
    kind: 'invalid',
    text: (p) => `审批流程出现了循环：「${p.from}」又回到了「${p.to}」，审批将永远无法结束`,
  },
  'flow-unreachable': {
    kind: 'invalid',
    text: (p) => `节点「${p.node}」无法到达：没有任何分支或步骤通向它`,
  },
  'flow-remind-invalid': {
    kind: 'invalid',
    text: (p) => `催办时间应为 1 到 ${p.max} 之间的整数小时（收到的是 ${p.hours}）`,
  },
  'flow-escalate-invalid': {
    kind: 'invalid',
    text: (p) =>
      `超时转交时间应为 1 到 ${p.max} 之间的整数小时，且要晚于催办时间 ${p.remind} 小时（收到的是 ${p.hours}）`,
  },
  'flow-doc-type-unknown': { kind: 'invalid', text: (p) => `没有「${p.docType}」这类单据，无法设置审批流程` },
  'flow-missing': {
    kind: 'conflict',
    text: (p) => `还没有设置${p.label ?? '这类单据'}的审批流程，请联系管理员`,
  },
  // Decisions on a run (domain/approvals/decide.ts …).
  'approval-not-approver': { kind: 'not-permitted', text: () => '你不是这一步的审批人' },
  'approval-decided': { kind: 'conflict', text: (p) => `这一步已由 ${p.by ?? '其他审批人'} 处理` },
  'approval-closed': {
    kind: 'conflict',
    text: (p) =>
      `这个审批${p.status === 'approved' ? '已通过' : p.status === 'rejected' ? '已被驳回' : '已撤回'}，不能再操作`,
  },
  'approval-superseded': { kind: 'conflict', text: () => '这一步已经结束，审批已进入下一步' },
  'approval-reason-required': { kind: 'invalid', text: () => '驳回需要填写理由（至少 2 个字）' },
  'approval-submitter-only': { kind: 'not-permitted', text: () => '只有发起人可以撤回审批' },
  'approval-transfer-invalid': {
    kind: 'invalid',
    text: (p) =>
      p.why === 'self'
        ? '不能转交给自己'
        : p.why === 'inactive'
          ? `${p.name ?? '该同事'} 已离职或不存在，不能转交`
          : `${p.name ?? '该同事'} 已是这一步的审批人`,
  },
  'approval-remind-too-soon': {
    kind: 'conflict',
    text: (p) => `已催办过，每个审批人 1 小时内只能催办一次，请在 ${p.minutes} 分钟后再试`,
  },
  'approval-remind-submitter-only': { kind: 'not-permitted', text: () => '只有发起人可以催办' },
  'approval-pick-missing': { kind: 'invalid', text: (p) => `请为「${p.step}」选择审批人` },
  // Contracts (domain/contracts).
  'contract-amount-invalid': {
    kind: 'invalid',
    text: () => '合同金额必须是大于 0 的整数（单位：分），例如 ¥600,000.00 写作 60000000',
  },
  'contract-dates-invalid': { kind: 'invalid', text: () => '合同结束日期不能早于开始日期' },
  'contract-number-taken': { kind: 'conflict', text: (p) => `合同编号「${p.number}」已被使用` },
  'contract-opportunity-mismatch': { kind: 'invalid', text: () => '所选商机不属于这位客户' },
  'contract-not-active': {
    kind: 'conflict',
    text: (p) =>
      `只有已生效的合同可以终止（这份合同${p.status === 'draft' ? '还是草稿' : p.status === 'pending' ? '正在审批中' : p.status === 'expired' ? '已到期' : '已终止'}）`,
  },
  'attachment-empty': { kind: 'invalid', text: () => '附件是空文件，请重新选择' },
  'attachment-name-invalid': {
    kind: 'invalid',
    text: () => '请提供附件的文件名（?name=，不超过 255 个字）',
  },
  'contract-not-draft': {
    kind: 'conflict',
    text: (p) =>
      `合同${p.status === 'pending' ? '正在审批中' : p.status === 'active' ? '已生效' : p.status === 'expired' ? '已到期' : '已终止'}，不能${p.verb ?? '修改'}`,
  },
  // Products (domain/products).
  'product-price-invalid': {
    kind: 'invalid',
    text: () => '价格必须是不小于 0 的整数（单位：分），例如 ¥1,280.00 写作 128000',
  },
  'product-floor-above-list': { kind: 'invalid', text: () => '底价不能高于标准价' },
  'product-sku-taken': { kind: 'conflict', text: (p) => `SKU「${p.sku}」已被其他产品使用` },
  // Quotes (domain/quotes).
  'quote-lines-empty': { kind: 'invalid', text: () => '报价至少需要一个产品' },
  'quote-product-unknown': { kind: 'invalid', text: (p) => `第 ${p.line} 行的产品不存在` },
  'quote-product-inactive': {
    kind: 'invalid',
    text: (p) => `第 ${p.line} 行的产品「${p.name}」已停用，不能报价`,
  },
  'quote-quantity-invalid': { kind: 'invalid', text: (p) => `第 ${p.line} 行的数量必须是正整数` },
  'quote-price-invalid': {
    kind: 'invalid',
    text: (p) => `第 ${p.line} 行的单价必须是不小于 0 的整数（单位：分）`,
  },
  'quote-discount-invalid': {
    kind: 'invalid',
    text: (p) => `第 ${p.line} 行的折扣应在 0% 到 100% 之间，最多两位小数`,
  },
  'quote-valid-until-past': { kind: 'invalid', text: (p) => `有效期不能早于今天（${p.today}）` },
  'quote-not-editable': {
    kind: 'conflict',
    text: (p) => `报价${quoteStatusWords(p.status)}，不能${p.verb ?? '修改'}`,
  },
  'quote-not-approved': {
    kind: 'conflict',
    text: (p) => `只有已批准的报价可以转合同（这份报价${quoteStatusWords(p.status)}）`,
  },
  'quote-expired': { kind: 'conflict', text: (p) => `报价已过有效期（${p.validUntil}），不能转合同` },
  // Receivable plans and receipts (domain/receivables).
  'receivable-amount-invalid': {
    kind: 'invalid',
    text: () => '金额必须是大于 0 的整数（单位：分），例如 ¥120,000.00 写作 12000000',
  },
  'receivable-plan-size': { kind: 'invalid', text: (p) => `回款计划应有 1 到 ${p.max} 期` },
  'receivable-plan-over-contract': {
    kind: 'invalid',
    text: (p) => `回款计划合计 ${p.planned} 超过了合同金额 ${p.contract}`,
  },
  'contract-amount-below-plan': {
    kind: 'conflict',
    text: (p) => `合同金额 ${p.contract} 低于已排的回款计划合计 ${p.planned}：先取消或调整回款计划`,
  },
  'receivable-plan-closed': {
    kind: 'conflict',
    text: (p) =>
      `合同${p.status === 'pending' ? '正在审批中' : p.status === 'expired' ? '已到期' : '已终止'}，不能再设置回款计划（草稿和已生效的合同可以）`,
  },
  'receivable-contract-unsigned': {
    kind: 'conflict',
    text: (p) => `合同${p.status === 'pending' ? '正在审批中' : '还是草稿'}，生效后才能登记回款`,
  },
  'receivable-cancelled': { kind: 'conflict', text: () => '这一期回款计划已取消，不能再登记回款或延期' },
  'receivable-has-receipts': { kind: 'conflict', text: () => '这一期已有回款记录，不能取消' },
  'receivable-settled': { kind: 'conflict', text: () => '这一期已全部回款' },
  'receipt-over-open': {
    kind: 'invalid',
    text: (p) =>
      `本次回款 ${p.amount} 超过了这一期未回款的 ${p.open}；如确属客户多付，请勾选「多付」后再登记`,
  },
  'receivable-defer-invalid': { kind: 'invalid', text: (p) => `延期天数应为 1 到 ${p.max} 的整数` },
  'refund-over-received': {
    kind: 'invalid',
    text: (p) => `退款 ${p.amount} 超过了这份合同可退的 ${p.refundable}（已回款减去已批准和审批中的退款）`,
  },
  'refund-not-draft': { kind: 'conflict', text: () => '这笔退款已提交过审批，请重新发起退款申请' },
  'receivable-owner-only': { kind: 'not-permitted', text: () => '只有合同负责人或财务可以处理这条回款提醒' },
  ...applicationRefusals,
} satisfies Record<string, RefusalRow>;

export type RefusalCode = keyof typeof refusals;

/** "还是草稿", "正在审批中" … as a refusal says where a quote stands. */
function quoteStatusWords(status: string | number | null | undefined): string {
  const words: Record<string, string> = {
    draft: '还是草稿',
    pending: '正在审批中',
    approved: '已批准',
    rejected: '已被驳回',
    converted: '已转合同',
    expired: '已过期',
  };
  return words[String(status)] ?? '状态不对';
}

/** A refusal as data: what a result (a claim's outcome) or an error carries. */
export interface Refusal {
  code: RefusalCode;
  params?: RefusalParams;
}

export const refusalKind = (r: Refusal): RefusalKind => refusals[r.code].kind;

/** The words, as the API's problem title (no closing full stop). */
export const refusalText = (r: Refusal): string => refusals[r.code].text(r.params ?? {});

/** The words as the bot says them: a sentence. */
export const refusalSentence = (r: Refusal): string => {
  const text = refusalText(r);
  return /[。！？]$/.test(text) ? text : `${text}。`;
};
