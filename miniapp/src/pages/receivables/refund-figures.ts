import type { ContractPlan, Refund } from '../../services/receivables';

// What the 退款 page tells about a contract's money: what came in (the receipts, refunds aside),
// what went back (approved refunds, written as negative receipts), what waits in a refund's flow,
// and what can still be asked for: the server's own rule (received net of approved refunds, less
// those under approval), so the form refuses before the round trip what the server would refuse.

export interface RefundFigures {
  inCents: number;
  refundedCents: number;
  pendingCents: number;
  refundableCents: number;
}

export function refundFigures(plan: ContractPlan, refunds: Refund[]): RefundFigures {
  const inCents = plan.receipts.reduce((sum, r) => sum + Math.max(0, r.amountCents), 0);
  const refundedCents = plan.receipts.reduce((sum, r) => sum - Math.min(0, r.amountCents), 0);
  const pendingCents = refunds
    .filter((r) => r.status === 'pending')
    .reduce((sum, r) => sum + r.amountCents, 0);
  return {
    inCents,
    refundedCents,
    pendingCents,
    refundableCents: Math.max(0, plan.totals.receivedCents - pendingCents),
  };
}
