import { formatMoney } from '@kelian/cards';
import type { CustomerEvidence } from '../approvals/document.js';
import { overdueForCustomer } from './overdue.js';

/** 逾期回款 ¥80,000.00（2 期）: the receivable risk an approver weighs, shown only when there is some. */
export const overdueEvidence: CustomerEvidence = async (em, customerId, today) => {
  const { count, cents } = await overdueForCustomer(em, customerId, today);
  return count === 0 ? null : { label: '逾期回款', value: `${formatMoney(cents)}（${count} 期）` };
};
