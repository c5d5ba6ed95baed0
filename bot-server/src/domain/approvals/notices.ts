import type { ApprovalInstance, RouteStep } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Notifier, Recipients } from '../notify/notifier.js';
import { stalledDealSubject } from '../sales/stalled.js';
import type { SettleNotices } from './document.js';
import type { ApprovalTodos } from './todos.js';

// Every message an approval causes, in one place, planned in the deciding transaction: approval
// cards in people's direct chats (an approver's to decide on, a CC's and the submitter's to follow,
// the submitter's outcome), and after every change an update of every copy. Whose copy a card is
// travels in its variant (approvalVariant), which the card presenter reads back.

export interface ApprovalNotices extends SettleNotices {
  /** The approvers a step now waits for. */
  toApprovers(tx: EntityManager, run: ApprovalInstance, step: RouteStep, userIds: number[]): Promise<void>;
  /** The submitter, once the run waits for its first approvers: a copy to follow it (and withdraw). */
  submitted(tx: EntityManager, run: ApprovalInstance): Promise<void>;
  /** The people a CC step names. */
  toCc(tx: EntityManager, run: ApprovalInstance, userIds: number[]): Promise<void>;
  /** The submitter: approved, or rejected with the reason. */
  outcome(tx: EntityManager, run: ApprovalInstance, by: string | null, reason?: string): Promise<void>;
  /** Approvers whose pending task ended without them (withdrawn, rejected by another). */
  closed(tx: EntityManager, run: ApprovalInstance, userIds: number[], why: string): Promise<void>;
  /** Anything about the run changed: every copy of its cards shows the new state. */
  changed(tx: EntityManager, run: ApprovalInstance): Promise<void>;
  /** 催办: a new copy of the approver's card, saying who reminds them and how long it has waited. */
  reminded(tx: EntityManager, run: ApprovalInstance, userId: number, nudge: Nudge): Promise<void>;
}

/** Why a copy was sent again: the timer (催办 after the flow's hours) or the submitter's 催办. */
export interface Nudge {
  by: 'timer' | 'submitter';
  /** Whole hours the task had waited when reminded. */
  hours: number;
}

/** Whose copy of a run's card it is. */
export type ApprovalCopy =
  | { kind: 'approver'; step: number; userId: number; nudge?: Nudge }
  | { kind: 'cc' }
  /** The deal's group: everyone there follows it; nobody decides in it. */
  | { kind: 'group' }
  | { kind: 'submitter' }
  | { kind: 'outcome' };

// A reminder's copy carries who reminded and the hours waited (`s0u5r26`: the timer, 26 hours;
// `m` the submitter): every later refresh renders the same words, not a count that keeps growing.
const nudgeLetters = { timer: 'r', submitter: 'm' } as const;

export function approvalVariant(copy: ApprovalCopy): string {
  if (copy.kind !== 'approver') return copy.kind;
  const nudge = copy.nudge ? `${nudgeLetters[copy.nudge.by]}${copy.nudge.hours}` : '';
  return `s${copy.step}u${copy.userId}${nudge}`;
}

export function parseApprovalVariant(variant: string | undefined): ApprovalCopy | undefined {
  const approver = variant === undefined ? null : /^s(\d+)u(\d+)(?:([rm])(\d+))?$/.exec(variant);
  if (approver) {
    const copy = { kind: 'approver', step: Number(approver[1]), userId: Number(approver[2]) } as const;
    if (!approver[3]) return copy;
    return {
      ...copy,
      nudge: { by: approver[3] === 'r' ? 'timer' : 'submitter', hours: Number(approver[4]) },
    };
  }
  if (variant === 'cc' || variant === 'group' || variant === 'submitter' || variant === 'outcome')
    return { kind: variant };
  return undefined;
}

/** Cards in the chats, and the approvers' DingTalk 待办 following every change (todos.ts). */
export function cardNotices(notifier: Notifier, todos: ApprovalTodos): ApprovalNotices {
  const subject = (run: ApprovalInstance) => ({ type: 'approval', id: run.id });
  const postTo = async (tx: EntityManager, run: ApprovalInstance, to: Recipients, copy: ApprovalCopy) => {
    // A run being submitted gets its id, which its cards name, when first written.
    if (run.id === undefined) await tx.flush();
    await notifier.postCard(tx, subject(run), to, approvalVariant(copy));
  };
  const post = (tx: EntityManager, run: ApprovalInstance, userIds: number[], copy: ApprovalCopy) =>
    postTo(tx, run, { kind: 'users', userIds }, copy);
  return {
    async toApprovers(tx, run, _step, userIds) {
      // Each approver's own copy: its buttons decide their task on this step, nobody else's.
      for (const userId of userIds)
        await post(tx, run, [userId], { kind: 'approver', step: run.currentStep, userId });
      await notifier.refreshCards(tx, subject(run));
      await todos.runChanged(tx, run);
    },
    async submitted(tx, run) {
      if (run.status !== 'pending') return;
      await post(tx, run, [run.submitter.id], { kind: 'submitter' });
      // The deal's group follows it to the end: its copy is refreshed with every other one.
      if (run.opportunity)
        await postTo(tx, run, { kind: 'deal', opportunityId: run.opportunity.id }, { kind: 'group' });
    },
    async toCc(tx, run, userIds) {
      if (userIds.length > 0) await post(tx, run, userIds, { kind: 'cc' });
    },
    async outcome(tx, run) {
      await post(tx, run, [run.submitter.id], { kind: 'outcome' });
      await notifier.refreshCards(tx, subject(run));
    },
    // Their copies say who ended it and how, once refreshed.
    closed: (tx, run) => notifier.refreshCards(tx, subject(run)),
    async changed(tx, run) {
      await notifier.refreshCards(tx, subject(run));
      await todos.runChanged(tx, run);
    },
    dealMoved: (tx, dealId) => notifier.refreshCards(tx, stalledDealSubject(dealId)),
    // Only the new copy: nothing on the others changed, and refreshing them would spend their WeCom
    // response codes (one update each until the next click) for nothing.
    reminded: (tx, run, userId, nudge) =>
      post(tx, run, [userId], { kind: 'approver', step: run.currentStep, userId, nudge }),
  };
}
