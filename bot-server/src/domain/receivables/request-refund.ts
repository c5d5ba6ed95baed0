import type { ApprovalInstance, Refund } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import type { ApprovalNotices } from '../approvals/notices.js';
import { submitForApproval } from '../approvals/submit.js';
import { draftRefund, type NewRefund } from './refunds.js';

/** A refund asked for and sent through the refund flow in one transaction: 审批中 until decided. */
export function requestRefund(
  em: EntityManager,
  acting: Acting,
  input: NewRefund,
  notices: ApprovalNotices,
): Promise<{ refund: Refund; run: ApprovalInstance }> {
  return em.transactional(async (tx) => {
    const refund = await draftRefund(tx, acting, input);
    const run = await submitForApproval(tx, acting, 'refund', refund.id, notices);
    return { refund, run };
  });
}
