import pg from 'pg';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { testDbUrl } from '../../../orm/testing/db-url.js';
import { resetDatabase } from '../../../orm/testing/reset.js';
import { type RunningServer, startTestServer } from '../support/server.js';
import { disableDemoRules, runFollowUpJob, shanghaiMorning, signIn } from './support.js';

// Two servers on one PostgreSQL, each running the engine's jobs at the same time as the other:
// every rule fires once per customer, every task is reminded once, everyone gets one summary.
// Only a real server shows this: PGlite serialises everything anyway.

const onPostgres = inject('dbKind') === 'postgres';
const customers = 40;
let a: RunningServer;
let b: RunningServer;
let db: pg.Pool;

beforeAll(async () => {
  if (!onPostgres) return;
  await resetDatabase(testDbUrl());
  a = await startTestServer();
  b = await startTestServer();
  db = new pg.Pool({ connectionString: testDbUrl(), max: 4 });
  await disableDemoRules(db);
}, 60_000);
afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await db?.end();
});

/** `job` on both servers at once, three times each, as of `at`. */
const race = (job: 'rules' | 'remind' | 'summary', at: Date) =>
  Promise.all([a, b, a, b, a, b].map((server) => runFollowUpJob(server, db, job, at)));

const count = async (sql: string, params: unknown[] = []) =>
  (await db.query<{ n: number }>(sql, params)).rows[0]!.n;

test.runIf(onPostgres)(
  'rules, reminders and the morning summary happen exactly once with two instances racing',
  async () => {
    const admin = await signIn(a, db, '徐明');
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
    await db.query(`update follow_up_rule set created_at = now() - interval '10 days' where id = $1`, [
      ruleId,
    ]);
    await db.query(
      `insert into customer (kind, name, owner_id, custom_fields, created_at, updated_at)
       select 'company', '并发测试客户' || i, u.id, '{}', now() - interval '5 days', now()
         from generate_series(1, ${customers}) i, app_user u where u.name = '张伟'`,
    );

    await race('rules', new Date());
    const tasks = await db.query(
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
