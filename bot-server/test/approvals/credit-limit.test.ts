// The demo's 信用额度申请 (issue 14, Cordys' post-approval actions): its flow's approval writes the
// amount asked for to the customer's credit limit, in the transaction of the last decision. Up to
// ¥200,000 张伟's manager decides alone; above, finance too, and nothing is written before then.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { applied } from '../../src/api/applications/schemas.js';
import { approvalDetail } from '../../src/api/approvals/schemas.js';
import { auditRows, type Crm, type Session, startCrm } from '../api/customers-support.js';
import { customerOf } from './support.js';

let crm: Crm;
let zhangwei: Session;
let lina: Session;
let luojuan: Session;
let creditTypeId: number;
beforeAll(async () => {
  crm = await startCrm();
  [zhangwei, lina, luojuan] = await Promise.all([crm.as('张伟'), crm.as('李娜'), crm.as('罗娟')]);
  const types = (await zhangwei.get('/api/application-types')).body.items as { id: number; name: string }[];
  creditTypeId = types.find((t) => t.name === '信用额度申请')!.id;
});
afterAll(() => crm?.stop());

const creditLimit = async (customerId: number) =>
  (await crm.db.query('select credit_limit_cents from customer where id = $1', [customerId])).rows[0]
    .credit_limit_cents as string | null;

async function ask(customerId: number, amount: number) {
  const res = await zhangwei.send('POST', '/api/applications', {
    typeId: creditTypeId,
    values: { customer: customerId, amount, term: '月结 60 天', reason: '年度框架合同签约，回款记录良好' },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return applied.parse(res.body);
}

test('¥300,000 goes to 李娜 then finance; the last approval writes it to the customer, audited', async () => {
  const customerId = await customerOf(crm, '张伟');
  expect(await creditLimit(customerId)).toBeNull();
  const { application, approvalId } = await ask(customerId, 30_000_000);
  const run = approvalDetail.parse((await lina.get(`/api/approvals/${approvalId}`)).body);
  expect(run.steps.map((s) => s.name)).toEqual(['销售主管审批', '财务审批']);

  expect((await lina.send('POST', `/api/approvals/${approvalId}/approve`, {})).status).toBe(200);
  // Half-way: nothing written yet.
  expect(await creditLimit(customerId)).toBeNull();
  expect((await luojuan.send('POST', `/api/approvals/${approvalId}/approve`, {})).status).toBe(200);
  expect(Number(await creditLimit(customerId))).toBe(30_000_000);
  expect((await zhangwei.get(`/api/applications/${application.id}`)).body.status).toBe('approved');
  expect((await auditRows(crm.db, 'customer', customerId)).at(-1)?.changes).toEqual({
    creditLimitCents: { before: null, after: 30_000_000 },
  });
});

test('¥150,000 needs 李娜 alone; a rejected one changes nothing', async () => {
  const customerId = await customerOf(crm, '张伟');
  const before = await creditLimit(customerId);
  const refused = await ask(customerId, 90_000_000);
  expect(
    (await lina.send('POST', `/api/approvals/${refused.approvalId}/reject`, { reason: '额度过高' })).status,
  ).toBe(200);
  expect(await creditLimit(customerId)).toBe(before);

  const { approvalId } = await ask(customerId, 15_000_000);
  const run = approvalDetail.parse((await lina.get(`/api/approvals/${approvalId}`)).body);
  expect(run.steps.map((s) => s.name)).toEqual(['销售主管审批']);
  expect((await lina.send('POST', `/api/approvals/${approvalId}/approve`, {})).status).toBe(200);
  expect(Number(await creditLimit(customerId))).toBe(15_000_000);
});

test('a negative amount or a term not offered is refused, nothing written', async () => {
  const customerId = await customerOf(crm, '张伟');
  const negative = await zhangwei.send('POST', '/api/applications', {
    typeId: creditTypeId,
    values: { customer: customerId, amount: -100, term: '月结 30 天' },
  });
  expect(negative.body).toMatchObject({
    type: 'urn:kelian:problem:application-field-invalid',
    title: '「申请额度」应为以分为单位的非负整数金额',
  });
  const term = await zhangwei.send('POST', '/api/applications', {
    typeId: creditTypeId,
    values: { customer: customerId, amount: 100, term: '月结 120 天' },
  });
  expect(term.body.title).toBe('「账期」只能选：月结 30 天、月结 60 天、月结 90 天');
});
