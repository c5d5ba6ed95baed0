import { QuoteSchema } from '@kelian/orm';
import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import type { ApprovalNotices } from '../approvals/notices.js';
import { submitForApproval } from '../approvals/submit.js';
import { linesOf } from './lines.js';
import { requireEditable } from './rules.js';
import { moveQuote } from './status.js';
import { quoteFor } from './store.js';
import { belowFloor } from './totals.js';

// Submitting a quote: one with a line below its floor price goes through the quote flow (审批中
// until decided); one without is approved at once, nobody has anything to weigh.

export function submitQuote(
  em: EntityManager,
  acting: Acting,
  id: number,
  notices: ApprovalNotices,
): Promise<{ approvalId: number | null }> {
  return em.transactional(async (tx) => {
    await tx.findOne(QuoteSchema, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const quote = await quoteFor(tx, acting.access, id, 'change');
    requireEditable(quote, '提交');
    if ((await linesOf(tx, id)).some((l) => belowFloor(l))) {
      const run = await submitForApproval(tx, acting, 'quote', id, notices);
      return { approvalId: run.id };
    }
    moveQuote(tx, acting, quote, 'approved', { approval: { before: null, after: '不低于底价，无需审批' } });
    await tx.flush();
    return { approvalId: null };
  });
}
