import type { ContractStatus, ReceivableInstalment } from '@kelian/orm';
import { RefusedError } from '../access/errors.js';

// What a receivable is, whatever door it came through: amounts are positive whole cents; an
// instalment is 未回款, 部分回款, 已回款 or, once its day has passed with money still open, 逾期.

export type InstalmentStatus = 'unpaid' | 'partial' | 'paid' | 'overdue' | 'cancelled';

export const instalmentStatusLabels: Record<InstalmentStatus, string> = {
  unpaid: '未回款',
  partial: '部分回款',
  paid: '已回款',
  overdue: '逾期',
  cancelled: '已取消',
};

type Amounts = Pick<ReceivableInstalment, 'amountCents' | 'receivedCents'>;

export function checkCents(amountCents: number): void {
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0)
    throw new RefusedError('receivable-amount-invalid');
}

/** What is still owed on the instalment (never below 0: an overpayment owes nothing). */
export const openCents = (i: Amounts): number => Math.max(0, i.amountCents - i.receivedCents);

/** The status on `today` (YYYY-MM-DD, the company's day): overdue from the day after the due date. */
export function instalmentStatus(
  i: Amounts & Pick<ReceivableInstalment, 'state' | 'dueDate'>,
  today: string,
): InstalmentStatus {
  if (i.state === 'cancelled') return 'cancelled';
  if (openCents(i) === 0) return 'paid';
  if (i.dueDate < today) return 'overdue';
  return i.receivedCents > 0 ? 'partial' : 'unpaid';
}

/**
 * A plan is set while the contract is drafted (the approvers see it) or once it is in force
 * (finance adds it then); under approval the document is frozen, and an ended contract takes none.
 */
export function requirePlannable(status: ContractStatus): void {
  if (status !== 'draft' && status !== 'active') throw new RefusedError('receivable-plan-closed', { status });
}

/** Money comes in on a contract that was signed: in force, or ended with money still owed. */
export function requireReceivable(status: ContractStatus): void {
  if (status === 'draft' || status === 'pending')
    throw new RefusedError('receivable-contract-unsigned', { status });
}
