import type { Card, CardAction, CardField, CardReasonPrompt, Tone } from '../model/card.js';
import { createCard } from '../model/create-card.js';
import { callback, link } from './parts.js';
import { paths } from './paths.js';

/** Where the whole run stands: the same on every copy. */
export type ApprovalCardState =
  /** `done` of `total` approval steps passed; `lastApprover` approved most recently. */
  | { kind: 'pending'; done: number; total: number; waitingFor: string[]; lastApprover?: string }
  | { kind: 'approved'; total: number; by?: string }
  | { kind: 'rejected'; by: string; reason: string }
  | { kind: 'withdrawn'; by: string };

/** The reader's own part: an approver's task on the card's step. */
export type ApprovalCardMine =
  | { kind: 'open' }
  /** An any-of (或签) sibling decided first. */
  | { kind: 'skipped'; by: string }
  | { kind: 'transferred'; to: string }
  /** Decided by the reader, or ended with the step or the run. */
  | { kind: 'closed' };

/** Who the copy is for: it decides the buttons, never what the state says. */
export type ApprovalCardRole =
  | { kind: 'approver'; step: number; mine: ApprovalCardMine; reasons: { id: string; text: string }[] }
  | { kind: 'cc' }
  /** The deal's group: the deal's people follow it there; decisions stay in the approvers' chats. */
  | { kind: 'group' }
  | { kind: 'submitter' }
  /** The submitter's outcome message: sent once the run ended, never updated. */
  | { kind: 'outcome' };

export interface ApprovalCardView {
  cardId: string;
  runId: string;
  /** 合同审批 · 北京星河智能科技 */
  title: string;
  submitter: string;
  /** The document's one figure that matters (合同金额), when its type names one. */
  emphasis?: { label: string; value: string };
  /** The document's key figures, as its type supplies them (at most 5 rows fit with the progress). */
  figures: CardField[];
  state: ApprovalCardState;
  role: ApprovalCardRole;
  /**
   * 催办: this copy reminds the approver, by the timer or by the submitter, of a document (合同
   * ¥600,000.00) that had waited `hours` when the reminder went out.
   */
  nudge?: { by: 'timer' | 'submitter'; document: string; hours: number };
}

/** 催办：张伟 的合同 ¥600,000.00 已等待 26 小时 / 张伟 催办：合同 … 已等待不到 1 小时 */
function nudgeLine(view: ApprovalCardView, nudge: NonNullable<ApprovalCardView['nudge']>): string {
  const waited = nudge.hours < 1 ? '不到 1 小时' : ` ${nudge.hours} 小时`;
  return nudge.by === 'timer'
    ? `催办：${view.submitter} 的${nudge.document} 已等待${waited}`
    : `${view.submitter} 催办：${nudge.document} 已等待${waited}`;
}

function subtitleOf(view: ApprovalCardView): string {
  if (view.role.kind === 'outcome') return '你提交的审批有了结果';
  if (view.role.kind === 'group') return `${view.submitter} 提交 · 本商机的审批`;
  return view.nudge ? nudgeLine(view, view.nudge) : `${view.submitter} 提交`;
}

const OTHER_REASON = { id: 'other', text: '其他原因' };

function stateLine(state: ApprovalCardState): { text: string; tone: Tone; badge: string } {
  switch (state.kind) {
    case 'pending': {
      const last = state.lastApprover ? `${state.lastApprover} 已同意 · ` : '';
      const progress = `${state.done}/${state.total}`;
      return {
        text: `${last}${progress} · 等待 ${state.waitingFor.join('、') || '审批人'}`,
        tone: 'warning',
        badge: `审批中 ${progress}`,
      };
    }
    case 'approved':
      return {
        text: `${state.by ? `${state.by} 已同意 · ` : ''}${state.total}/${state.total} · 审批通过`,
        tone: 'success',
        badge: '已通过',
      };
    case 'rejected':
      return { text: `${state.by} 已驳回：${state.reason}`, tone: 'danger', badge: '已驳回' };
    case 'withdrawn':
      return { text: `${state.by} 已撤回申请`, tone: 'neutral', badge: '已撤回' };
  }
}

/** The reader's own part overrides the badge and prefixes the line: what they can still do. */
function mineLine(mine: ApprovalCardMine, line: ReturnType<typeof stateLine>) {
  switch (mine.kind) {
    case 'open':
      return { ...line, badge: '待你审批' };
    case 'skipped':
      return {
        text: `已由 ${mine.by} 处理（或签） · ${line.text}`,
        tone: 'neutral' as const,
        badge: '已由他人处理',
      };
    case 'transferred':
      return { text: `已转交 ${mine.to} · ${line.text}`, tone: 'neutral' as const, badge: '已转交' };
    case 'closed':
      return line;
  }
}

function actionsOf(view: ApprovalCardView): { actions: CardAction[]; reasonPrompt?: CardReasonPrompt } {
  const open = link('打开', paths.approval(view.runId));
  const pending = view.state.kind === 'pending';
  const { role } = view;
  if (role.kind === 'approver' && pending && role.mine.kind === 'open') {
    const step = String(role.step);
    return {
      actions: [
        callback('同意', 'primary', 'approval.approve', view.runId, step),
        callback('驳回', 'danger', 'approval.reject', view.runId, step),
        open,
      ],
      reasonPrompt: {
        key: 'reason',
        title: '驳回理由',
        options: [...role.reasons, OTHER_REASON],
        placeholder: '驳回时填写理由（至少 2 个字）',
      },
    };
  }
  if (role.kind === 'submitter' && pending)
    return { actions: [callback('撤回', 'default', 'approval.withdraw', view.runId), open] };
  if (role.kind === 'cc' && pending)
    return { actions: [callback('查看进度', 'default', 'approval.status', view.runId), open] };
  return { actions: [open] };
}

/**
 * An approval as each person sees it in their chat: the approvers of the current step decide on it
 * (同意 / 驳回 with a reason), the submitter and the CC'd follow it; every copy shows the same run
 * state ("李娜 已同意 · 1/3 · 等待 罗娟、梁宇"), updated after each decision.
 */
export function buildApprovalCard(view: ApprovalCardView): Card {
  const line = stateLine(view.state);
  const status = view.role.kind === 'approver' ? mineLine(view.role.mine, line) : line;
  const { actions, reasonPrompt } = actionsOf(view);
  return createCard({
    id: view.cardId,
    kind: 'approval',
    title: view.title,
    subtitle: subtitleOf(view),
    ...(view.emphasis && { emphasis: view.emphasis }),
    fields: view.figures,
    status,
    actions,
    ...(reasonPrompt && { reasonPrompt }),
    link: { path: paths.approval(view.runId) },
  });
}

/** A reason option id back to its text; `other` and unknown ids give undefined. */
export function approvalReasonText(reasons: readonly string[], id: string | undefined): string | undefined {
  const match = id === undefined ? undefined : /^r(\d+)$/.exec(id);
  return match ? reasons[Number(match[1])] : undefined;
}

/** The preset reasons as card options: `r<index>` ids, so the click names one without its text. */
export const approvalReasonOptions = (reasons: readonly string[]) =>
  reasons.map((text, i) => ({ id: `r${i}`, text }));

/**
 * 其他原因 on WeCom, whose cards take no free text: one tap opens the run's page in the mini-app,
 * where the reason is typed and the rejection made.
 */
export function buildApprovalReasonCard(cardId: string, runId: string, title: string): Card {
  const page = paths.approval(runId);
  return createCard({
    id: cardId,
    kind: 'approval',
    title,
    fields: [],
    status: { text: '请在审批详情页填写驳回理由后驳回', tone: 'warning', badge: '填写理由' },
    actions: [link('填写理由并驳回', page, 'primary')],
    link: { path: page },
  });
}
