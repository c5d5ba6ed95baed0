// Twenty approvers of one any-of step click 同意 at once, through HTTP: exactly one decision is
// recorded, every other click is told who decided and changes nothing (the Cordys batch-approval
// bug: a click on a step no longer pending must never act). Run it on PostgreSQL (TEST_DATABASE_URL)
// to see real concurrent transactions; on PGlite the clicks queue on its one session.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Crm, type Session, startCrm } from '../api/customers-support.js';
import { customerOf, draftContract, submit } from './support.js';

let crm: Crm;
let zhangwei: Session;
let approvers: { name: string; session: Session }[];
beforeAll(async () => {
  crm = await startCrm();
  zhangwei = await crm.as('张伟');
  const { rows } = await crm.db.query<{ id: number; name: string }>(
    `select id, name from app_user where active and name <> '张伟' order by id limit 20`,
  );
  expect(rows).toHaveLength(20);
  approvers = await Promise.all(rows.map(async (r) => ({ name: r.name, session: await crm.as(r.name) })));
  const admin = await crm.as('王建国');
  const saved = await admin.send('POST', '/api/approval-flows/contract', {
    name: '二十人或签',
    onNoApprover: 'auto_pass',
    definition: {
      start: 'any',
      nodes: [
        {
          id: 'any',
          kind: 'approve',
          name: '任一人审批',
          approvers: { type: 'user', userIds: rows.map((r) => r.id) },
          mode: 'any',
          next: null,
        },
      ],
    },
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(201);
});
afterAll(() => crm?.stop());

test('20 approvers clicking 同意 at once: one decision, nineteen told who decided', async () => {
  const contract = await draftContract(zhangwei, await customerOf(crm, '张伟'), 30_000_000);
  const id = await submit(zhangwei, contract.id);
  const answers = await Promise.all(
    approvers.map(({ session }) => session.send('POST', `/api/approvals/${id}/approve`, {})),
  );
  const winners = answers.filter((a) => a.status === 200);
  expect(winners).toHaveLength(1);
  const winner = approvers[answers.indexOf(winners[0]!)]!.name;
  const losers = answers.filter((a) => a.status !== 200);
  expect(new Set(losers.map((a) => a.status))).toEqual(new Set([409]));
  expect(new Set(losers.map((a) => a.body.title))).toEqual(new Set([`这一步已由 ${winner} 处理`]));

  const { rows: tasks } = await crm.db.query<{ status: string; n: number }>(
    'select status, count(*)::int as n from approval_task where instance_id = $1 group by status order by status',
    [id],
  );
  expect(tasks).toEqual([
    { status: 'approved', n: 1 },
    { status: 'skipped', n: 19 },
  ]);
  const { rows: actions } = await crm.db.query<{ action: string }>(
    'select action from approval_action where instance_id = $1 order by id',
    [id],
  );
  expect(actions.map((a) => a.action)).toEqual(['submit', 'approve']);
  const { rows: contract2 } = await crm.db.query('select status from contract where id = $1', [contract.id]);
  expect(contract2[0].status).toBe('active');

  // The winner's second thought changes nothing either: the run has ended.
  const late = await approvers[answers.indexOf(winners[0]!)]!.session.send(
    'POST',
    `/api/approvals/${id}/reject`,
    {
      reason: '晚到的驳回',
    },
  );
  expect(late.status).toBe(409);
  expect(late.body.type).toBe('urn:kelian:problem:approval-closed');
});
