import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testDbUrl } from '../../../orm/testing/db-url.js';
import { resetDatabase } from '../../../orm/testing/reset.js';
import { sandboxOf, textOf } from '../support/sandbox.js';
import { type RunningServer, startTestServer } from '../support/server.js';
import { waitFor } from '../support/wait.js';
import { day, disableDemoRules, runFollowUpJob, shanghaiMorning, signIn } from './support.js';

// The rules engine and the morning summary on a real server, its clock moved on by running its
// jobs "as of" a later time; a restart shows that what fell due while it was down is made up.

let server: RunningServer;
let db: pg.Pool;
let admin: Awaited<ReturnType<typeof signIn>>;
let zhangWei: Awaited<ReturnType<typeof signIn>>;
let zhangWeiId: number;

beforeAll(async () => {
  await resetDatabase(testDbUrl());
  server = await startTestServer();
  db = new pg.Pool({ connectionString: testDbUrl(), max: 2 });
  await disableDemoRules(db);
  // Everyone was followed up today: only what a test makes idle is idle.
  await db.query('update customer set last_follow_up_at = now()');
  admin = await signIn(server, db, '徐明');
  zhangWei = await signIn(server, db, '张伟');
  zhangWeiId = (await db.query(`select id from app_user where name = '张伟'`)).rows[0].id;
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await db?.end();
});

async function newCustomer(name: string): Promise<number> {
  const res = await zhangWei('POST', '/api/customers', { kind: 'company', name });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.customer?.id ?? res.body.id;
}

async function newRule(rule: Record<string, unknown>): Promise<number> {
  const res = await admin('POST', '/api/followup-rules', rule);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

const tasksOf = async (customerId: number) =>
  (
    await db.query(
      'select title, due_at, assignee_id, rule_id, status from task where customer_id = $1 order by id',
      [customerId],
    )
  ).rows;

/** The texts Kelian sent 张伟 on WeCom that contain `part`. */
const toldZhangWei = (part: string) =>
  sandboxOf(server)
    .state.messages.list({ platform: 'wecom' })
    .filter((m) => m.direction === 'out' && m.viewers.includes('ZhangWei') && textOf(m).includes(part))
    .map(textOf);

describe('rules', () => {
  let welcomeRule: number;
  let customer: number;
  let createdAt: Date;

  test('3 days after a customer is created: a task for its owner, due exactly then, once', async () => {
    welcomeRule = await newRule({
      name: '新客户 3 天后回访',
      object: 'customer',
      trigger: 'event',
      event: 'created',
      offsetDays: 3,
      action: 'task',
      taskTitle: '回访新客户',
    });
    customer = await newCustomer('远景能源有限公司');
    createdAt = (await db.query('select created_at from customer where id = $1', [customer])).rows[0]
      .created_at;
    const due = new Date(createdAt.getTime() + 3 * day);
    await runFollowUpJob(server, db, 'rules', new Date(due.getTime() - 60_000));
    expect(await tasksOf(customer)).toEqual([]);
    await runFollowUpJob(server, db, 'rules', due);
    await runFollowUpJob(server, db, 'rules', new Date(due.getTime() + day));
    expect(await tasksOf(customer)).toEqual([
      { title: '回访新客户', due_at: due, assignee_id: zhangWeiId, rule_id: welcomeRule, status: 'open' },
    ]);
    const { rows } = await db.query('select key from firing where key like $1', [
      `rule:${welcomeRule}:customer:${customer}:%`,
    ]);
    expect(rows).toEqual([{ key: `rule:${welcomeRule}:customer:${customer}:${shanghaiDate(createdAt)}` }]);
  });

  test('15 days before a contract expires (a custom date field): at 09:00 that day, once per expiry date', async () => {
    await db.query(
      `insert into custom_field_definition (object, key, label, type, options, required, position, created_at, updated_at)
       values ('customer', '合同到期日', '合同到期日', 'date', '{}', false, 0, now(), now())`,
    );
    const rule = await newRule({
      name: '合同到期前 15 天续约',
      object: 'customer',
      trigger: 'date',
      dateField: 'customFields.合同到期日',
      offsetDays: -15,
      action: 'task',
      taskTitle: '续约提醒',
    });
    const renewal = await newCustomer('天合光能有限公司');
    const expiry = shanghaiMorning(20);
    await db.query(
      `update customer set custom_fields = jsonb_build_object('合同到期日', $2::text) where id = $1`,
      [renewal, shanghaiDate(expiry)],
    );
    const fires = new Date(expiry.getTime() - 15 * day);
    const renewals = async () => (await tasksOf(renewal)).filter((t) => t.rule_id === rule);
    await runFollowUpJob(server, db, 'rules', new Date(fires.getTime() - 60_000));
    expect(await renewals()).toEqual([]);
    await runFollowUpJob(server, db, 'rules', fires);
    await runFollowUpJob(server, db, 'rules', new Date(fires.getTime() + 2 * day));
    expect((await renewals()).map((t) => [t.title, t.due_at])).toEqual([['续约提醒', fires]]);

    // Renewed for a year: the new expiry date is a new occurrence.
    const next = new Date(expiry.getTime() + 365 * day);
    await db.query(
      `update customer set custom_fields = jsonb_build_object('合同到期日', $2::text) where id = $1`,
      [renewal, shanghaiDate(next)],
    );
    await runFollowUpJob(server, db, 'rules', new Date(next.getTime() - 15 * day));
    expect((await renewals()).map((t) => t.due_at)).toEqual([fires, new Date(next.getTime() - 15 * day)]);
  });

  test('no follow-up for 30 days: the customer goes back to the pool, audited, and the rep is told', async () => {
    const idle = await newCustomer('沉睡科技有限公司');
    await db.query(`update customer set last_follow_up_at = now() - interval '31 days' where id = $1`, [
      idle,
    ]);
    const rule = await newRule({
      name: '30 天未跟进退回公海',
      object: 'customer',
      trigger: 'inactivity',
      offsetDays: 30,
      action: 'pool',
    });
    await runFollowUpJob(server, db, 'rules', new Date());
    await runFollowUpJob(server, db, 'rules', new Date());
    const { rows } = await db.query('select owner_id from customer where id = $1', [idle]);
    expect(rows).toEqual([{ owner_id: null }]);
    const pooled = await db.query(`select count(*)::int as n from audit_log where via = 'rule'`);
    expect(pooled.rows).toEqual([{ n: 1 }]);
    const audit = await db.query(
      `select actor_id, via, changes from audit_log where object_type = 'customer' and object_id = $1 and via = 'rule'`,
      [String(idle)],
    );
    expect(audit.rows).toEqual([
      {
        actor_id: null,
        via: 'rule',
        changes: {
          owner: { before: zhangWeiId, after: null },
          rule: { before: null, after: '30 天未跟进退回公海' },
        },
      },
    ]);
    const told = await waitFor(async () => {
      const texts = toldZhangWei('沉睡科技有限公司');
      return texts.length > 0 ? texts : undefined;
    });
    expect(told).toEqual([
      '客户「沉睡科技有限公司」按规则「30 天未跟进退回公海」已退回公海（30 天没有跟进）。如需继续跟进，请到公海重新领取。',
    ]);
    await db.query('update follow_up_rule set enabled = false where id = $1', [rule]);
  });

  test('a rule that fell due while the server was down fires once when it is back', async () => {
    const missed = await newCustomer('宁德储能有限公司');
    await server.stop();
    // Down for days: the customer came in five days ago, under a rule already in force.
    await db.query(`update customer set created_at = now() - interval '5 days' where id = $1`, [missed]);
    await db.query(`update follow_up_rule set created_at = now() - interval '10 days' where id = $1`, [
      welcomeRule,
    ]);
    server = await startTestServer();
    const [task] = await waitFor(async () => {
      const rows = await tasksOf(missed);
      return rows.length > 0 ? rows : undefined;
    });
    expect(task).toMatchObject({ title: '回访新客户', rule_id: welcomeRule });
    await runFollowUpJob(server, db, 'rules', new Date());
    expect(await tasksOf(missed)).toHaveLength(1);
    expect(await tasksOf(customer)).toHaveLength(1);
  });
});

describe('the morning summary', () => {
  test('from 09:00, each person with tasks that day gets one message listing them, once', async () => {
    zhangWei = await signIn(server, db, '张伟');
    const day3 = shanghaiMorning(3);
    // More than a message lists: twelve calls that day.
    for (let i = 1; i <= 12; i++) {
      const res = await zhangWei('POST', '/api/tasks', {
        title: `电话回访 ${i}`,
        dueAt: new Date(day3.getTime() + i * 60_000).toISOString(),
      });
      expect(res.status).toBe(201);
    }
    await runFollowUpJob(server, db, 'summary', new Date(day3.getTime() - 60_000));
    expect(toldZhangWei('早上好')).toEqual([]);
    await runFollowUpJob(server, db, 'summary', new Date(day3.getTime() + 30 * 60_000));
    await runFollowUpJob(server, db, 'summary', new Date(day3.getTime() + 60 * 60_000));
    const [summary] = await waitFor(async () => {
      const texts = toldZhangWei('早上好');
      return texts.length > 0 ? texts : undefined;
    });
    expect(summary).toMatch(/^早上好！你今天有 \d+ 项待办：\n1\. /);
    // The count is every open task due by the end of that day; the list shows the first ten of them.
    const { rows: due } = await db.query<{ n: number }>(
      `select count(*)::int as n from task where assignee_id = $1 and status = 'open' and due_at < $2`,
      [zhangWeiId, new Date(day3.getTime() + 15 * 3_600_000)],
    );
    const n = due[0]!.n;
    expect(summary).toContain(`你今天有 ${n} 项待办`);
    expect(summary).toContain(`……还有 ${n - 10} 项`);
    // The ten listed are the ten due soonest, in that order (the rule's 回访新客户 task falls among
    // them or not depending on the hour the test runs: it is due three days from now).
    const { rows: soonest } = await db.query<{ title: string }>(
      `select title from task where assignee_id = $1 and status = 'open' and due_at < $2
        order by due_at, id limit 10`,
      [zhangWeiId, new Date(day3.getTime() + 15 * 3_600_000)],
    );
    const listed = summary!.match(/^\d+\. [^·\n]+/gm)!.map((line) => line.trim());
    expect(listed).toEqual(soonest.map((r, i) => `${i + 1}. ${r.title}`));
    const firings = await db.query('select key from firing where key like $1 order by key', [
      `summary:${shanghaiDate(day3)}%`,
    ]);
    expect(firings.rows.map((r) => r.key)).toContain(`summary:${shanghaiDate(day3)}:${zhangWeiId}`);
    expect(toldZhangWei('早上好')).toHaveLength(1);
  });

  test('a day whose 09:00 was missed is made up by the first run after it', async () => {
    const day4 = shanghaiMorning(4);
    await runFollowUpJob(server, db, 'summary', new Date(day4.getTime() + 5 * 3_600_000));
    await waitFor(async () => (toldZhangWei('早上好').length === 2 ? true : undefined));
  });
});

/** `YYYY-MM-DD` in Asia/Shanghai. */
function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
