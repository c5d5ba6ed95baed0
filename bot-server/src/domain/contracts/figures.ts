import { formatMoney } from '@kelian/cards';
import type { DocumentFigures } from '../approvals/document.js';

// What an approver of a contract decides on, from the run's snapshot: the amount, the customer, the
// number and the term. The customer's overdue receivables join these rows once receivable plans
// exist (issue 14's receivables part), read from the present rather than the snapshot.

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

export function contractFigures(snapshot: Readonly<Record<string, unknown>>): DocumentFigures {
  const customer = text(snapshot.customerName) ?? '未知客户';
  const start = text(snapshot.startDate);
  const end = text(snapshot.endDate);
  const signed = text(snapshot.signedDate);
  const rows = [
    { label: '客户', value: customer },
    { label: '合同编号', value: text(snapshot.number) ?? '—' },
    { label: '合同名称', value: text(snapshot.name) ?? '—' },
    ...(start && end ? [{ label: '合同期限', value: `${start} 至 ${end}` }] : []),
    ...(signed ? [{ label: '签约日期', value: signed }] : []),
  ];
  return {
    title: `合同审批 · ${customer}`,
    emphasis: { label: '合同金额', value: formatMoney(Number(snapshot.amountCents ?? 0)) },
    rows,
  };
}
