import type { ApprovalInstance, RouteStep } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import { localDate } from '../followups/local-time.js';
import type { Messenger } from '../notify/messenger.js';
import { customerEvidence } from './document-types.js';

// Every message an approval causes, in one place, as plain texts in people's direct chats, sent in
// the deciding transaction. The approval cards (issue 14's next step) replace these functions and
// nothing else.

export interface ApprovalNotices {
  /** The approvers a step now waits for. */
  toApprovers(tx: EntityManager, run: ApprovalInstance, step: RouteStep, userIds: number[]): Promise<void>;
  /** The people a CC step names. */
  toCc(tx: EntityManager, run: ApprovalInstance, userIds: number[]): Promise<void>;
  /** The submitter: approved, or rejected with the reason. */
  outcome(tx: EntityManager, run: ApprovalInstance, by: string | null, reason?: string): Promise<void>;
  /** Approvers whose pending task ended without them (withdrawn, rejected by another). */
  closed(tx: EntityManager, run: ApprovalInstance, userIds: number[], why: string): Promise<void>;
}

/** "2/3": the current step among the run's approval steps. */
const progress = (run: ApprovalInstance) => {
  const approving = (steps: RouteStep[]) => steps.filter((s) => s.kind === 'approve').length;
  return `${approving(run.route.slice(0, run.currentStep + 1))}/${approving(run.route)}`;
};

/** The customer's figures an approver weighs (逾期回款 …), one line each, as of the company's day. */
async function evidenceLines(tx: EntityManager, run: ApprovalInstance, timeZone: string): Promise<string> {
  if (!run.customer) return '';
  const today = localDate(new Date(), timeZone);
  let lines = '';
  for (const figure of customerEvidence) {
    const shown = await figure(tx, run.customer.id, today);
    if (shown) lines += `\n${shown.label}：${shown.value}`;
  }
  return lines;
}

export function textNotices(messenger: Messenger, timeZone: string): ApprovalNotices {
  return {
    async toApprovers(tx, run, step, userIds) {
      if (userIds.length === 0) return;
      await messenger.tell(
        tx,
        userIds,
        `【待审批】${run.submitter.name} 提交的${run.title}，等待你审批（${step.name} · ${progress(run)}）${await evidenceLines(tx, run, timeZone)}`,
      );
    },
    async toCc(tx, run, userIds) {
      if (userIds.length === 0) return;
      await messenger.tell(tx, userIds, `【抄送】${run.submitter.name} 提交的${run.title}，抄送给你`);
    },
    async outcome(tx, run, by, reason) {
      const text =
        run.status === 'approved'
          ? `【审批通过】你提交的${run.title}已通过审批`
          : `【审批驳回】你提交的${run.title}被${by ?? ''}驳回，理由：${reason ?? ''}。修改后可重新提交`;
      await messenger.tell(tx, [run.submitter.id], text);
    },
    async closed(tx, run, userIds, why) {
      if (userIds.length === 0) return;
      await messenger.tell(tx, userIds, `【审批结束】${run.title}${why}，无需再审批`);
    },
  };
}
