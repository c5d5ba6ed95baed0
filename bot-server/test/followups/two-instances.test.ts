import { expect, test } from 'vitest';
import { onPostgres, useTwoInstances } from '../support/two-instances.js';
import { disableDemoRules, runFollowUpJob, shanghaiMorning, signIn } from './support.js';

// Two servers on one PostgreSQL, each running the engine's jobs at the same time as the other:
// every rule fires once per customer, every task is reminded once, everyone gets one summary.

const customers = 40;
const t = useTwoInstances(disableDemoRules);
const { count } = t;

/** `job` on both servers at once, three times each, as of `at`. */
const race = (job: 'rules' | 'remind' | 'summary', at: Date) =>
  Promise.all([t.a, t.b, t.a, t.b, t.a, t.b].map((server) => runFollowUpJob(server, t.db, job, at)));

test.runIf(onPostgres)(
  'rules, reminders and the morning summary happen exactly once with two instances racing',
  async () => {
    const admin = await signIn(t.a, t.db, '徐明');
    const rule = await admin('POST', '/api/followup-rules', {
      name: '新客户 3 天后回访',
      object: 'customer',
      trigger: 'event',
      event: 'created',
      offsetDays: 3,
      action: 'task',
      taskTitle: '回访新客户',
    });
    expect(rule.status).toBe(201);
    const ruleId: number = rule.body.id;
    await t.db.query(`update follow_up_rule set created_at = now() - interval '10 days' where id = $1`, [
      ruleId,
    ]);
    await t.db.query(
      `insert into customer (kind, name, owner_id, custom_fields, created_at, updated_at)
       select 'company', '并发测试客户' || i, u.id, '{}', now() - interval '5 days', now()
         from generate_series(1, ${customers}) i, app_user u where u.name = '张伟'`,
    );

    await race('rules', new Date());
    const tasks = await t.db.query(
      'select count(*)::int as tasks, count(distinct customer_id)::int as customers from task where rule_id = $1',
      [ruleId],
    );
    expect(tasks.rows).toEqual([{ tasks: customers, customers }]);
    expect(await count(`select count(*)::int as n from firing where key like $1`, [`rule:${ruleId}:%`])).toBe(
      customers,
    );

    await race('remind', new Date());
    expect(await count(`select count(*)::int as n from task where reminded_at is null`)).toBe(0);
    expect(
      await count(
        `select count(*)::int as n from outbound_message where subject_type = 'task' and platform = 'wecom'`,
      ),
    ).toBe(customers);

    await race('summary', new Date(shanghaiMorning(1).getTime() + 3_600_000));
    expect(
      await count(`select count(*)::int as n from outbound_message where message ->> 'text' like '早上好%'`),
    ).toBe(2);
  },
  120_000,
);
