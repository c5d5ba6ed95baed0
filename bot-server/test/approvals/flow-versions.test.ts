// GET /api/approval-flows/:docType/versions: the administrator reads every saved version of a
// document type's flow, newest first, with who saved it; a run under way still names the version it
// began on, which stays in the list. Others are refused; an unknown document type is named.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { flowVersions } from '../../src/api/approval-flows/schemas.js';
import { approvalDetail } from '../../src/api/approvals/schemas.js';
import { type Crm, type Session, startCrm } from '../api/customers-support.js';
import { customerOf, draftContract, submit } from './support.js';

let crm: Crm;
let admin: Session;
let zhangwei: Session;
beforeAll(async () => {
  crm = await startCrm();
  [admin, zhangwei] = await Promise.all([crm.as('王建国'), crm.as('张伟')]);
});
afterAll(() => crm?.stop());

test('only an administrator reads the versions', async () => {
  const res = await zhangwei.get('/api/approval-flows/contract/versions');
  expect(res.status).toBe(403);
  expect(res.body.title).toBe('只有管理员可以设置审批流程');
});

test('an unknown document type is refused by name', async () => {
  const res = await admin.get('/api/approval-flows/invoice/versions');
  expect(res.status).toBe(400);
  expect(res.body).toMatchObject({
    type: 'urn:kelian:problem:flow-doc-type-unknown',
    title: '没有「invoice」这类单据，无法设置审批流程',
  });
});

test('every saved version, newest first, the one a running approval uses among them', async () => {
  const running = await submit(
    zhangwei,
    (await draftContract(zhangwei, await customerOf(crm, '张伟'), 100_000)).id,
  );
  const before = flowVersions.parse((await admin.get('/api/approval-flows/contract/versions')).body);
  expect(before.items.map((v) => v.version)).toEqual([1]);

  const saved = await admin.send('POST', '/api/approval-flows/contract', {
    name: '合同审批（精简）',
    onNoApprover: 'admin',
    definition: {
      start: 'a',
      nodes: [
        {
          id: 'a',
          kind: 'approve',
          name: '直属主管',
          approvers: { type: 'manager', level: 1 },
          mode: 'any',
          next: null,
        },
      ],
    },
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(201);

  const after = flowVersions.parse((await admin.get('/api/approval-flows/contract/versions')).body);
  expect(after.items.map((v) => [v.version, v.name, v.createdBy?.name ?? null])).toEqual([
    [2, '合同审批（精简）', '王建国'],
    [1, before.items[0]!.name, before.items[0]!.createdBy?.name ?? null],
  ]);
  expect(after.items[0]!.definition.nodes.map((n) => n.name)).toEqual(['直属主管']);
  const run = approvalDetail.parse((await zhangwei.get(`/api/approvals/${running}`)).body);
  expect(after.items.find((v) => v.id === run.flow.id)?.version).toBe(1);

  // Other document types keep their own numbering.
  const refunds = flowVersions.parse((await admin.get('/api/approval-flows/refund/versions')).body);
  expect(refunds.items.map((v) => [v.docType, v.version])).toEqual([['refund', 1]]);
});

test("a type an administrator named has its versions too: the demo's 信用额度申请", async () => {
  const types = (await admin.get('/api/application-types')).body.items as { id: number; name: string }[];
  const credit = types.find((t) => t.name === '信用额度申请')!;
  const res = await admin.get(`/api/approval-flows/application:${credit.id}/versions`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const { items } = flowVersions.parse(res.body);
  expect(items.map((v) => v.version)).toEqual([1]);
});
