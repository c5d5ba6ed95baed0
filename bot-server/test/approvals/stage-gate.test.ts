// Stage gates (issue 14; Cordys #119): 王建国 marks 商务谈判 as needing approval. 张伟 moving a deal
// there is refused in words that say a 阶段审批 was asked for; the deal stays, the board shows it
// 待审批, a second move is refused without asking twice; 李娜's approval makes the move, in 张伟's
// name. Concurrent moves on PostgreSQL ask once.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { approvalDetail } from '../../src/api/approvals/schemas.js';
import { stalledDealsJob } from '../../src/bot/sales/stalled.js';
import { type Crm, type Session, startCrm } from '../api/customers-support.js';
import { runJob } from '../support/jobs.js';
import { cardsOf, shownEverywhere } from '../support/sandbox.js';
import { waitFor } from '../support/wait.js';
import { customerOf } from './support.js';

let crm: Crm;
let admin: Session;
let zhangwei: Session;
let lina: Session;
let gated: { id: number; name: string };
let earlier: { id: number; name: string };
beforeAll(async () => {
  crm = await startCrm();
  [admin, zhangwei, lina] = await Promise.all([crm.as('王建国'), crm.as('张伟'), crm.as('李娜')]);
  const stages = (await admin.get('/api/stages')).body.items as { id: number; name: string }[];
  gated = stages.find((s) => s.name === '商务谈判')!;
  earlier = stages.find((s) => s.name === '方案报价')!;
});
afterAll(() => crm?.stop());

async function newDeal(name: string): Promise<number> {
  const res = await zhangwei.send('POST', '/api/opportunities', {
    customerId: await customerOf(crm, '张伟'),
    name,
    amountCents: 48_000_000,
    stageId: earlier.id,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

const stageOf = async (dealId: number) =>
  (await crm.db.query('select stage_id from opportunity where id = $1', [dealId])).rows[0].stage_id as number;
const gateCount = async (dealId: number) =>
  Number(
    (await crm.db.query('select count(*) as n from application where opportunity_id = $1', [dealId])).rows[0]
      .n,
  );

test('only an administrator gates a stage; the stage says so', async () => {
  const refused = await zhangwei.send('PATCH', `/api/stages/${gated.id}`, { requiresApproval: true });
  expect(refused.status).toBe(403);
  const res = await admin.send('PATCH', `/api/stages/${gated.id}`, { requiresApproval: true });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.requiresApproval).toBe(true);
  // Its 阶段审批 type and a first flow are there at once, for the administrator to change.
  const flows = (await admin.get('/api/approval-flows')).body.items as { label: string; flow: unknown }[];
  expect(flows.find((f) => f.label === '阶段审批')?.flow).not.toBeNull();
});

test('a move into the gated stage is refused and asks for approval; the approval moves the deal', async () => {
  const dealId = await newDeal('年度集采项目');
  const move = await zhangwei.send('POST', `/api/opportunities/${dealId}/stage`, {
    stageId: gated.id,
    note: '客户已确认预算',
  });
  expect(move.status).toBe(409);
  expect(move.body).toMatchObject({
    type: 'urn:kelian:problem:deal-stage-gated',
    title: '进入「商务谈判」需要审批：已提交阶段审批，通过后商机才会进入这一阶段',
  });
  expect(await stageOf(dealId)).toBe(earlier.id);

  const board = await zhangwei.get('/api/opportunities/board');
  const gate = board.body.gated.find((g: { opportunityId: number }) => g.opportunityId === dealId);
  expect(gate).toMatchObject({ stage: '商务谈判' });
  expect(gate.approvalId).toEqual(expect.any(Number));

  const again = await zhangwei.send('POST', `/api/opportunities/${dealId}/stage`, { stageId: gated.id });
  expect(again.status).toBe(409);
  expect(again.body.title).toBe('这个商机进入「商务谈判」的阶段审批还在进行中，审批结束前不能再调整阶段');
  expect(await gateCount(dealId)).toBe(1);

  const run = approvalDetail.parse((await lina.get(`/api/approvals/${gate.approvalId}`)).body);
  expect(run.title).toMatch(/^阶段审批 · /);
  expect(run.steps.map((s) => s.name)).toEqual(['销售主管审批']);
  const approved = await lina.send('POST', `/api/approvals/${gate.approvalId}/approve`, {});
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  expect(await stageOf(dealId)).toBe(gated.id);
  const { rows } = await crm.db.query(
    `select sc.note, u.name from stage_change sc join app_user u on u.id = sc.by_id
      where sc.opportunity_id = $1 order by sc.id desc limit 1`,
    [dealId],
  );
  expect(rows[0]).toEqual({ note: '阶段审批通过', name: '张伟' });
  const after = await zhangwei.get('/api/opportunities/board');
  expect(after.body.gated.some((g: { opportunityId: number }) => g.opportunityId === dealId)).toBe(false);
});

test("a gate's approval moves a stalled deal on: the managers' stalled-deal card says so", async () => {
  // A customer of its own, with no follow-ups: the deal is quiet since its last move, 60 days ago.
  const customer = await zhangwei.send('POST', '/api/customers', { kind: 'company', name: '西安久安安防' });
  expect(customer.status, JSON.stringify(customer.body)).toBe(201);
  const deal = await zhangwei.send('POST', '/api/opportunities', {
    customerId: customer.body.customer?.id ?? customer.body.id,
    name: '西安久安安防监控改造',
    amountCents: 26_000_000,
    stageId: earlier.id,
  });
  expect(deal.status, JSON.stringify(deal.body)).toBe(201);
  const dealId = deal.body.id as number;
  await crm.db.query(`update opportunity set stage_changed_at = now() - interval '60 days' where id = $1`, [
    dealId,
  ]);
  await runJob(crm.server, crm.db, stalledDealsJob, { at: new Date().toISOString() });
  await waitFor(async () => ((await cardsOf(crm.db, 'stalled_deal', dealId)).length > 0 ? true : undefined));

  const move = await zhangwei.send('POST', `/api/opportunities/${dealId}/stage`, { stageId: gated.id });
  expect(move.status).toBe(409);
  const gate = (await zhangwei.get('/api/opportunities/board')).body.gated.find(
    (g: { opportunityId: number }) => g.opportunityId === dealId,
  );
  expect((await lina.send('POST', `/api/approvals/${gate.approvalId}/approve`, {})).status).toBe(200);
  await waitFor(
    async () => {
      const copies = await shownEverywhere(crm.server, crm.db, 'stalled_deal', dealId);
      return copies.length > 0 && copies.every((c) => c.includes('已推进到「商务谈判」')) ? true : undefined;
    },
    15_000,
    'every copy of the stalled-deal card saying it moved on',
  );
});

test('a rejected gate leaves the deal where it was; moving elsewhere is free, a batch into the gate is refused', async () => {
  const dealId = await newDeal('门店改造项目');
  await zhangwei.send('POST', `/api/opportunities/${dealId}/stage`, { stageId: gated.id });
  const { rows } = await crm.db.query(
    `select i.id from approval_instance i join application a on a.id = i.doc_id and i.doc_type like 'application:%'
      where a.opportunity_id = $1`,
    [dealId],
  );
  const rejected = await lina.send('POST', `/api/approvals/${rows[0].id}/reject`, {
    reason: '还没有拿到预算',
  });
  expect(rejected.status).toBe(200);
  expect(await stageOf(dealId)).toBe(earlier.id);

  const batch = await admin.send('POST', '/api/opportunities/batch', { ids: [dealId], stageId: gated.id });
  expect(batch.status).toBe(409);
  expect(batch.body.title).toBe('进入「商务谈判」需要审批，不能批量调整：请逐个商机调整，各自提交阶段审批');
  expect(await stageOf(dealId)).toBe(earlier.id);
});

// On PostgreSQL real concurrent transactions; on PGlite they queue on its one session.
test('ten moves at once ask for one 阶段审批', async () => {
  const dealId = await newDeal('并发推进项目');
  const answers = await Promise.all(
    Array.from({ length: 10 }, () =>
      zhangwei.send('POST', `/api/opportunities/${dealId}/stage`, { stageId: gated.id }),
    ),
  );
  const codes = answers.map((a) => a.body.type).sort();
  expect(codes.filter((c) => c === 'urn:kelian:problem:deal-stage-gated')).toHaveLength(1);
  expect(codes.filter((c) => c === 'urn:kelian:problem:deal-stage-gate-pending')).toHaveLength(9);
  expect(await gateCount(dealId)).toBe(1);
});
