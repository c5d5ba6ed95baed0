// The refusals of administrators' document types and their applications (issue 14), and of the
// post-approval actions a flow carries: the one table (refusals.ts) takes them in as they are.

type Params = Readonly<Record<string, string | number | null | undefined>>;

export const applicationRefusals = {
  'application-field-unknown': { kind: 'invalid', text: (p) => `这类申请没有「${p.field}」这个字段` },
  'application-field-required': { kind: 'invalid', text: (p) => `请填写「${p.label}」` },
  'application-field-invalid': { kind: 'invalid', text: (p) => `「${p.label}」应为${p.expected}` },
  'application-choice-invalid': {
    kind: 'invalid',
    text: (p) => `「${p.label}」只能选：${p.options}`,
  },
  'application-record-missing': { kind: 'invalid', text: (p) => `「${p.label}」选的成员不存在或已离职` },
  'application-type-retired': { kind: 'conflict', text: (p) => `「${p.name}」已停用，不能再提交这类申请` },
  'application-not-submittable': {
    kind: 'conflict',
    text: (p) =>
      p.status === 'pending'
        ? '这份申请正在审批中，不能再次提交'
        : p.status === 'approved'
          ? '这份申请已通过，不能再次提交'
          : '只有申请人可以提交自己的申请',
  },
  'application-type-field-duplicate': { kind: 'invalid', text: (p) => `字段标识「${p.field}」重复了` },
  'application-type-choice-empty': { kind: 'invalid', text: (p) => `选项字段「${p.label}」至少需要一个选项` },
  'application-type-choice-duplicate': { kind: 'invalid', text: (p) => `选项字段「${p.label}」有重复的选项` },
  'application-type-name-taken': { kind: 'conflict', text: (p) => `已有名为「${p.name}」的申请类型` },
  'application-type-builtin': {
    kind: 'conflict',
    text: (p) => `「${p.name}」是客联自带的申请类型：字段不能修改，也不能直接新建（它的审批流程可以设置）`,
  },
  'deal-stage-gated': {
    kind: 'conflict',
    text: (p) => `进入「${p.stage}」需要审批：已提交阶段审批，通过后商机才会进入这一阶段`,
  },
  'deal-stage-gate-pending': {
    kind: 'conflict',
    text: (p) => `这个商机进入「${p.stage}」的阶段审批还在进行中，审批结束前不能再调整阶段`,
  },
  'deal-stage-gated-batch': {
    kind: 'conflict',
    text: (p) => `进入「${p.stage}」需要审批，不能批量调整：请逐个商机调整，各自提交阶段审批`,
  },
  'flow-action-field-unknown': {
    kind: 'invalid',
    text: (p) => `「${p.node}」的审批后操作设置了这类单据不能设置的字段「${p.field}」`,
  },
  'flow-action-invalid': {
    kind: 'invalid',
    text: (p) =>
      `「${p.node}」的审批后操作给「${p.field}」的值不对：填一个该字段接受的值，或选一个同类的字段取值`,
  },
} satisfies Record<string, { kind: 'invalid' | 'conflict'; text: (p: Params) => string }>;
