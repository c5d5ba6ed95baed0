import { formatAmount } from '@kelian/cards/format/money';
import type { Approval, ApprovalStep, BoxItem, StepTask, TimelineEntry } from './approvals';

// How the 审批 pages word a run: its state, a step's mode and progress, each task and timeline
// entry, and the document's key figures as the approver decides on them. Pure, unit-tested.

export const runStatusNames: Record<Approval['status'], string> = {
  pending: '审批中',
  approved: '已通过',
  rejected: '已驳回',
  withdrawn: '已撤回',
};

/** A run state's pill tone (components/record.css). */
export const runTones: Record<Approval['status'], string> = {
  pending: 'orange',
  approved: 'green',
  rejected: 'red',
  withdrawn: 'grey',
};

export const modeNames: Record<ApprovalStep['mode'], string> = {
  sequential: '依次审批',
  all: '会签',
  any: '或签',
};

export const taskStatusNames: Record<StepTask['status'], string> = {
  waiting: '未轮到',
  pending: '审批中',
  approved: '已同意',
  rejected: '已驳回',
  skipped: '无需审批',
  transferred: '已转交',
  cancelled: '已取消',
  notified: '已抄送',
};

export const actionNames: Record<TimelineEntry['action'], string> = {
  submit: '提交审批',
  approve: '同意',
  reject: '驳回',
  withdraw: '撤回',
  transfer: '转交',
  auto_pass: '自动通过',
  cc: '抄送',
  remind: '催办',
};

export const docTypeNames: Record<string, string> = { contract: '合同', quote: '报价', refund: '退款' };
/** 合同, 报价 …; an administrator's type (`application:<id>`) is an application (申请), named in the title. */
export const docTypeName = (docType: string) =>
  docTypeNames[docType] ?? (docType.startsWith('application:') ? '申请' : docType);

export type StepState = 'done' | 'current' | 'upcoming' | 'stopped';

/** Where a step stands: passed, being decided, still ahead, or never reached (rejected, withdrawn). */
export function stepState(run: Pick<Approval, 'status' | 'currentStep'>, index: number): StepState {
  if (run.status === 'approved' || index < run.currentStep) return 'done';
  if (index > run.currentStep) return run.status === 'pending' ? 'upcoming' : 'stopped';
  return run.status === 'pending' ? 'current' : 'done';
}

/** Who the step waits for now. */
export const waitingOn = (step: ApprovalStep): string[] =>
  step.tasks.filter((t) => t.status === 'pending').map((t) => t.approver.name);

/**
 * One line for the head of a run, as the cards say it: 李娜 已同意 · 1/3 · 等待 王建国 while
 * pending; the outcome once decided.
 */
export function progressLine(run: Approval): string {
  const approvals = run.steps.filter((s) => s.kind === 'approve');
  if (run.status !== 'pending') {
    const last = [...run.timeline].reverse().find((e) => e.action !== 'cc');
    const who = last?.actor?.name;
    return who
      ? `${who} ${actionNames[last.action]} · ${runStatusNames[run.status]}`
      : runStatusNames[run.status];
  }
  const passed = run.steps.filter((s, i) => s.kind === 'approve' && stepState(run, i) === 'done').length;
  const lastApproval = [...run.timeline].reverse().find((e) => e.action === 'approve');
  const current = run.steps[run.currentStep];
  const waiting = current ? waitingOn(current) : [];
  return [
    lastApproval?.actor ? `${lastApproval.actor.name} 已同意` : null,
    `${passed}/${approvals.length}`,
    waiting.length ? `等待 ${waiting.join('、')}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** A box row's second line: the step it waits at, or its outcome. */
export const rowState = (item: BoxItem): string =>
  item.status === 'pending' && item.step ? `等待「${item.step}」` : runStatusNames[item.status];

export interface Fact {
  label: string;
  value: string;
}

const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

/** The document's figures an approver decides on, as submitted (the run's snapshot). */
export function documentFacts(
  docType: string,
  doc: Record<string, unknown>,
  figures: Approval['figures'],
): Fact[] {
  // Every other type (quotes, refunds, an administrator's applications): its card's own rows.
  if (docType !== 'contract') return [...(figures.emphasis ? [figures.emphasis] : []), ...figures.rows];
  const amount = typeof doc.amountCents === 'number' ? doc.amountCents : null;
  const start = text(doc.startDate);
  const end = text(doc.endDate);
  const facts: (Fact | null)[] = [
    { label: '合同金额', value: formatAmount(amount, 'exact') },
    text(doc.number) ? { label: '合同编号', value: text(doc.number)! } : null,
    text(doc.customerName) ? { label: '客户', value: text(doc.customerName)! } : null,
    start && end ? { label: '合同期', value: `${start} 至 ${end}` } : null,
    { label: '签约日期', value: text(doc.signedDate) ?? '未填写' },
  ];
  return facts.filter((f): f is Fact => f !== null);
}

/**
 * The flow's preset reasons for 驳回, when the server sends them (`flow.presetReasons`); none:
 * the reason is typed.
 */
export function presetReasonsOf(run: Approval): string[] {
  const reasons = (run.flow as { presetReasons?: unknown }).presetReasons;
  return Array.isArray(reasons) ? reasons.filter((r): r is string => typeof r === 'string') : [];
}
