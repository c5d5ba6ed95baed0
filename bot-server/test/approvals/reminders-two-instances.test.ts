// Two servers on one PostgreSQL, each scanning pending approval tasks at the same time as the other
// (three scans each): every task is reminded once (one card per platform) and handed on once.
import { expect, test } from 'vitest';
import { approvalReminderJob } from '../../src/bot/approvals/reminder-jobs.js';
import { signIn } from '../followups/support.js';
import { runJob, settleJobs } from '../support/jobs.js';
import { onPostgres, useTwoInstances } from '../support/two-instances.js';

const runs = 12;
const t = useTwoInstances(settleJobs);
const { count } = t;

/** The scan on both servers at once, three times each, as of `at`. */
const race = (at: string) =>
  Promise.all(
    [t.a, t.b, t.a, t.b, t.a, t.b].map((server) => runJob(server, t.db, approvalReminderJob, { at })),
  );

test.runIf(onPostgres)(
  '催办 and 超时转交 happen exactly once per task with two instances racing',
  async () => {
    const zhangwei = await signIn(t.a, t.db, '张伟');
    const { rows } = await t.db.query<{ id: number }>(
      `select c.id from customer c join app_user u on u.id = c.owner_id where u.name = '张伟' order by c.id limit 1`,
    );
    const ids: number[] = [];
    for (let i = 0; i < runs; i++) {
      const draft = await zhangwei('POST', '/api/contracts', {
        customerId: rows[0]!.id,
        number: `HT-RACE-${i}`,
        name: '并发催办合同',
        amountCents: 30_000_000,
        startDate: '2027-01-01',
        endDate: '2027-12-31',
      });
      expect(draft.status, JSON.stringify(draft.body)).toBe(201);
      const sent = await zhangwei('POST', `/api/contracts/${draft.body.id}/submit`, {});
      expect(sent.status).toBe(200);
      ids.push(sent.body.approvalId);
    }
    // 2027-03-01 10:00 in Shanghai.
    await t.db.query(
      `update approval_task set created_at = '2027-03-01T02:00:00Z' where instance_id = any($1)`,
      [ids],
    );

    await race('2027-03-02T04:00:00Z');
    expect(await count(`select count(*)::int as n from firing where key like 'approval:%:remind'`)).toBe(
      runs,
    );
    expect(
      await count(
        `select count(*)::int as n from outbound_message where subject_type = 'approval' and card_id ~ '-s0u[0-9]+r26-'`,
      ),
    ).toBe(runs * 2);
    expect(await count(`select count(*)::int as n from approval_action where action = 'remind'`)).toBe(runs);

    await race('2027-03-03T04:00:00Z');
    expect(await count(`select count(*)::int as n from approval_action where action = 'transfer'`)).toBe(
      runs,
    );
    expect(
      await count(
        `select count(*)::int as n from approval_task where instance_id = any($1) and status = 'pending'`,
        [ids],
      ),
    ).toBe(runs);
    expect(
      await count(
        `select count(*)::int as n from outbound_message where platform = 'wecom' and message ->> 'text' like '你提交的%系统已转交给 王建国。'`,
      ),
    ).toBe(runs);
  },
  120_000,
);
