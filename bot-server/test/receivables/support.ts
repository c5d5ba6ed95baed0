// The receivable tests' world: the demo company on the real server, contracts written and
// approved through the API (a ¥100,000 contract needs only 李娜), plans and receipts through the API.
import { expect } from 'vitest';
import type { Crm, Session } from '../api/customers-support.js';
import { contractStatus, customerOf, draftContract, submit } from '../approvals/support.js';

/** A contract of 张伟's customer, approved by 李娜: 已生效. */
export async function activeContract(crm: Crm, zhangwei: Session, lina: Session, amountCents = 10_000_000) {
  const contract = await draftContract(zhangwei, await customerOf(crm, '张伟'), amountCents);
  const run = await submit(zhangwei, contract.id);
  const approved = await lina.send('POST', `/api/approvals/${run}/approve`, {});
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  expect(await contractStatus(crm, contract.id)).toBe('active');
  return contract.id;
}

export interface PlanAnswer {
  contractId: number;
  contractAmountCents: number;
  instalments: {
    id: number;
    seq: number;
    dueDate: string;
    amountCents: number;
    status: string;
    statusLabel: string;
    openCents: number;
  }[];
  totals: { plannedCents: number; receivedCents: number; openCents: number; overdueCents: number };
}

export async function addPlan(
  session: Session,
  contractId: number,
  instalments: { dueDate: string; amountCents: number }[],
): Promise<PlanAnswer> {
  const res = await session.send('POST', `/api/contracts/${contractId}/receivables`, { instalments });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** The instalments and receipts rows of a contract, as the database has them. */
export async function ledger(crm: Crm, contractId: number) {
  const instalments = await crm.db.query(
    `select seq, to_char(due_date, 'YYYY-MM-DD') as due, amount_cents::int as amount, received_cents::int as received, state
       from receivable_instalment where contract_id = $1 order by seq`,
    [contractId],
  );
  const receipts = await crm.db.query(
    `select r.amount_cents::int as amount, r.overpayment from receivable_receipt r
       join receivable_instalment i on i.id = r.instalment_id where i.contract_id = $1 order by r.id`,
    [contractId],
  );
  return { instalments: instalments.rows, receipts: receipts.rows };
}
