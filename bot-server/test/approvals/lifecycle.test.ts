// A contract in force ends early when terminated (with a reason, audited) or by itself the day after
// its end date (the hourly job, run here as of a chosen time); neither applies to anything else. Its
// page finds its newest approval through it.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { expireContractsJob } from '../../src/bot/approvals/contract-jobs.js';
import { auditRows, type Crm, type Session, startCrm } from '../api/customers-support.js';
import { runJob } from '../support/jobs.js';
import { contractStatus, customerOf, draftContract, submit } from './support.js';

let crm: Crm;
let zhangwei: Session;
let lina: Session;
beforeAll(async () => {
  crm = await startCrm();
  [zhangwei, lina] = await Promise.all([crm.as('张伟'), crm.as('李娜')]);
});
afterAll(() => crm?.stop());

/** A ¥100,000 contract approved by 李娜, in force from `start` to `end`. */
async function activeContract(startDate = '2027-01-01', endDate = '2027-12-31') {
  const contract = await draftContract(zhangwei, await customerOf(crm, '张伟'), 10_000_000, {
    startDate,
    endDate,
  });
  const id = await submit(zhangwei, contract.id);
  expect((await lina.send('POST', `/api/approvals/${id}/approve`, {})).status).toBe(200);
  expect(await contractStatus(crm, contract.id)).toBe('active');
  return contract.id;
}

test('an active contract is terminated with a reason; nothing else can be', async () => {
  const id = await activeContract();
  const res = await zhangwei.send('POST', `/api/contracts/${id}/terminate`, { reason: '客户破产清算' });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body).toMatchObject({ status: 'terminated', statusLabel: '已终止' });
  expect((await auditRows(crm.db, 'contract', id)).at(-1)?.changes).toMatchObject({
    status: { before: 'active', after: 'terminated' },
    reason: { after: '客户破产清算' },
  });
  const again = await zhangwei.send('POST', `/api/contracts/${id}/terminate`, { reason: '再终止一次' });
  expect(again.status).toBe(409);
  expect(again.body).toMatchObject({
    type: 'urn:kelian:problem:contract-not-active',
    title: '只有已生效的合同可以终止（这份合同已终止）',
  });
  const draft = await draftContract(zhangwei, await customerOf(crm, '张伟'), 100);
  const refused = await zhangwei.send('POST', `/api/contracts/${draft.id}/terminate`, { reason: '不要了' });
  expect(refused.body.title).toBe('只有已生效的合同可以终止（这份合同还是草稿）');
  expect(await contractStatus(crm, draft.id)).toBe('draft');
});

test('the day after its end date a contract in force is 已到期; one ending that day is not yet', async () => {
  const ended = await activeContract('2027-01-01', '2027-12-31');
  const lastDay = await activeContract('2027-01-01', '2028-01-01');
  const draft = await draftContract(zhangwei, await customerOf(crm, '张伟'), 100, { endDate: '2027-06-30' });
  // 2028-01-01 09:00 in Shanghai.
  await runJob(crm.server, crm.db, expireContractsJob, { at: '2028-01-01T01:00:00Z' });
  expect(await contractStatus(crm, ended)).toBe('expired');
  expect(await contractStatus(crm, lastDay)).toBe('active');
  expect(await contractStatus(crm, draft.id)).toBe('draft');
});

test('a contract names its newest approval (null until it is submitted), for its page to open', async () => {
  const draft = await draftContract(zhangwei, await customerOf(crm, '张伟'), 10_000_000);
  expect((await zhangwei.get(`/api/contracts/${draft.id}`)).body.approvalId).toBeNull();
  const first = await submit(zhangwei, draft.id);
  expect((await zhangwei.get(`/api/contracts/${draft.id}`)).body.approvalId).toBe(first);
  expect((await lina.send('POST', `/api/approvals/${first}/reject`, { reason: '金额需复核' })).status).toBe(
    200,
  );
  const second = await submit(zhangwei, draft.id);
  expect(second).not.toBe(first);
  expect((await zhangwei.get(`/api/contracts/${draft.id}`)).body.approvalId).toBe(second);
});
