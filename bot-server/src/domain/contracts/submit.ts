import type { ApprovalInstance } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import type { ApprovalNotices } from '../approvals/notices.js';
import { submitForApproval } from '../approvals/submit.js';

/** A draft contract (new, rejected or withdrawn) sent through the contract flow; 审批中 until decided. */
export function submitContract(
  em: EntityManager,
  acting: Acting,
  id: number,
  notices: ApprovalNotices,
  picks?: Record<string, number[]>,
): Promise<ApprovalInstance> {
  return em.transactional((tx) => submitForApproval(tx, acting, 'contract', id, notices, picks));
}
